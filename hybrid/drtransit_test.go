package hybrid

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func drTransitArgs() *DRTransitArgs {
	return &DRTransitArgs{
		Settings:               DRTransitSettings{AmazonSideASN: 64514, Protect: true},
		DirectConnectGatewayID: pulumi.String("dxgw-1"),
		VPCID:                  pulumi.String("vpc-dr"), VPCCIDR: netip.MustParsePrefix("10.11.0.0/16"),
		AppSubnetIDs:     pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b")},
		AppRouteTableIDs: pulumi.StringArray{pulumi.String("rt-a"), pulumi.String("rt-b")}, DataRouteTableIDs: pulumi.StringArray{pulumi.String("rt-c")},
		OnPremisesCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")},
	}
}

func TestTheDRTransitGatewayAdvertisesOnlyTheDRRangeOnTheDirectConnectGateway(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, d := plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
			return NewDRTransit(ctx, "t-dr-hybrid", drTransitArgs(), opts...)
		})
		assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.11.0.0/16")}, d.AllowedPrefixes)
		assoc := plantest.Named(t, res, "aws:directconnect/gatewayAssociation:GatewayAssociation", "t-dr-hybrid-dxgw-tgw")
		assert.Equal(t, "dxgw-1", assoc.Props()["dxGatewayId"], mode)
		assert.Equal(t, []any{"10.11.0.0/16"}, assoc.Props()["allowedPrefixes"], mode)
		assert.True(t, assoc.Protect, mode)
		tgw := plantest.Named(t, res, "aws:ec2transitgateway/transitGateway:TransitGateway", "t-dr-hybrid-tgw").Props()
		assert.Equal(t, "disable", tgw["defaultRouteTableAssociation"], "every attachment is associated explicitly, as on the primary")
		// Each app and data route table sends the data centre to the DR Transit Gateway.
		assert.Len(t, plantest.Every(t, res, "aws:ec2/route:Route", 3), 3, mode)
		_, transport := res.Named(token.TGWRouteTable, "t-dr-hybrid-transport-rt")
		assert.False(t, transport, "no transport route table without a private VPN")
		if mode == plan.Up {
			// In the clear the Direct Connect attachment is a path to the DR VPC, as on the primary.
			dx := plantest.Named(t, res, token.TGWRouteTableAssociation, "t-dr-hybrid-dx").Props()
			assert.Equal(t, "t-dr-hybrid-onprem-rt_id", dx["transitGatewayRouteTableId"])
			assert.Equal(t, "t-dr-hybrid-vpc-rt_id", plantest.Named(t, res, token.TGWRouteTablePropagation, "t-dr-hybrid-dx").Props()["transitGatewayRouteTableId"])
		}
	}
}

// encryptedDRTransitArgs are the DR transit of a primary in ModeDirectConnectEncrypted: two core routers
// over Direct Connect, one edge router over the internet, the primary's tunnels fixed.
func encryptedDRTransitArgs() *DRTransitArgs {
	args := drTransitArgs()
	fixed := []Tunnel{{InsideCIDR: netip.MustParsePrefix("169.254.20.0/30")}, {InsideCIDR: netip.MustParsePrefix("169.254.20.4/30")}}
	args.Settings.PrivateVPN = &VPN{CustomerGateways: map[string]CustomerGateway{
		"core1": {IPAddress: netip.MustParseAddr("10.100.250.1"), ASN: 65100, Tunnels: fixed},
		"core2": {IPAddress: netip.MustParseAddr("10.100.250.2"), ASN: 65100},
	}}
	args.Settings.VPN = &VPN{CustomerGateways: map[string]CustomerGateway{"edge1": {IPAddress: netip.MustParseAddr("198.51.100.10"), ASN: 65100}}}
	args.Settings.CIDRBlocks = []netip.Prefix{netip.MustParsePrefix("10.254.0.0/24")}
	args.Settings.TunnelLogRetentionDays = 365
	args.LogsKeyARN, args.AlarmTopicARN = pulumi.String("arn:aws:kms:us-west-2:123456789012:key/logs"), pulumi.String(topicARN)
	args.AccountID, args.Partition, args.Region = pulumi.String("123456789012"), "aws", "us-west-2"
	return args
}

