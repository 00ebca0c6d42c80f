// Command failover runs the Direct Connect BGP failover drill on one transit VIF of a deployed stack: it
// reads the VIF's id from the stack's outputs and starts (or stops, or lists) AWS's BGP failover test, which
// holds the VIF's BGP sessions down for the given minutes so traffic must move to the other paths.
//
//	failover -stack prod -vif ash-a -minutes 30 start   # make failover-test STACK=prod VIF=ash-a MINUTES=30
//	failover -stack prod -vif ash-a stop                # make failover-test-stop STACK=prod VIF=ash-a
//	failover -stack prod -vif ash-a history             # past tests of the VIF
//
// It needs the Pulumi CLI (logged in to the stack's backend) and the AWS CLI with credentials for the
// stack's account. It refuses to run without an explicit stack and VIF, and refuses to take down the only
// path to the data centre. See docs/hybrid.md, "Failover drill".
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
)

// AWS's limits on a BGP failover test's duration.
const (
	minMinutes     = 1
	maxMinutes     = 4320
	defaultMinutes = 30
)

// command runs a CLI and returns its standard output.
type command func(name string, args ...string) ([]byte, error)

func main() {
	if err := run(os.Args[1:], execCommand, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func execCommand(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return out, nil
}

// peer is one VIF as the stack exports it (directConnectBgpPeers).
type peer struct {
	VirtualInterfaceID string `json:"virtualInterfaceId"`
	ConnectionID       string `json:"connectionId"`
	Location           string `json:"location"`
}

func run(argv []string, cli command, out io.Writer) error {
	flags := flag.NewFlagSet("failover", flag.ContinueOnError)
	flags.SetOutput(out)
	stack := flags.String("stack", "", "the deployed stack (required)")
	vif := flags.String("vif", "", "the VIF: its connection name from the stack config (ash-a) or its id (dxvif-...) (required)")
	minutes := flags.Int("minutes", defaultMinutes, "how long the BGP sessions stay down (start only)")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	if *stack == "" || *vif == "" {
		return errors.New("failover: refusing to run without an explicit stack and VIF: make failover-test STACK=prod VIF=<connection name> MINUTES=30")
	}
	action := flags.Arg(0)
	if action != "start" && action != "stop" && action != "history" {
		return fmt.Errorf("failover: action %q: want start, stop or history", action)
	}

	output := func(name string) ([]byte, error) {
		return cli("pulumi", "stack", "output", name, "--stack", *stack, "--json")
	}
	raw, err := output("directConnectBgpPeers")
	if err != nil {
		return err
	}
	var peers map[string]peer
	if err := json.Unmarshal(raw, &peers); err != nil {
		return fmt.Errorf("failover: reading directConnectBgpPeers of %s: %w", *stack, err)
	}
	name, target, err := find(peers, *vif)
	if err != nil {
		return fmt.Errorf("failover: stack %s: %w", *stack, err)
	}
	region, err := cli("pulumi", "config", "get", "aws:region", "--stack", *stack)
	if err != nil {
		return err
	}
	regionFlag := []string{"--region", strings.TrimSpace(string(region))}

	switch action {
	case "stop":
		res, err := cli("aws", append([]string{"directconnect", "stop-bgp-failover-test", "--virtual-interface-id", target.VirtualInterfaceID}, regionFlag...)...)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "Stopped the BGP failover test on %s (%s): its sessions come back up and Direct Connect takes the traffic back.\n%s", name, target.VirtualInterfaceID, res)
		return err
	case "history":
		res, err := cli("aws", append([]string{"directconnect", "list-virtual-interface-test-history", "--virtual-interface-id", target.VirtualInterfaceID}, regionFlag...)...)
		if err != nil {
			return err
		}
		_, err = out.Write(res)
		return err
	}

	if *minutes < minMinutes || *minutes > maxMinutes {
		return fmt.Errorf("failover: %d minutes is outside %d-%d, the test durations AWS accepts", *minutes, minMinutes, maxMinutes)
	}
	mode, err := output("hybridMode")
	if err != nil {
		return err
	}
	if m := strings.Trim(strings.TrimSpace(string(mode)), `"`); m == "directConnect" && len(peers) == 1 {
		return fmt.Errorf("failover: refusing: %s is the only path of stack %s (mode directConnect, no other VIF, no VPN); the test would cut the data centre off", name, *stack)
	}
	rt, err := output("transitGatewayVpcRouteTableId")
	if err != nil {
		return err
	}
	res, err := cli("aws", append([]string{"directconnect", "start-bgp-failover-test", "--virtual-interface-id", target.VirtualInterfaceID,
		"--test-duration-in-minutes", strconv.Itoa(*minutes)}, regionFlag...)...)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, `Started the BGP failover test on %[1]s (%[2]s at %[3]s) for %[4]d minutes.
%[5]s
Watch:
  - the alarm %[6]s-hybrid-dx-%[1]s-bgp goes to ALARM within about ten minutes, and back to OK after the test;
  - the on-premises prefixes in the Transit Gateway route table leave the Direct Connect attachment:
      aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id %[7]s --filters Name=state,Values=active %[8]s
    they stay reachable through another VIF, or through the VPN attachments;
  - application checks from the data centre keep answering.
Roll back at any time: make failover-test-stop STACK=%[6]s VIF=%[1]s
`, name, target.VirtualInterfaceID, target.Location, *minutes, res, *stack, strings.Trim(strings.TrimSpace(string(rt)), `"`), strings.Join(regionFlag, " "))
	return err
}

// find picks the VIF by connection name or by id.
func find(peers map[string]peer, vif string) (string, peer, error) {
	if p, ok := peers[vif]; ok {
		return vif, p, nil
	}
	names := make([]string, 0, len(peers))
	for name, p := range peers {
		if p.VirtualInterfaceID == vif {
			return name, p, nil
		}
		names = append(names, name)
	}
	if len(names) == 0 {
		return "", peer{}, errors.New("it has no Direct Connect VIF (mode vpn, or no connection is available yet)")
	}
	sort.Strings(names)
	return "", peer{}, fmt.Errorf("no VIF %q; its VIFs are %s", vif, strings.Join(names, ", "))
}
