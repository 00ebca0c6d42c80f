package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const twoVIFs = `{"ash-a": {"virtualInterfaceId": "dxvif-ffaaa111", "connectionId": "dxcon-fgabc123", "location": "EqDC2", "vlan": 101},
  "res-a": {"virtualInterfaceId": "dxvif-ffbbb222", "connectionId": "dxcon-fgdef456", "location": "CSVA1", "vlan": 102}}`

// fakeCLI answers pulumi and aws commands from a stack's outputs and records the aws calls.
type fakeCLI struct {
	outputs map[string]string
	vifs    string // describe-virtual-interfaces
	vpns    string // describe-vpn-connections
	awsRuns [][]string
}

func (f *fakeCLI) run(name string, args ...string) ([]byte, error) {
	switch {
	case name == "pulumi" && args[0] == "stack":
		v, ok := f.outputs[args[2]]
		if !ok {
			return nil, fmt.Errorf("no output %s", args[2])
		}
		return []byte(v), nil
	case name == "pulumi" && args[0] == "config":
		return []byte("us-east-1\n"), nil
	case name == "aws" && args[1] == "describe-virtual-interfaces":
		return []byte(f.vifs), nil
	case name == "aws" && args[1] == "describe-vpn-connections":
		return []byte(f.vpns), nil
	case name == "aws":
		f.awsRuns = append(f.awsRuns, args)
		return []byte("{}\n"), nil
	}
	return nil, fmt.Errorf("unexpected command %s", name)
}

func prodCLI() *fakeCLI {
	return &fakeCLI{outputs: map[string]string{
		"directConnectBgpPeers":         twoVIFs,
		"hybridMode":                    `"directConnectWithVpn"`,
		"transitGatewayVpcRouteTableId": `"tgw-rtb-0abc"`,
		"transitGatewayId":              `"tgw-0abc"`,
	},
		vifs: `{"virtualInterfaces": [
  {"virtualInterfaceId": "dxvif-ffaaa111", "virtualInterfaceState": "available", "mtu": 1500, "bgpPeers": [{"bgpStatus": "up"}]},
  {"virtualInterfaceId": "dxvif-ffbbb222", "virtualInterfaceState": "available", "mtu": 1500, "bgpPeers": [{"bgpStatus": "up"}]}]}`,
		vpns: `{"VpnConnections": [{"Options": {"OutsideIpAddressType": "PublicIpv4"}, "VgwTelemetry": [{"Status": "UP"}, {"Status": "UP"}]}]}`,
	}
}

func TestStartRunsTheFailoverTestOnTheNamedVIF(t *testing.T) {
	cli := prodCLI()
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-vif", "res-a", "-minutes", "45", "start"}, cli.run, &out))
	require.Len(t, cli.awsRuns, 1)
	assert.Equal(t, []string{"directconnect", "start-bgp-failover-test", "--virtual-interface-id", "dxvif-ffbbb222",
		"--test-duration-in-minutes", "45", "--region", "us-east-1"}, cli.awsRuns[0])
	assert.Contains(t, out.String(), "prod-hybrid-dx-res-a-bgp", "says which alarm to watch")
	assert.Contains(t, out.String(), "--transit-gateway-route-table-id tgw-rtb-0abc", "says where routes move")
	assert.Contains(t, out.String(), "make failover-test-stop STACK=prod VIF=res-a", "says how to roll back")
}

func TestStopAndHistoryFindTheVIFByItsID(t *testing.T) {
	cli := prodCLI()
	require.NoError(t, run([]string{"-stack", "prod", "-vif", "dxvif-ffaaa111", "stop"}, cli.run, &bytes.Buffer{}))
	require.NoError(t, run([]string{"-stack", "prod", "-vif", "ash-a", "history"}, cli.run, &bytes.Buffer{}))
	require.Len(t, cli.awsRuns, 2)
	assert.Equal(t, []string{"directconnect", "stop-bgp-failover-test", "--virtual-interface-id", "dxvif-ffaaa111", "--region", "us-east-1"}, cli.awsRuns[0])
	assert.Equal(t, "list-virtual-interface-test-history", cli.awsRuns[1][1])
}