func TestAnEncryptedPrimaryReachesTheDRRegionThroughIPsecOverDirectConnectOnly(t *testing.T) {
	const attachment = "tgw-attach-dxgw-1-t-dr-hybrid-tgw_id"
	for _, mode := range plantest.Modes {
		res, d := plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
			return NewDRTransit(ctx, "t-dr-hybrid", encryptedDRTransitArgs(), opts...)
		})
		// Direct Connect advertises only the DR blocks, the tunnels' endpoints: never the DR VPC in clear.
		assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.254.0.0/24")}, d.AllowedPrefixes, mode)
		assoc := plantest.Named(t, res, token.DXGatewayAssociation, "t-dr-hybrid-dxgw-tgw").Props()
		assert.Equal(t, []any{"10.254.0.0/24"}, assoc["allowedPrefixes"], mode)
		tgw := plantest.Named(t, res, token.TGWTransitGateway, "t-dr-hybrid-tgw").Props()
		assert.Equal(t, []any{"10.254.0.0/24"}, tgw["transitGatewayCidrBlocks"], mode)

		for _, router := range []string{"core1", "core2"} {
			name := "t-dr-hybrid-dxvpn-" + router
			p := plantest.Named(t, res, token.EC2VPNConnection, name).Props()
			assert.Equal(t, "PrivateIpv4", p["outsideIpAddressType"], name)
			assert.Equal(t, false, p["enableAcceleration"], name)
			assert.NotContains(t, p, "tunnel1InsideCidr", "%s: a router without drTunnels gets inside addresses AWS picks (core1 fixes only its primary ones)", name)
			assert.Equal(t, "10.100.250."+router[len(router)-1:], plantest.Named(t, res, token.EC2CustomerGateway, name).Props()["ipAddress"], name)
			if mode == plan.Up {
				assert.Equal(t, attachment, p["transportTransitGatewayAttachmentId"], "%s rides the DR gateway's own Direct Connect attachment", name)
				assert.Equal(t, "t-dr-hybrid-vpc-rt_id", plantest.Named(t, res, token.TGWRouteTablePropagation, name).Props()["transitGatewayRouteTableId"],
					"%s carries the data centre's routes into the DR VPC", name)
			}
		}
		internet := plantest.Named(t, res, token.EC2VPNConnection, "t-dr-hybrid-vpn-edge1").Props()
		assert.Equal(t, "PublicIpv4", internet["outsideIpAddressType"], "the internet VPN stays the failover path")
		assert.NotContains(t, internet, "transportTransitGatewayAttachmentId")

		// The Direct Connect attachment sits alone in an empty route table and propagates nowhere.
		if mode == plan.Up {
			dx := plantest.Named(t, res, token.TGWRouteTableAssociation, "t-dr-hybrid-dx").Props()
			assert.Equal(t, "t-dr-hybrid-transport-rt_id", dx["transitGatewayRouteTableId"])
			assert.Equal(t, attachment, dx["transitGatewayAttachmentId"])
		}
		_, propagates := res.Named(token.TGWRouteTablePropagation, "t-dr-hybrid-dx")
		assert.False(t, propagates, mode)
		// Each connection logs its tunnels, under one delivery policy, and alarms on each tunnel.
		assert.Len(t, plantest.Every(t, res, token.CloudWatchLogGroup, 3), 3, mode)
		assert.Len(t, plantest.Every(t, res, token.CloudWatchMetricAlarm, 6), 6, mode)
		assert.Len(t, d.VPNTunnels, 3, mode)
	}
}

