package hybrid

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeTGW         = "aws:ec2transitgateway/transitGateway:TransitGateway"
	typeTGWRT       = "aws:ec2transitgateway/routeTable:RouteTable"
	typeTGWAssoc    = "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation"
	typeTGWProp     = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"
	typeAttachment  = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
	typeRoute       = "aws:ec2/route:Route"
	typeDXGateway   = "aws:directconnect/gateway:Gateway"
	typeDXAssoc     = "aws:directconnect/gatewayAssociation:GatewayAssociation"
	typeDXConn      = "aws:directconnect/connection:Connection"
	typeVIF         = "aws:directconnect/transitVirtualInterface:TransitVirtualInterface"
	typeMACsec      = "aws:directconnect/macsecKeyAssociation:MacsecKeyAssociation"
	typeCGW         = "aws:ec2/customerGateway:CustomerGateway"
	typeVPN         = "aws:ec2/vpnConnection:VpnConnection"
	typeAlarm       = "aws:cloudwatch/metricAlarm:MetricAlarm"
	typeLogGroup    = "aws:cloudwatch/logGroup:LogGroup"
	typeTopic       = "aws:sns/topic:Topic"
	typeTopicPolicy = "aws:sns/topicPolicy:TopicPolicy"
	typeSubscribe   = "aws:sns/topicSubscription:TopicSubscription"
	typeKey         = "aws:kms/key:Key"

	// The transit VIFs' and VPN attachments' ids under the mocks (the DX one comes from the lookup).
	dxAttachment = "tgw-attach-hy-dxgw_id"
	topicArn     = "arn:aws:sns:us-east-1:123456789012:st-foundation-operations"
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

// testArgs is a valid configuration for mode with two AZs, two Direct Connect connections at two locations
// and two routers.
func testArgs(mode Mode) *ConnectivityArgs {
	args := &ConnectivityArgs{
		Mode:                   mode,
		VpcID:                  pulumi.String("vpc-1"),
		VpcCIDR:                netip.MustParsePrefix("10.10.0.0/16"),
		AppSubnetIDs:           ids("app"),
		AppRouteTableIDs:       ids("app-rt"),
		DataRouteTableIDs:      ids("data-rt"),
		OnPremisesCIDRs:        onPremCIDRs,
		TransitGateway:         TransitGateway{AmazonSideASN: 64512},
		TunnelLogRetentionDays: 365,
		LogsKeyArn:             pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		AlarmTopicARN:          pulumi.String(topicArn),
	}
	if mode.DirectConnect() != Forbidden {
		args.DirectConnect = &DirectConnect{AmazonSideASN: 64513, Resiliency: ResiliencyHigh, MTU: MTUJumbo, Connections: []Connection{
			{Name: "ash-a", ID: "dxcon-fgabc123", Location: "EqDC2", VLAN: 101, ASN: 65100, BGPAuthKey: "ash-key",
				AmazonAddress: netip.MustParsePrefix("169.254.100.1/30"), CustomerAddress: netip.MustParsePrefix("169.254.100.2/30")},
			{Name: "res-a", ID: "dxcon-fgdef456", Location: "CSVA1", VLAN: 102, ASN: 65100, BGPAuthKey: "res-key"},
		}}
	}
	if mode.InternetVPN() != Forbidden {
		args.InternetVPN = &VPN{CustomerGateways: []CustomerGateway{
			{Name: "edge1", IPAddress: netip.MustParseAddr("198.51.100.10"), ASN: 65100, Tunnels: []Tunnel{
				{InsideCIDR: netip.MustParsePrefix("169.254.10.0/30"), PresharedKey: "edge1.tunnel1.key"},
				{InsideCIDR: netip.MustParsePrefix("169.254.10.4/30"), PresharedKey: "edge1.tunnel2.key"},
			}},
			{Name: "edge2", IPAddress: netip.MustParseAddr("203.0.113.10"), ASN: 65100},
		}}
	}
	if mode.PrivateVPN() != Forbidden {
		args.TransitGateway.CIDRBlocks = []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}
		args.PrivateVPN = &VPN{CustomerGateways: []CustomerGateway{
			{Name: "core1", IPAddress: netip.MustParseAddr("10.100.250.1"), ASN: 65100},
			{Name: "core2", IPAddress: netip.MustParseAddr("10.100.250.2"), ASN: 65100},
		}}
	}
	return args
}

