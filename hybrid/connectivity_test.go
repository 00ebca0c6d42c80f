package hybrid

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid/topology"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const (
	// dxAttachment is the Direct Connect gateway's Transit Gateway attachment under the mocks (the lookup's
	// answer).
	dxAttachment = "tgw-attach-hy-dxgw_id-hy-tgw_id"
	topicARN     = "arn:aws:sns:us-east-1:123456789012:st-foundation-operations"
	logsKeyARN   = "arn:aws:kms:us-east-1:123456789012:key/logs"
)

var onPremCIDRs = []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16"), netip.MustParsePrefix("172.20.0.0/16")}

// ids are one id per AZ of the test VPC (two AZs).
func ids(prefix string) pulumi.StringArray {
	out := make(pulumi.StringArray, 2)
	for i := range out {
		out[i] = pulumi.String(fmt.Sprintf("%s-%d", prefix, i))
	}
	return out
}

// testSettings is a valid configuration for mode: two Direct Connect connections at two locations and two
// routers per VPN, as the mode needs them.
func testSettings(mode topology.Mode) ConnectivitySettings {
	s := ConnectivitySettings{
		Mode:                   mode,
		TunnelLogRetentionDays: 365,
		Protect:                true,
		TransitGateway:         TransitGateway{AmazonSideASN: 64512},
	}
	need := func(part topology.Part) bool {
		n, err := mode.Need(part)
		return err == nil && n != topology.Forbidden
	}
	if need(topology.PartDirectConnect) {
		s.DirectConnect = &DirectConnect{AmazonSideASN: 64513, Resiliency: topology.ResiliencyHigh, MTU: topology.MTUJumbo, Connections: map[string]Connection{
			"ash-a": {ID: "dxcon-fgabc123", Location: "EqDC2", VLAN: 101, ASN: 65100, BGPAuthKey: "ash-key",
				AmazonAddress: netip.MustParsePrefix("169.254.100.1/30"), CustomerAddress: netip.MustParsePrefix("169.254.100.2/30")},
			"res-a": {ID: "dxcon-fgdef456", Location: "CSVA1", VLAN: 102, ASN: 65100, BGPAuthKey: "res-key"},
		}}
	}
	if need(topology.PartInternetVPN) {
		s.InternetVPN = &VPN{CustomerGateways: map[string]CustomerGateway{
			"edge1": {IPAddress: netip.MustParseAddr("198.51.100.10"), ASN: 65100, Tunnels: []Tunnel{
				{InsideCIDR: netip.MustParsePrefix("169.254.10.0/30"), PresharedKey: "edge1.tunnel1.key"},
				{InsideCIDR: netip.MustParsePrefix("169.254.10.4/30"), PresharedKey: "edge1.tunnel2.key"},
			}},
			"edge2": {IPAddress: netip.MustParseAddr("203.0.113.10"), ASN: 65100},
		}}
	}
	if need(topology.PartPrivateVPN) {
		s.TransitGateway.CIDRBlocks = []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}
		s.PrivateVPN = &VPN{CustomerGateways: map[string]CustomerGateway{
			"core1": {IPAddress: netip.MustParseAddr("10.100.250.1"), ASN: 65100},
			"core2": {IPAddress: netip.MustParseAddr("10.100.250.2"), ASN: 65100},
		}}
	}
	return s
}

// testArgs wires testSettings(mode) into a two-AZ VPC.
func testArgs(mode topology.Mode) *ConnectivityArgs {
	return &ConnectivityArgs{
		Settings:          testSettings(mode),
		VPCID:             pulumi.String("vpc-1"),
		VPCCIDR:           netip.MustParsePrefix("10.10.0.0/16"),
		AppSubnetIDs:      ids("app"),
		AppRouteTableIDs:  ids("app-rt"),
		DataRouteTableIDs: ids("data-rt"),
		OnPremisesCIDRs:   onPremCIDRs,
		LogsKeyARN:        pulumi.String(logsKeyARN),
		AlarmTopicARN:     pulumi.String(topicARN),
		AccountID:         pulumi.String("123456789012"),
		Partition:         "aws",
		Region:            "us-east-1",
	}
}