func TestBadDRTransitArgsAreRefused(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *DRTransitArgs)
		want string
	}{
		{"no path at all", func(a *DRTransitArgs) {
			a.DirectConnectGatewayID, a.Settings.VPN, a.Settings.PrivateVPN, a.Settings.CIDRBlocks = nil, nil, nil, nil
		},
			"a Direct Connect gateway or a VPN is required"},
		{"a private VPN without Direct Connect", func(a *DRTransitArgs) { a.DirectConnectGatewayID = nil },
			"a private VPN needs the Direct Connect gateway it rides"},
		{"a private VPN without blocks", func(a *DRTransitArgs) { a.Settings.CIDRBlocks = nil },
			"the CIDR blocks its endpoints take addresses from"},
		{"blocks without a private VPN", func(a *DRTransitArgs) { a.Settings.PrivateVPN = nil },
			"CIDR blocks are the outside addresses of a private VPN, and there is none"},
		{"a private VPN without tunnel logs", func(a *DRTransitArgs) { a.Settings.VPN, a.Settings.TunnelLogRetentionDays = nil, 0 },
			"the private VPN needs customer gateways, the logs key"},
		{"an internet VPN without routers", func(a *DRTransitArgs) { a.Settings.VPN.CustomerGateways = nil },
			"the internet VPN needs customer gateways"},
		{"one DR tunnel", func(a *DRTransitArgs) {
			a.Settings.PrivateVPN.CustomerGateways["core1"] = CustomerGateway{IPAddress: netip.MustParseAddr("10.100.250.1"), ASN: 65200,
				DRTunnels: []Tunnel{{InsideCIDR: netip.MustParsePrefix("169.254.31.0/30")}}}
		}, "the private VPN's DR tunnels: customer gateway core1: 1 tunnels given; set none or both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := encryptedDRTransitArgs()
			tt.edit(args)
			_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
				return NewDRTransit(ctx, "t-dr-hybrid", args, opts...)
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestTheDRInternetVPNKeepsThePrimarysAccelerationAndTakesEachRoutersDRTunnels(t *testing.T) {
	args := encryptedDRTransitArgs()
	args.Settings.VPN.Acceleration = true
	args.Settings.VPN.CustomerGateways["edge1"] = CustomerGateway{IPAddress: netip.MustParseAddr("198.51.100.10"), ASN: 65100,
		Tunnels:   []Tunnel{{InsideCIDR: netip.MustParsePrefix("169.254.30.0/30")}, {InsideCIDR: netip.MustParsePrefix("169.254.30.4/30")}},
		DRTunnels: []Tunnel{{InsideCIDR: netip.MustParsePrefix("169.254.31.0/30"), PresharedKey: "dr.key.one"}, {InsideCIDR: netip.MustParsePrefix("169.254.31.4/30")}}}
	args.Settings.VPN.CustomerGateways["edge2"] = CustomerGateway{IPAddress: netip.MustParseAddr("198.51.100.11"), ASN: 65100,
		Tunnels: []Tunnel{{InsideCIDR: netip.MustParsePrefix("169.254.30.8/30")}, {InsideCIDR: netip.MustParsePrefix("169.254.30.12/30")}}}
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DRTransit, error) {
		return NewDRTransit(ctx, "t-dr-hybrid", args, opts...)
	})
	internet := plantest.Named(t, res, token.EC2VPNConnection, "t-dr-hybrid-vpn-edge1")
	p := internet.Props()
	assert.Equal(t, true, p["enableAcceleration"], "far from the data centre as the primary is, or farther")
	assert.Equal(t, "169.254.31.0/30", p["tunnel1InsideCidr"], "the router's DR tunnels, not its primary ones (taken on the same router)")
	assert.Equal(t, "169.254.31.4/30", p["tunnel2InsideCidr"])
	assert.Equal(t, plan.SecretMask, p["tunnel1PresharedKey"], "the configured key goes in as a secret")
	assert.True(t, internet.Inputs["tunnel1PresharedKey"].ContainsSecrets())
	assert.NotContains(t, p, "tunnel2PresharedKey", "AWS generates the key left out")
	assert.NotContains(t, plantest.Named(t, res, token.EC2VPNConnection, "t-dr-hybrid-vpn-edge2").Props(), "tunnel1InsideCidr",
		"without DR tunnels AWS picks, though the router fixes its primary ones")
	assert.Equal(t, false, plantest.Named(t, res, token.EC2VPNConnection, "t-dr-hybrid-dxvpn-core1").Props()["enableAcceleration"],
		"a VPN over Direct Connect is never accelerated")
	assert.Equal(t, "169.254.30.0/30", args.Settings.VPN.CustomerGateways["edge1"].Tunnels[0].InsideCIDR.String(), "the settings the DR transit was given stay as they were")
	assert.Len(t, args.Settings.VPN.CustomerGateways["edge1"].DRTunnels, 2)
}