// run declares one Connectivity named "hy" under mocks.
func run(t *testing.T, args *ConnectivityArgs, mode plan.Mode) (*plan.Result, *Connectivity) {
	t.Helper()
	var c *Connectivity
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		// The program passes an explicit provider; invokes (the Direct Connect attachment lookup) need one.
		provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		c, err = NewConnectivity(ctx, "hy", args, pulumi.Provider(provider))
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, mode)
	require.NoError(t, err)
	return res, c
}

func TestTransitGatewayRoutesOnlyThroughExplicitRouteTables(t *testing.T) {
	res, _ := run(t, testArgs(ModeVPN), plan.Up)
	tgw := plantest.Named(t, res, typeTGW, "hy-tgw").Props()
	assert.EqualValues(t, 64512, tgw["amazonSideAsn"])
	assert.Equal(t, "disable", tgw["defaultRouteTableAssociation"])
	assert.Equal(t, "disable", tgw["defaultRouteTablePropagation"])
	assert.Equal(t, "disable", tgw["autoAcceptSharedAttachments"])
	assert.Equal(t, "enable", tgw["dnsSupport"])
	assert.Equal(t, "enable", tgw["vpnEcmpSupport"], "ECMP spreads traffic over every VPN tunnel")
	assert.NotContains(t, tgw, "transitGatewayCidrBlocks", "only the encrypted mode needs CIDR blocks")

	attachment := plantest.Named(t, res, typeAttachment, "hy-vpc").Props()
	assert.Equal(t, []any{"app-0", "app-1"}, attachment["subnetIds"], "the attachment sits in the app subnets")
	assert.Equal(t, false, attachment["transitGatewayDefaultRouteTableAssociation"])
	assert.Equal(t, false, attachment["transitGatewayDefaultRouteTablePropagation"])
	assoc := plantest.Named(t, res, typeTGWAssoc, "hy-vpc").Props()
	assert.Equal(t, "hy-vpc_id", assoc["transitGatewayAttachmentId"])
	assert.Equal(t, "hy-vpc-rt_id", assoc["transitGatewayRouteTableId"])
	prop := plantest.Named(t, res, typeTGWProp, "hy-vpc").Props()
	assert.Equal(t, "hy-onprem-rt_id", prop["transitGatewayRouteTableId"], "the paths' route table learns the VPC")
}