// runConnectivity declares one Connectivity named "hy" under the mocks.
func runConnectivity(t *testing.T, args *ConnectivityArgs, mode plan.Mode) (*plan.Result, *Connectivity) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Connectivity, error) {
		return NewConnectivity(ctx, "hy", args, opts...)
	})
}

func TestTransitGatewayRoutesOnlyThroughExplicitRouteTables(t *testing.T) {
	res, c := runConnectivity(t, testArgs(topology.ModeVPN), plan.Up)
	tgw := plantest.Named(t, res, token.TGWTransitGateway, "hy-tgw").Props()
	assert.EqualValues(t, 64512, tgw["amazonSideAsn"])
	assert.Equal(t, "disable", tgw["defaultRouteTableAssociation"])
	assert.Equal(t, "disable", tgw["defaultRouteTablePropagation"])
	assert.Equal(t, "disable", tgw["autoAcceptSharedAttachments"])
	assert.Equal(t, "enable", tgw["dnsSupport"])
	assert.Equal(t, "enable", tgw["vpnEcmpSupport"], "ECMP spreads traffic over every VPN tunnel")
	assert.NotContains(t, tgw, "transitGatewayCidrBlocks", "only the encrypted mode needs CIDR blocks")

	attachment := plantest.Named(t, res, token.TGWVPCAttachment, "hy-vpc").Props()
	assert.Equal(t, "vpc-1", attachment["vpcId"])
	assert.Equal(t, []any{"app-0", "app-1"}, attachment["subnetIds"], "the attachment sits in the app subnets")
	assert.Equal(t, false, attachment["transitGatewayDefaultRouteTableAssociation"])
	assert.Equal(t, false, attachment["transitGatewayDefaultRouteTablePropagation"])
	assoc := plantest.Named(t, res, token.TGWRouteTableAssociation, "hy-vpc").Props()
	assert.Equal(t, "hy-vpc_id", assoc["transitGatewayAttachmentId"])
	assert.Equal(t, "hy-vpc-rt_id", assoc["transitGatewayRouteTableId"])
	prop := plantest.Named(t, res, token.TGWRouteTablePropagation, "hy-vpc").Props()
	assert.Equal(t, "hy-onprem-rt_id", prop["transitGatewayRouteTableId"], "the paths' route table learns the VPC")

	assert.Equal(t, pulumi.ID("hy-tgw_id"), plantest.Await(t, c.TransitGatewayID).Value)
	assert.Equal(t, pulumi.ID("hy-vpc-rt_id"), plantest.Await(t, c.VPCRouteTableID).Value, "the failover drill reads this route table")
}

func TestEveryAppAndDataRouteTableSendsEveryOnPremisesCIDRToTheTransitGateway(t *testing.T) {
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectWithVPN), plan.Up)
	routes := plantest.Every(t, res, token.EC2Route, 8)
	got := map[string]bool{}
	for _, r := range routes {
		p := r.Props()
		assert.Equal(t, "hy-tgw_id", p["transitGatewayId"], r.Name)
		got[fmt.Sprintf("%s>%s", p["routeTableId"], p["destinationCidrBlock"])] = true
	}
	var want []string
	for _, rt := range []string{"app-rt-0", "app-rt-1", "data-rt-0", "data-rt-1"} {
		for _, c := range onPremCIDRs {
			want = append(want, rt+">"+c.String())
			assert.True(t, got[rt+">"+c.String()], "no route from %s to %s via the Transit Gateway", rt, c)
		}
	}
	assert.Len(t, got, len(want), "exactly one route per route table and on-premises CIDR")
	assert.Len(t, routes, len(want))
}