func TestTheDrillRefusesWhatItShouldNotRun(t *testing.T) {
	onlyPath := prodCLI()
	onlyPath.outputs["hybridMode"] = `"directConnect"`
	onlyPath.outputs["directConnectBgpPeers"] = `{"ash-a": {"virtualInterfaceId": "dxvif-ffaaa111"}}`
	onlyPath.vpns = `{"VpnConnections": []}`
	backupDown := prodCLI()
	backupDown.vifs = strings.Replace(backupDown.vifs, `"bgpStatus": "up"}]}]`, `"bgpStatus": "down"}]}]`, 1)
	backupDown.vpns = `{"VpnConnections": [{"Options": {"OutsideIpAddressType": "PublicIpv4"}, "VgwTelemetry": [{"Status": "DOWN"}, {"Status": "DOWN"}]}]}`
	encrypted := prodCLI()
	encrypted.outputs["directConnectBgpPeers"] = `{"ash-a": {"virtualInterfaceId": "dxvif-ffaaa111"}}`
	encrypted.vpns = `{"VpnConnections": [{"Options": {"OutsideIpAddressType": "PrivateIpv4"}, "VgwTelemetry": [{"Status": "UP"}, {"Status": "UP"}]}]}`
	vpnDown := prodCLI() // the other VIF is up, but with every VIF under test only the VPN is left
	vpnDown.vpns = backupDown.vpns
	dev := prodCLI()
	dev.outputs["directConnectBgpPeers"] = `{}`
	tests := []struct {
		name string
		cli  *fakeCLI
		argv string
		want string
	}{
		{"no stack", prodCLI(), "-vif ash-a start", "without an explicit stack and VIF"},
		{"no VIF", prodCLI(), "-stack prod start", "without an explicit stack and VIF"},
		{"no action", prodCLI(), "-stack prod -vif ash-a", `action ""`},
		{"an unknown VIF", prodCLI(), "-stack prod -vif fra-a start", `no VIF "fra-a"; its VIFs are ash-a, res-a`},
		{"a stack without Direct Connect", dev, "-stack dev -vif ash-a start", "has no Direct Connect VIF"},
		{"too long a test", prodCLI(), "-stack prod -vif ash-a -minutes 5000 start", "outside 1-4320"},
		{"the only path", onlyPath, "-stack prod -vif ash-a start", "the test would cut the data centre off"},
		{"the other VIF and the VPN already down", backupDown, "-stack prod -vif ash-a start", "ash-a is the last working path"},
		{"encrypted, private tunnels only: they ride Direct Connect", encrypted, "-stack prod -vif ash-a start", "last working path"},
		{"every VIF while the VPN is down", vpnDown, "-stack prod -vif all start", "all is the last working path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(strings.Fields(tt.argv), tt.cli.run, &bytes.Buffer{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, tt.cli.awsRuns, "nothing was started")
		})
	}
}

func TestDecideKeepsAWorkingPath(t *testing.T) {
	_, err := decide("ash-a", paths{})
	assert.ErrorContains(t, err, "ash-a is the last working path")
	w, err := decide("ash-a", paths{otherVIFsUp: []string{"res-a"}, mtu: 8500})
	require.NoError(t, err)
	assert.Empty(t, w, "another VIF carries the jumbo frames")
	w, err = decide("ash-a", paths{vpnTunnelsUp: 2, mtu: 8500})
	require.NoError(t, err)
	require.Len(t, w, 1)
	assert.Contains(t, w[0], "clamp TCP MSS", "jumbo frames failing over to a 1500-byte VPN")
	w, err = decide("ash-a", paths{vpnTunnelsUp: 1, mtu: 1500})
	require.NoError(t, err)
	assert.Empty(t, w)
}

func TestReadPathsCountsOnlyTheStacksOtherVIFsAndInternetTunnels(t *testing.T) {
	cli := prodCLI()
	cli.vifs = `{"virtualInterfaces": [
  {"virtualInterfaceId": "dxvif-ffaaa111", "virtualInterfaceState": "testing", "mtu": 8500, "bgpPeers": [{"bgpStatus": "down"}]},
  {"virtualInterfaceId": "dxvif-ffbbb222", "virtualInterfaceState": "available", "bgpPeers": [{"bgpStatus": "down"}, {"bgpStatus": "up"}]},
  {"virtualInterfaceId": "dxvif-other999", "virtualInterfaceState": "available", "bgpPeers": [{"bgpStatus": "up"}]}]}`
	cli.vpns = `{"VpnConnections": [{"Options": {"OutsideIpAddressType": "PrivateIpv4"}, "VgwTelemetry": [{"Status": "UP"}]},
  {"Options": {}, "VgwTelemetry": [{"Status": "UP"}, {"Status": "DOWN"}]}]}`
	peers := map[string]peer{"ash-a": {VirtualInterfaceID: "dxvif-ffaaa111"}, "res-a": {VirtualInterfaceID: "dxvif-ffbbb222"}}
	p, err := readPaths(cli.run, []target{{"ash-a", peers["ash-a"]}}, peers, "tgw-0abc", []string{"--region", "us-east-1"})
	require.NoError(t, err)
	assert.Equal(t, paths{otherVIFsUp: []string{"res-a"}, vpnTunnelsUp: 1, mtu: 8500}, p)
}

// The Direct Connect to VPN step: every VIF under test at once, started only while an internet VPN tunnel is
// UP, and stopped together.
func TestEveryVIFAtOnceFailsDirectConnectOverToTheVPN(t *testing.T) {
	cli := prodCLI()
	var out bytes.Buffer
	require.NoError(t, run(strings.Fields("-stack prod -vif all -minutes 30 start"), cli.run, &out))
	var started []string
	for _, r := range cli.awsRuns {
		if r[1] == "start-bgp-failover-test" {
			started = append(started, r[3])
		}
	}
	assert.Equal(t, []string{"dxvif-ffaaa111", "dxvif-ffbbb222"}, started, "both VIFs, in name order")
	assert.Contains(t, out.String(), "ash-a, res-a")
	assert.Contains(t, out.String(), "make failover-test-stop STACK=prod VIF=all")

	cli = prodCLI()
	require.NoError(t, run(strings.Fields("-stack prod -vif all stop"), cli.run, &bytes.Buffer{}))
	require.Len(t, cli.awsRuns, 2)
	assert.Equal(t, "stop-bgp-failover-test", cli.awsRuns[0][1])
	assert.Equal(t, "dxvif-ffbbb222", cli.awsRuns[1][3])
}