func TestEveryAppAndDataRouteTableSendsEveryOnPremisesCIDRToTheTransitGateway(t *testing.T) {
	res, _ := run(t, testArgs(ModeDirectConnectWithVPN), plan.Up)
	got := map[string]bool{}
	for _, r := range res.OfType(typeRoute) {
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
}

func TestEachModeDeclaresOnlyWhatItNeeds(t *testing.T) {
	tests := []struct {
		mode                    Mode
		dxGateways, vifs, vpns  int
		privateVPNs, transports int
	}{
		{ModeVPN, 0, 0, 2, 0, 0},
		{ModeDirectConnect, 1, 2, 0, 0, 0},
		{ModeDirectConnectWithVPN, 1, 2, 2, 0, 0},
		{ModeDirectConnectEncrypted, 1, 2, 4, 2, 1},
	}
	for _, tt := range tests {
		t.Run(string(tt.mode), func(t *testing.T) {
			res, _ := run(t, testArgs(tt.mode), plan.Up)
			counts := res.CountByType()
			assert.Equal(t, tt.dxGateways, counts[typeDXGateway])
			assert.Equal(t, tt.dxGateways, counts[typeDXAssoc])
			assert.Equal(t, tt.vifs, counts[typeVIF])
			assert.Equal(t, tt.vpns, counts[typeVPN])
			assert.Equal(t, tt.vpns, counts[typeCGW])
			assert.Equal(t, tt.vpns, counts[typeLogGroup], "one tunnel log group per VPN connection")
			assert.Equal(t, 2+tt.transports, counts[typeTGWRT])
			var private int
			for _, v := range res.OfType(typeVPN) {
				if v.Props()["outsideIpAddressType"] == "PrivateIpv4" {
					private++
				}
			}
			assert.Equal(t, tt.privateVPNs, private)
			if tt.mode == ModeVPN {
				for _, typ := range res.Types() {
					assert.NotContains(t, typ, "directconnect", "vpn mode declares no Direct Connect resource")
				}
			}
		})
	}
}

func TestTransitVIFsUseJumboFramesAndASecretBGPKeyOnTheOneGateway(t *testing.T) {
	res, c := run(t, testArgs(ModeDirectConnectWithVPN), plan.Up)
	gw := plantest.Named(t, res, typeDXGateway, "hy-dxgw").Props()
	assert.Equal(t, "64513", gw["amazonSideAsn"])
	for _, tc := range []struct{ name, connection string }{{"ash-a", "dxcon-fgabc123"}, {"res-a", "dxcon-fgdef456"}} {
		vif := plantest.Named(t, res, typeVIF, "hy-dx-"+tc.name)
		p := vif.Props()
		assert.Equal(t, tc.connection, p["connectionId"])
		assert.Equal(t, "hy-dxgw_id", p["dxGatewayId"], "every VIF lands on the same Direct Connect gateway")
		assert.EqualValues(t, 8500, p["mtu"])
		assert.EqualValues(t, 65100, p["bgpAsn"])
		assert.Equal(t, "ipv4", p["addressFamily"])
		assert.Equal(t, plan.SecretMask, p["bgpAuthKey"], "the BGP key is a secret")
		assert.True(t, vif.Inputs["bgpAuthKey"].ContainsSecrets())
	}
	ash := plantest.Named(t, res, typeVIF, "hy-dx-ash-a").Props()
	assert.Equal(t, "169.254.100.1/30", ash["amazonAddress"])
	assert.Equal(t, "169.254.100.2/30", ash["customerAddress"])
	assert.NotContains(t, plantest.Named(t, res, typeVIF, "hy-dx-res-a").Props(), "amazonAddress", "AWS picks the peers when none are given")

	peers := plantest.Await(t, c.BGPPeers.ToMapOutput()).Value.(map[string]any)
	ashPeer := peers["ash-a"].(map[string]any)
	assert.Equal(t, "hy-dx-ash-a_id", ashPeer["virtualInterfaceId"])
	assert.EqualValues(t, 101, ashPeer["vlan"])
	assert.EqualValues(t, 64513, ashPeer["awsAsn"])
	assert.Equal(t, "169.254.100.2/30", ashPeer["customerAddress"])
	assert.Contains(t, c.VirtualInterfaceIDs, "res-a")
}

func TestAllowedPrefixesFollowTheMode(t *testing.T) {
	summary := testArgs(ModeDirectConnectWithVPN)
	summary.DirectConnect.AllowedPrefixes = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/12")}
	tests := []struct {
		name string
		args *ConnectivityArgs
		want []any
	}{
		{"the VPC CIDR by default", testArgs(ModeDirectConnectWithVPN), []any{"10.10.0.0/16"}},
		{"a configured summary", summary, []any{"10.0.0.0/12"}},
		{"only the Transit Gateway block when encrypted", testArgs(ModeDirectConnectEncrypted), []any{"10.255.0.0/24"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := run(t, tt.args, plan.Up)
			assoc := plantest.Named(t, res, typeDXAssoc, "hy-dxgw-tgw").Props()
			assert.Equal(t, tt.want, assoc["allowedPrefixes"])
			assert.Equal(t, "hy-dxgw_id", assoc["dxGatewayId"])
			assert.Equal(t, "hy-tgw_id", assoc["associatedGatewayId"])
		})
	}
}

func TestDirectConnectRoutesPropagateBesideTheVPNsSoBGPPicksTheRoute(t *testing.T) {
	res, _ := run(t, testArgs(ModeDirectConnectWithVPN), plan.Up)
	// Both paths propagate into the VPC's route table: Direct Connect wins for the same prefix, the VPN
	// takes over when Direct Connect withdraws it.
	for _, attachment := range []string{"hy-dx", "hy-vpn-edge1", "hy-vpn-edge2"} {
		assoc := plantest.Named(t, res, typeTGWAssoc, attachment).Props()
		assert.Equal(t, "hy-onprem-rt_id", assoc["transitGatewayRouteTableId"], attachment)
		prop := plantest.Named(t, res, typeTGWProp, attachment).Props()
		assert.Equal(t, "hy-vpc-rt_id", prop["transitGatewayRouteTableId"], attachment)
	}
	assert.Equal(t, dxAttachment, plantest.Named(t, res, typeTGWAssoc, "hy-dx").Props()["transitGatewayAttachmentId"])
	assert.Equal(t, "tgw-attach-hy-vpn-edge1", plantest.Named(t, res, typeTGWProp, "hy-vpn-edge1").Props()["transitGatewayAttachmentId"])
}

func TestEncryptedModeOnlyCarriesIPsecOverDirectConnect(t *testing.T) {
	res, _ := run(t, testArgs(ModeDirectConnectEncrypted), plan.Up)
	tgw := plantest.Named(t, res, typeTGW, "hy-tgw").Props()
	assert.Equal(t, []any{"10.255.0.0/24"}, tgw["transitGatewayCidrBlocks"])

	for _, name := range []string{"hy-dxvpn-core1", "hy-dxvpn-core2"} {
		p := plantest.Named(t, res, typeVPN, name).Props()
		assert.Equal(t, "PrivateIpv4", p["outsideIpAddressType"])
		assert.Equal(t, dxAttachment, p["transportTransitGatewayAttachmentId"], "the tunnels ride the Direct Connect gateway's attachment")
		assert.Equal(t, false, p["enableAcceleration"])
		assert.Equal(t, false, p["staticRoutesOnly"])
		assert.Equal(t, "10.100.250."+name[len(name)-1:], plantest.Named(t, res, typeCGW, name).Props()["ipAddress"])
	}
	// The Direct Connect attachment sits alone in an empty route table and propagates nowhere: nothing
	// reaches the VPC over Direct Connect outside the tunnels.
	dx := plantest.Named(t, res, typeTGWAssoc, "hy-dx").Props()
	assert.Equal(t, "hy-transport-rt_id", dx["transitGatewayRouteTableId"])
	_, propagates := res.Named(typeTGWProp, "hy-dx")
	assert.False(t, propagates)
	for _, p := range res.OfType(typeTGWProp) {
		assert.NotEqual(t, "hy-transport-rt_id", p.Props()["transitGatewayRouteTableId"], p.Name)
	}
	// The internet VPN stays as the failover path.
	assert.Equal(t, "PublicIpv4", plantest.Named(t, res, typeVPN, "hy-vpn-edge1").Props()["outsideIpAddressType"])
}

func TestVPNConnectionsUseBGPAndModernIKEv2OnBothTunnels(t *testing.T) {
	args := testArgs(ModeDirectConnectWithVPN)
	args.InternetVPN.Acceleration = true
	res, c := run(t, args, plan.Up)
	require.Len(t, res.OfType(typeVPN), 2)
	for _, v := range res.OfType(typeVPN) {
		p := v.Props()
		assert.Equal(t, false, p["staticRoutesOnly"], "%s: BGP, not static", v.Name)
		assert.Equal(t, "hy-tgw_id", p["transitGatewayId"])
		assert.Equal(t, "ipsec.1", p["type"])
		assert.Equal(t, "PublicIpv4", p["outsideIpAddressType"])
		assert.Equal(t, true, p["enableAcceleration"], "acceleration as configured")
		for _, n := range []string{"1", "2"} {
			tun := "tunnel" + n
			assert.Equal(t, []any{"ikev2"}, p[tun+"IkeVersions"], "%s %s", v.Name, tun)
			for _, phase := range []string{"Phase1", "Phase2"} {
				assert.Equal(t, []any{"AES256-GCM-16", "AES256"}, p[tun+phase+"EncryptionAlgorithms"])
				assert.Equal(t, []any{"SHA2-256", "SHA2-384", "SHA2-512"}, p[tun+phase+"IntegrityAlgorithms"])
				assert.Equal(t, []any{19.0, 20.0, 21.0}, p[tun+phase+"DhGroupNumbers"])
			}
			assert.Equal(t, "restart", p[tun+"DpdTimeoutAction"])
			assert.Equal(t, "add", p[tun+"StartupAction"])
			logs := p[tun+"LogOptions"].(map[string]any)["cloudwatchLogOptions"].(map[string]any)
			assert.Equal(t, true, logs["logEnabled"])
			assert.Equal(t, "arn:aws:cloudwatch:us-east-1:123456789012:"+v.Name+"-tunnels", logs["logGroupArn"])
		}
	}
	edge1 := plantest.Named(t, res, typeVPN, "hy-vpn-edge1")
	p := edge1.Props()
	assert.Equal(t, "169.254.10.0/30", p["tunnel1InsideCidr"])
	assert.Equal(t, "169.254.10.4/30", p["tunnel2InsideCidr"])
	assert.Equal(t, plan.SecretMask, p["tunnel1PresharedKey"])
	assert.True(t, edge1.Inputs["tunnel2PresharedKey"].ContainsSecrets())
	assert.NotContains(t, plantest.Named(t, res, typeVPN, "hy-vpn-edge2").Props(), "tunnel1InsideCidr", "AWS picks them when none are configured")

	cgw := plantest.Named(t, res, typeCGW, "hy-vpn-edge1").Props()
	assert.Equal(t, "198.51.100.10", cgw["ipAddress"])
	assert.Equal(t, "65100", cgw["bgpAsn"])

	group := plantest.Named(t, res, typeLogGroup, "hy-vpn-edge1-tunnels").Props()
	assert.EqualValues(t, 365, group["retentionInDays"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group["kmsKeyId"])

	tunnels := plantest.Await(t, c.VPNTunnels.ToMapOutput())
	assert.True(t, tunnels.Secret, "the tunnel outputs carry the pre-shared keys, so they are secret")
	edge2 := tunnels.Value.(map[string]any)["edge2"].(map[string]any)
	assert.Equal(t, "hy-vpn-edge2_id", edge2["vpnConnectionId"])
	assert.EqualValues(t, 64512, edge2["awsAsn"])
	first := edge2["tunnels"].([]any)[0].(map[string]any)
	assert.Equal(t, "hy-vpn-edge2-generated-psk-1", first["presharedKey"])
	assert.Regexp(t, `^52\.\d+\.\d+\.1$`, first["outsideAddress"])
}

func TestFourByteCustomerASNsUseTheExtendedField(t *testing.T) {
	args := testArgs(ModeVPN)
	args.InternetVPN.CustomerGateways[1].ASN = 4200000100
	res, _ := run(t, args, plan.Up)
	p := plantest.Named(t, res, typeCGW, "hy-vpn-edge2").Props()
	assert.Equal(t, "4200000100", p["bgpAsnExtended"])
	assert.NotContains(t, p, "bgpAsn")
}

func TestAlarmsWatchEveryConnectionVIFAndTunnelAndNotifyTheTopic(t *testing.T) {
	res, _ := run(t, testArgs(ModeDirectConnectWithVPN), plan.Up)
	alarms := res.OfType(typeAlarm)
	require.Len(t, alarms, 2*2+2*2, "a state and a BGP alarm per connection, one alarm per tunnel")
	byMetric := map[string][]map[string]any{}
	for _, a := range alarms {
		p := a.Props()
		byMetric[p["metricName"].(string)] = append(byMetric[p["metricName"].(string)], p["dimensions"].(map[string]any))
		assert.Equal(t, []any{topicArn}, p["alarmActions"], a.Name)
		assert.Equal(t, []any{topicArn}, p["okActions"], a.Name)
		assert.Equal(t, "breaching", p["treatMissingData"], "%s: a state metric that stops reporting is down", a.Name)
		assert.Equal(t, "LessThanThreshold", p["comparisonOperator"])
		assert.EqualValues(t, 1, p["threshold"])
		assert.Equal(t, "Minimum", p["statistic"])
		assert.Equal(t, a.Name, p["name"], "the alarm's AWS name is the one the runbook uses")
	}
	assert.ElementsMatch(t, []map[string]any{{"ConnectionId": "dxcon-fgabc123"}, {"ConnectionId": "dxcon-fgdef456"}}, byMetric["ConnectionState"])
	assert.ElementsMatch(t, []map[string]any{
		{"ConnectionId": "dxcon-fgabc123", "VirtualInterfaceId": "hy-dx-ash-a_id"},
		{"ConnectionId": "dxcon-fgdef456", "VirtualInterfaceId": "hy-dx-res-a_id"},
	}, byMetric["VirtualInterfaceBgpStatus"])
	require.Len(t, byMetric["TunnelState"], 4)
	addresses := map[any]bool{}
	for _, d := range byMetric["TunnelState"] {
		addresses[d["TunnelIpAddress"]] = true
	}
	assert.Len(t, addresses, 4, "each tunnel's alarm watches its own outside address")
}

func TestAnOrderedConnectionGetsItsVIFOnlyOnceAvailable(t *testing.T) {
	args := testArgs(ModeDirectConnect)
	ordered := &args.DirectConnect.Connections[1]
	ordered.ID = ""
	ordered.Order = &Order{Bandwidth: "10Gbps", ProviderName: "Equinix", MACsec: &MACsec{EncryptionMode: "must_encrypt", CKN: "ckn", CAK: "cak"}}

	res, _ := run(t, args, plan.Up)
	conn := plantest.Named(t, res, typeDXConn, "hy-dx-res-a").Props()
	assert.Equal(t, "10Gbps", conn["bandwidth"])
	assert.Equal(t, "CSVA1", conn["location"])
	assert.Equal(t, true, conn["requestMacsec"])
	assert.Equal(t, "must_encrypt", conn["encryptionMode"])
	assert.Equal(t, true, conn["skipDestroy"], "destroying the stack never gives up a physical port")
	_, vif := res.Named(typeVIF, "hy-dx-res-a")
	assert.False(t, vif, "no VIF before the cross-connect is done")
	assert.Empty(t, res.OfType(typeMACsec), "MACsec keys need an available connection")
	assert.Len(t, res.OfType(typeAlarm), 2, "only the existing connection is watched")

	ordered.Order.Available = true
	res, _ = run(t, args, plan.Up)
	assert.Equal(t, "hy-dx-res-a_id", plantest.Named(t, res, typeVIF, "hy-dx-res-a").Props()["connectionId"])
	keys := plantest.Named(t, res, typeMACsec, "hy-dx-res-a-macsec")
	assert.Equal(t, plan.SecretMask, keys.Props()["ckn"])
	assert.Equal(t, plan.SecretMask, keys.Props()["cak"])
	assert.Len(t, res.OfType(typeAlarm), 4)
}

func TestProtectKeepsWhatTheRoutersAreConfiguredWith(t *testing.T) {
	for _, protect := range []bool{false, true} {
		args := testArgs(ModeDirectConnectWithVPN)
		args.Protect = protect
		res, _ := run(t, args, plan.Up)
		for _, typ := range []string{typeTGW, typeAttachment, typeDXGateway, typeDXAssoc, typeVIF, typeCGW, typeVPN} {
			for _, r := range res.OfType(typ) {
				assert.Equal(t, protect, r.Protect, "%s %s", typ, r.Name)
			}
		}
		for _, r := range res.OfType(typeLogGroup) {
			assert.Equal(t, protect, r.RetainOnDelete, r.Name)
		}
	}
}

func TestPreviewDeclaresWhatUpDeclaresInEveryMode(t *testing.T) {
	for _, mode := range Modes {
		t.Run(string(mode), func(t *testing.T) {
			up, _ := run(t, testArgs(mode), plan.Up)
			preview, _ := run(t, testArgs(mode), plan.Preview)
			var upURNs, previewURNs []string
			for _, r := range up.Resources {
				upURNs = append(upURNs, r.URN)
			}
			for _, r := range preview.Resources {
				previewURNs = append(previewURNs, r.URN)
			}
			assert.Equal(t, upURNs, previewURNs)
		})
	}
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	res, _ := run(t, testArgs(ModeDirectConnectEncrypted), plan.Up)
	component := res.OfType("hybridcloud:hybrid:Connectivity")
	require.Len(t, component, 1)
	for _, r := range res.Resources {
		if r.URN != component[0].URN && r.Type != "pulumi:providers:aws" {
			assert.Equal(t, component[0].URN, r.Parent, "%s %s", r.Type, r.Name)
		}
	}
}

func TestConnectivityRefusesArgsThatDoNotFitTheMode(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *ConnectivityArgs)
		want string
	}{
		{"Direct Connect mode without Direct Connect", func(a *ConnectivityArgs) { a.DirectConnect = nil }, "mode directConnectWithVpn requires Direct Connect"},
		{"a VPN the mode does not use", func(a *ConnectivityArgs) { a.Mode = ModeDirectConnect }, "mode directConnect declares no internet VPN"},
		{"a private VPN without CIDR blocks", func(a *ConnectivityArgs) {
			a.Mode = ModeDirectConnectEncrypted
			a.PrivateVPN = &VPN{CustomerGateways: []CustomerGateway{{Name: "c", IPAddress: netip.MustParseAddr("10.1.1.1"), ASN: 65100}}}
		}, "needs Transit Gateway CIDR blocks"},
		{"one tunnel", func(a *ConnectivityArgs) {
			a.InternetVPN.CustomerGateways[0].Tunnels = a.InternetVPN.CustomerGateways[0].Tunnels[:1]
		}, "1 tunnels given"},
		{"a connection with both an id and an order", func(a *ConnectivityArgs) { a.DirectConnect.Connections[0].Order = &Order{Bandwidth: "10Gbps"} },
			"connection ash-a: set exactly one"},
		{"no operations topic", func(a *ConnectivityArgs) { a.AlarmTopicARN = nil }, "the operations topic is required"},
		{"no route tables", func(a *ConnectivityArgs) { a.DataRouteTableIDs = nil }, "route tables are required"},
		{"an unknown mode", func(a *ConnectivityArgs) { a.Mode = "carrierPigeon" }, "not a connectivity mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := testArgs(ModeDirectConnectWithVPN)
			tt.edit(args)
			err := args.validate()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "hybrid: ")
		})
	}
	assert.NoError(t, testArgs(ModeDirectConnectEncrypted).validate())
}