func TestEachModeDeclaresOnlyWhatItNeeds(t *testing.T) {
	tests := []struct {
		mode                    topology.Mode
		dxGateways, vifs, vpns  int
		privateVPNs, transports int
	}{
		{topology.ModeVPN, 0, 0, 2, 0, 0},
		{topology.ModeDirectConnect, 1, 2, 0, 0, 0},
		{topology.ModeDirectConnectWithVPN, 1, 2, 2, 0, 0},
		{topology.ModeDirectConnectEncrypted, 1, 2, 4, 2, 1},
	}
	require.Len(t, tests, len(topology.Modes))
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			res, c := runConnectivity(t, testArgs(tt.mode), plan.Up)
			counts := res.CountByType()
			assert.Equal(t, tt.dxGateways, counts[token.DXGateway])
			assert.Equal(t, tt.dxGateways, counts[token.DXGatewayAssociation])
			assert.Equal(t, tt.vifs, counts[token.DXTransitVirtualInterface])
			assert.Equal(t, tt.vpns, counts[token.EC2VPNConnection])
			assert.Equal(t, tt.vpns, counts[token.EC2CustomerGateway])
			assert.Equal(t, tt.vpns, counts[token.CloudWatchLogGroup], "one tunnel log group per VPN connection")
			assert.Equal(t, 2+tt.transports, counts[token.TGWRouteTable])
			var private int
			for _, v := range res.OfType(token.EC2VPNConnection) {
				if v.Props()["outsideIpAddressType"] == "PrivateIpv4" {
					private++
				}
			}
			assert.Equal(t, tt.privateVPNs, private)
			assert.Len(t, c.VirtualInterfaceIDs, tt.vifs)
			assert.Len(t, c.VPNTunnels, tt.vpns)
			if tt.mode == topology.ModeVPN {
				for _, typ := range res.Types() {
					assert.NotContains(t, typ, "directconnect", "vpn mode declares no Direct Connect resource")
				}
			}
		})
	}
}

func TestTheDirectConnectGatewayIDIsSetOnlyWithDirectConnect(t *testing.T) {
	for _, mode := range plantest.Modes {
		_, c := runConnectivity(t, testArgs(topology.ModeDirectConnect), mode)
		id := plantest.Await(t, c.DirectConnectGatewayID)
		assert.Equal(t, mode == plan.Up, id.Known, mode)
		if mode == plan.Up {
			assert.Equal(t, pulumi.ID("hy-dxgw_id"), id.Value)
		}

		_, c = runConnectivity(t, testArgs(topology.ModeVPN), mode)
		assert.Equal(t, pulumi.IDOutput{}, c.DirectConnectGatewayID, "%s: vpn mode leaves it the zero output, which platform never exports", mode)
		assert.Empty(t, c.VirtualInterfaceIDs, mode)
		assert.Empty(t, c.BGPPeers, mode)
	}
}

func TestProtectKeepsWhatTheRoutersAreConfiguredWith(t *testing.T) {
	kept := map[string]int{
		token.TGWTransitGateway: 1, token.TGWVPCAttachment: 1, token.DXGateway: 1, token.DXGatewayAssociation: 1,
		token.DXTransitVirtualInterface: 2, token.EC2CustomerGateway: 2, token.EC2VPNConnection: 2,
	}
	for _, protect := range []bool{false, true} {
		args := testArgs(topology.ModeDirectConnectWithVPN)
		args.Settings.Protect = protect
		res, _ := runConnectivity(t, args, plan.Up)
		for typ, n := range kept {
			for _, r := range plantest.Every(t, res, typ, n) {
				assert.Equal(t, protect, r.Protect, "protect=%v: %s %s", protect, typ, r.Name)
			}
		}
		for _, r := range plantest.Every(t, res, token.CloudWatchLogGroup, 2) {
			assert.Equal(t, protect, r.RetainOnDelete, "protect=%v: %s", protect, r.Name)
		}
	}
}

