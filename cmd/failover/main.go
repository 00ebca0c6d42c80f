// Command failover runs the Direct Connect BGP failover drill on one transit VIF of a deployed stack: it
// reads the VIF's id from the stack's outputs and starts (or stops, or lists) AWS's BGP failover test, which
// holds the VIF's BGP sessions down for the given minutes so traffic must move to the other paths.
//
//	failover -stack prod -vif ash-a -minutes 30 start   # make failover-test STACK=prod VIF=ash-a MINUTES=30
//	failover -stack prod -vif ash-a stop                # make failover-test-stop STACK=prod VIF=ash-a
//	failover -stack prod -vif ash-a history             # past tests of the VIF
//
// It needs the Pulumi CLI (logged in to the stack's backend) and the AWS CLI with credentials for the
// stack's account. It refuses to run without an explicit stack and VIF, and refuses to take down the last
// working path to the data centre: another VIF with BGP up, or an internet VPN tunnel UP, must remain. See docs/hybrid.md, "Failover drill".
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/insurance/hybridcloud/internal/cli"
)

// AWS's limits on a BGP failover test's duration.
const (
	minMinutes     = 1
	maxMinutes     = 4320
	defaultMinutes = 30
)

// command runs a CLI and returns its standard output (cli.Exec, or a fake in tests).
type command = cli.Command