func TestTheMaximumModelGetsAVIFAndAlarmsForEachOfItsFourConnections(t *testing.T) {
	args := testArgs(ModeDirectConnect)
	args.DirectConnect.Resiliency = ResiliencyMaximum
	args.DirectConnect.Connections = []Connection{
		{Name: "ash-a", ID: "dxcon-fgaaa111", Location: "EqDC2", Device: "EqDC2-dev1", VLAN: 101, ASN: 65100, BGPAuthKey: "key-ash-a"},
		{Name: "ash-b", ID: "dxcon-fgbbb222", Location: "EqDC2", Device: "EqDC2-dev2", VLAN: 102, ASN: 65100, BGPAuthKey: "key-ash-b"},
		{Name: "res-a", ID: "dxcon-fgccc333", Location: "CSVA1", Device: "CSVA1-dev1", VLAN: 103, ASN: 65100, BGPAuthKey: "key-res-a"},
		{Name: "res-b", ID: "dxcon-fgddd444", Location: "CSVA1", Device: "CSVA1-dev2", VLAN: 104, ASN: 65100, BGPAuthKey: "key-res-b"},
	}
	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res, _ := run(t, args, mode)
		assert.Len(t, res.OfType(typeVIF), 4, mode)
		assert.Len(t, res.OfType(typeDXGateway), 1, "%s: every VIF lands on the one gateway", mode)
		metrics := map[any]int{}
		for _, a := range res.OfType(typeAlarm) {
			metrics[a.Props()["metricName"]]++
		}
		assert.Equal(t, map[any]int{"ConnectionState": 4, "VirtualInterfaceBgpStatus": 4}, metrics, mode)
	}
}