func TestPreviewDeclaresWhatUpDeclaresInEveryMode(t *testing.T) {
	for _, mode := range topology.Modes {
		t.Run(string(mode), func(t *testing.T) {
			up, _ := runConnectivity(t, testArgs(mode), plan.Up)
			preview, _ := runConnectivity(t, testArgs(mode), plan.Preview)
			var upURNs, previewURNs []string
			for _, r := range up.Resources {
				upURNs = append(upURNs, r.URN)
			}
			for _, r := range preview.Resources {
				previewURNs = append(previewURNs, r.URN)
			}
			assert.NotEmpty(t, upURNs)
			assert.Equal(t, upURNs, previewURNs)
		})
	}
}

func TestEveryChildIsParentedToTheConnectivityAndNamedAfterIt(t *testing.T) {
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectEncrypted), plan.Up)
	component := plantest.Named(t, res, ConnectivityType, "hy")
	children := 0
	for _, r := range res.Resources {
		if !r.Custom || r.Type == token.AWSProvider {
			continue
		}
		children++
		assert.Equal(t, component.URN, r.Parent, "%s %s", r.Type, r.Name)
		assert.True(t, strings.HasPrefix(r.Name, "hy-"), "%s is named after its component", r.Name)
	}
	assert.Greater(t, children, 40)
}

func TestNewConnectivityRefusesMissingArgsNamingTheComponent(t *testing.T) {
	res, err := declareConnectivityErr(t, nil)
	require.Error(t, err)
	assert.Equal(t, "hybrid: connectivity hy: args are required", err.Error())
	assert.Empty(t, res.OfType(ConnectivityType))

	args := testArgs(topology.ModeDirectConnectWithVPN)
	args.Settings.DirectConnect = nil
	args.AlarmTopicARN = nil
	res, err = declareConnectivityErr(t, args)
	require.Error(t, err)
	for _, want := range []string{"hybrid: connectivity hy: ", "mode directConnectWithVpn needs Direct Connect", "the operations topic is required"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, res.Resources[1:], "nothing but the provider is declared before the args are valid")
}

// declareConnectivityErr runs NewConnectivity under the mocks and returns its error instead of failing the
// run, so a test can see what was declared before it.
func declareConnectivityErr(t *testing.T, args *ConnectivityArgs) (*plan.Result, error) {
	t.Helper()
	var declared error
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Connectivity, error) {
		c, err := NewConnectivity(ctx, "hy", args, opts...)
		declared = err
		return c, nil
	})
	return res, declared
}