func main() {
	if err := run(os.Args[1:], cli.Exec, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// peer is one VIF as the stack exports it (directConnectBgpPeers).
type peer struct {
	VirtualInterfaceID string `json:"virtualInterfaceId"`
	ConnectionID       string `json:"connectionId"`
	Location           string `json:"location"`
}

// options are the command line: which stack and VIF, what to do, for how long.
type options struct {
	stack, vif, action string
	minutes            int
}

func parseOptions(argv []string, out io.Writer) (options, error) {
	flags := flag.NewFlagSet("failover", flag.ContinueOnError)
	flags.SetOutput(out)
	stack := flags.String("stack", "", "the deployed stack (required)")
	vif := flags.String("vif", "", "the VIF: its connection name from the stack config (ash-a), its id (dxvif-...), or all: every VIF at once, the Direct Connect to VPN step (required)")
	minutes := flags.Int("minutes", defaultMinutes, "how long the BGP sessions stay down (start only)")
	if err := flags.Parse(argv); err != nil {
		return options{}, err
	}
	o := options{stack: *stack, vif: *vif, action: flags.Arg(0), minutes: *minutes}
	if o.stack == "" || o.vif == "" {
		return o, errors.New("failover: refusing to run without an explicit stack and VIF: make failover-test STACK=prod VIF=<connection name> MINUTES=30")
	}
	if o.action != "start" && o.action != "stop" && o.action != "history" {
		return o, fmt.Errorf("failover: action %q: want start, stop or history", o.action)
	}
	return o, nil
}

// drill is one run against a deployed stack: its outputs, the chosen VIF and the region to call AWS in.
type drill struct {
	options
	cli   command
	out   io.Writer
	peers map[string]peer
	// targets are the VIFs under test: the one named, or with -vif all every VIF of the stack.
	targets []target
	region  []string
}

// target is a VIF under test, by its connection name.
type target struct {
	name string
	peer
}

// allVIFs is the -vif value that tests every VIF at once: the drill of Direct Connect failing over to the
// VPN, which only a test of every VIF shows in the Transit Gateway's routes.
const allVIFs = "all"

// choose picks the VIFs a drill tests: the named one, or every one, in name order.
func choose(peers map[string]peer, vif string) ([]target, error) {
	if vif != allVIFs {
		name, p, err := find(peers, vif)
		return []target{{name, p}}, err
	}
	if len(peers) == 0 {
		return nil, errors.New("it has no Direct Connect VIF (mode vpn, or no connection is available yet)")
	}
	names := make([]string, 0, len(peers))
	for name := range peers {
		names = append(names, name)
	}
	sort.Strings(names)
	out := make([]target, 0, len(names))
	for _, name := range names {
		out = append(out, target{name, peers[name]})
	}
	return out, nil
}

// output reads a stack output as JSON, without its quotes when it is a string.
func (d *drill) output(name string) (string, error) {
	raw, err := d.cli("pulumi", "stack", "output", name, "--stack", d.stack, "--json")
	return strings.Trim(strings.TrimSpace(string(raw)), `"`), err
}

func run(argv []string, cli command, out io.Writer) error {
	o, err := parseOptions(argv, out)
	if err != nil {
		return err
	}
	d := &drill{options: o, cli: cli, out: out}
	raw, err := d.output("directConnectBgpPeers")
	if err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(raw), &d.peers); err != nil {
		return fmt.Errorf("failover: reading directConnectBgpPeers of %s: %w", d.stack, err)
	}
	if d.targets, err = choose(d.peers, d.vif); err != nil {
		return fmt.Errorf("failover: stack %s: %w", d.stack, err)
	}
	region, err := cli("pulumi", "config", "get", "aws:region", "--stack", d.stack)
	if err != nil {
		return err
	}
	d.region = []string{"--region", strings.TrimSpace(string(region))}
	switch d.action {
	case "stop":
		return d.stop()
	case "history":
		return d.history()
	}
	return d.start()
}

func (d *drill) stop() error {
	for _, t := range d.targets {
		res, err := d.cli("aws", append([]string{"directconnect", "stop-bgp-failover-test", "--virtual-interface-id", t.VirtualInterfaceID}, d.region...)...)
		if err != nil {
			return err
		}
		if _, err := fmt.Fprintf(d.out, "Stopped the BGP failover test on %s (%s): its sessions come back up and Direct Connect takes the traffic back.\n%s", t.name, t.VirtualInterfaceID, res); err != nil {
			return err
		}
	}
	return nil
}

func (d *drill) history() error {
	for _, t := range d.targets {
		res, err := d.cli("aws", append([]string{"directconnect", "list-virtual-interface-test-history", "--virtual-interface-id", t.VirtualInterfaceID}, d.region...)...)
		if err != nil {
			return err
		}
		if _, err := d.out.Write(res); err != nil {
			return err
		}
	}
	return nil
}

// start checks the other paths are up, then takes the VIF's BGP down and says what to watch.
func (d *drill) start() error {
	if d.minutes < minMinutes || d.minutes > maxMinutes {
		return fmt.Errorf("failover: %d minutes is outside %d-%d, the test durations AWS accepts", d.minutes, minMinutes, maxMinutes)
	}
	tgw, err := d.output("transitGatewayId")
	if err != nil {
		return err
	}
	p, err := readPaths(d.cli, d.targets, d.peers, tgw, d.region)
	if err != nil {
		return err
	}
	warnings, err := decide(d.vif, p)
	if err != nil {
		return err
	}
	rt, err := d.output("transitGatewayVpcRouteTableId")
	if err != nil {
		return err
	}
	var res []byte
	for _, t := range d.targets {
		out, err := d.cli("aws", append([]string{"directconnect", "start-bgp-failover-test", "--virtual-interface-id", t.VirtualInterfaceID,
			"--test-duration-in-minutes", strconv.Itoa(d.minutes)}, d.region...)...)
		if err != nil {
			return err
		}
		res = append(res, out...)
	}
	for _, w := range warnings {
		if _, err := fmt.Fprintln(d.out, "Warning: "+w); err != nil {
			return err
		}
	}
	var names, ids, locations, alarms []string
	for _, t := range d.targets {
		names, ids, locations = append(names, t.name), append(ids, t.VirtualInterfaceID), append(locations, t.Location)
		alarms = append(alarms, d.stack+"-hybrid-dx-"+t.name+"-bgp")
	}
	_, err = fmt.Fprintf(d.out, watchText, strings.Join(names, ", "), strings.Join(ids, ", "), strings.Join(locations, ", "), d.minutes, res, d.stack, rt,
		strings.Join(d.region, " "), d.vif, strings.Join(alarms, ", "))
	return err
}

// watchText says what to watch. With two VIFs on one Direct Connect gateway the Transit Gateway sees one
// attachment, so a single VIF's test shows in the VIF's state and BGP status and on the routers, not in
// the route table; only a test of every VIF moves the routes to the VPN attachments.
const watchText = `Started the BGP failover test on %[1]s (%[2]s at %[3]s) for %[4]d minutes.
%[5]s
Watch:
  - the alarms %[10]s go to ALARM within about ten minutes, and back to OK after the test;
  - the VIF's state (testing) and its peers' BGP status, and the other VIFs' (still up):
      aws directconnect describe-virtual-interfaces %[8]s
  - on premises, the routers' routes to the VPC move to the other sessions;
  - with every VIF under test at once (the DX-to-VPN step), the on-premises prefixes leave the Direct Connect
    attachment for the VPN attachments:
      aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id %[7]s --filters Name=state,Values=active %[8]s
  - application checks from the data centre keep answering.
Roll back at any time: make failover-test-stop STACK=%[6]s VIF=%[9]s
`

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