func TestConnectivityRefusesArgsThatDoNotFitTheMode(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *ConnectivityArgs)
		want string
	}{
		{"Direct Connect mode without Direct Connect", func(a *ConnectivityArgs) { a.Settings.DirectConnect = nil }, "mode directConnectWithVpn needs Direct Connect"},
		{"a VPN the mode does not use", func(a *ConnectivityArgs) { a.Settings.Mode = topology.ModeDirectConnect },
			"mode directConnect has no Site-to-Site VPN over the internet"},
		{"a private VPN without CIDR blocks", func(a *ConnectivityArgs) {
			a.Settings.Mode = topology.ModeDirectConnectEncrypted
			a.Settings.PrivateVPN = &VPN{CustomerGateways: map[string]CustomerGateway{"c": {IPAddress: netip.MustParseAddr("10.1.1.1"), ASN: 65100}}}
		}, "mode directConnectEncrypted needs Transit Gateway CIDR blocks"},
		{"a clear-text summary in the encrypted mode", func(a *ConnectivityArgs) {
			*a = *testArgs(topology.ModeDirectConnectEncrypted)
			a.Settings.DirectConnect.AllowedPrefixes = []netip.Prefix{a.VPCCIDR}
		}, "mode directConnectEncrypted has no allowed prefixes advertised in clear"},
		{"one tunnel", func(a *ConnectivityArgs) {
			gw := a.Settings.InternetVPN.CustomerGateways["edge1"]
			gw.Tunnels = gw.Tunnels[:1]
			a.Settings.InternetVPN.CustomerGateways["edge1"] = gw
		}, "customer gateway edge1: 1 tunnels given"},
		{"a VPN without routers", func(a *ConnectivityArgs) { a.Settings.InternetVPN.CustomerGateways = nil }, "a VPN needs at least one customer gateway"},
		{"a connection with both an id and an order", func(a *ConnectivityArgs) {
			conn := a.Settings.DirectConnect.Connections["ash-a"]
			conn.Order = &Order{Bandwidth: "10Gbps"}
			a.Settings.DirectConnect.Connections["ash-a"] = conn
		}, "connection ash-a: set exactly one"},
		{"connections below their resiliency model", func(a *ConnectivityArgs) { delete(a.Settings.DirectConnect.Connections, "res-a") },
			"resiliency high needs a connection at each of 2 locations"},
		{"an MTU a transit VIF refuses", func(a *ConnectivityArgs) { a.Settings.DirectConnect.MTU = 9001 }, "9001 is not a transit VIF MTU"},
		{"no tunnel log retention", func(a *ConnectivityArgs) { a.Settings.TunnelLogRetentionDays = 0 }, "VPN tunnel logs need the logs key, a positive retention"},
		{"no account for the tunnel logs' delivery", func(a *ConnectivityArgs) { a.AccountID = nil }, "VPN tunnel logs need the logs key, a positive retention, the account, partition and region"},
		{"no region for the tunnel logs' delivery", func(a *ConnectivityArgs) { a.Region = "" }, "the account, partition and region"},
		{"no partition for the tunnel logs' delivery", func(a *ConnectivityArgs) { a.Partition = "" }, "the account, partition and region"},
		{"no operations topic", func(a *ConnectivityArgs) { a.AlarmTopicARN = nil }, "the operations topic is required"},
		{"no route tables", func(a *ConnectivityArgs) { a.DataRouteTableIDs = nil }, "route tables are required"},
		{"no Transit Gateway ASN", func(a *ConnectivityArgs) { a.Settings.TransitGateway.AmazonSideASN = 0 }, "the Transit Gateway ASN is required"},
		{"an unknown mode", func(a *ConnectivityArgs) { a.Settings.Mode = "carrierPigeon" }, `"carrierPigeon" is not a connectivity mode`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := testArgs(topology.ModeDirectConnectWithVPN)
			tt.edit(args)
			_, err := declareConnectivityErr(t, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, strings.HasPrefix(err.Error(), "hybrid: connectivity hy: "), err.Error())
		})
	}
	for _, mode := range topology.Modes {
		assert.NoError(t, testArgs(mode).validate(), mode)
	}
}

func TestConfiguredNamesEveryPartOfTheTopology(t *testing.T) {
	configured := testSettings(topology.ModeDirectConnectEncrypted).Configured()
	assert.Len(t, configured, len(topology.Parts))
	for _, part := range topology.Parts {
		assert.Contains(t, configured, part)
	}
	assert.Equal(t, map[topology.Part]bool{
		topology.PartDirectConnect: true, topology.PartInternetVPN: true, topology.PartPrivateVPN: true,
		topology.PartTGWCIDRBlocks: true, topology.PartAllowedPrefixes: false,
	}, configured)
}

func TestTransitGatewayArgsCarryCIDRBlocksOnlyWhenGiven(t *testing.T) {
	args := transitGatewayArgs("hy", TransitGateway{AmazonSideASN: 64512})
	assert.Nil(t, args.TransitGatewayCidrBlocks, "an empty list would still be an input")
	assert.Equal(t, pulumi.Int(64512), args.AmazonSideAsn)
	args = transitGatewayArgs("hy", TransitGateway{AmazonSideASN: 64512, CIDRBlocks: []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}})
	assert.Equal(t, pulumi.StringArray{pulumi.String("10.255.0.0/24")}, args.TransitGatewayCidrBlocks)
}
