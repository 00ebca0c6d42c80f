package hybrid

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid/topology"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func TestVPNConnectionsUseBGPAndModernIKEv2OnBothTunnels(t *testing.T) {
	args := testArgs(topology.ModeDirectConnectWithVPN)
	args.Settings.InternetVPN.Acceleration = true
	res, c := runConnectivity(t, args, plan.Up)
	vpns := plantest.Every(t, res, token.EC2VPNConnection, 2)
	require.Len(t, vpns, 2)
	for _, v := range vpns {
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
			assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:"+v.Name+"-tunnels", logs["logGroupArn"])
		}
	}
	edge1 := plantest.Named(t, res, token.EC2VPNConnection, "hy-vpn-edge1")
	p := edge1.Props()
	assert.Equal(t, "169.254.10.0/30", p["tunnel1InsideCidr"])
	assert.Equal(t, "169.254.10.4/30", p["tunnel2InsideCidr"])
	assert.Equal(t, plan.SecretMask, p["tunnel1PresharedKey"])
	assert.True(t, edge1.Inputs["tunnel2PresharedKey"].ContainsSecrets())
	assert.NotContains(t, plantest.Named(t, res, token.EC2VPNConnection, "hy-vpn-edge2").Props(), "tunnel1InsideCidr", "AWS picks them when none are configured")

	cgw := plantest.Named(t, res, token.EC2CustomerGateway, "hy-vpn-edge1").Props()
	assert.Equal(t, "198.51.100.10", cgw["ipAddress"])
	assert.Equal(t, "65100", cgw["bgpAsn"])
	assert.Equal(t, "edge1", cgw["deviceName"])

	group := plantest.Named(t, res, token.CloudWatchLogGroup, "hy-vpn-edge1-tunnels").Props()
	assert.EqualValues(t, 365, group["retentionInDays"])
	assert.Equal(t, logsKeyARN, group["kmsKeyId"])

	tunnels := plantest.Await(t, c.VPNTunnels.ToMapOutput())
	assert.True(t, tunnels.Secret, "the tunnel outputs carry the pre-shared keys, so they are secret")
	edge2 := tunnels.Value.(map[string]any)["edge2"].(map[string]any)
	assert.Equal(t, "hy-vpn-edge2_id", edge2["vpnConnectionId"])
	assert.Equal(t, "internet", edge2["outside"])
	assert.EqualValues(t, 64512, edge2["awsAsn"])
	first := edge2["tunnels"].([]any)[0].(map[string]any)
	assert.Equal(t, "hy-vpn-edge2-generated-psk-1", first["presharedKey"])
	assert.Regexp(t, `^52\.\d+\.\d+\.1$`, first["outsideAddress"])
}

func TestOneDeliveryPolicyCoversEveryTunnelLogGroupOfBothVPNsAndNoOther(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectEncrypted), mode)
		policies := plantest.Every(t, res, token.CloudWatchLogResourcePolicy, 1)
		require.Len(t, policies, 1, "%s: one policy for the component, not one per VPN", mode)
		policy := plantest.Named(t, res, token.CloudWatchLogResourcePolicy, "hy-tunnel-logs")
		assert.Equal(t, "hy-tunnel-logs", policy.Props()["policyName"])
		vpns := plantest.Every(t, res, token.EC2VPNConnection, 4)
		require.Len(t, vpns, 4, "two internet and two private VPN connections")
		var want []any
		for _, v := range vpns {
			assert.Contains(t, v.DependsOn, policy.URN, "%s %s: the connection starts delivery, after the policy", mode, v.Name)
			want = append(want, "arn:aws:logs:us-east-1:123456789012:log-group:"+v.Name+"-tunnels:log-stream:*")
		}
		if mode == plan.Preview {
			continue // the groups' ARNs, and so the document, are unknown until the groups exist
		}
		st := plantest.Statements(t, policy.Props()["policyDocument"])
		require.Len(t, st, 1)
		s := st["AWSLogDeliveryWrite"]
		assert.Equal(t, "Allow", s["Effect"])
		assert.Equal(t, map[string]any{"Service": "delivery.logs.amazonaws.com"}, s["Principal"])
		assert.Equal(t, []any{"logs:CreateLogStream", "logs:PutLogEvents"}, s["Action"])
		assert.ElementsMatch(t, want, s["Resource"], "every tunnel log group's streams, and no other group")
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*"},
		}, s["Condition"])
	}
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnect), plan.Up)
	assert.Empty(t, res.OfType(token.CloudWatchLogResourcePolicy), "no VPN, no tunnel logs, no policy")
}

func TestFourByteCustomerASNsUseTheExtendedField(t *testing.T) {
	two := customerGatewayArgs("hy-vpn-edge2", "edge2", CustomerGateway{IPAddress: netip.MustParseAddr("203.0.113.10"), ASN: 65100})
	assert.Equal(t, pulumi.String("65100"), two.BgpAsn)
	assert.Nil(t, two.BgpAsnExtended)
	four := customerGatewayArgs("hy-vpn-edge2", "edge2", CustomerGateway{IPAddress: netip.MustParseAddr("203.0.113.10"), ASN: 4200000100})
	assert.Equal(t, pulumi.String("4200000100"), four.BgpAsnExtended)
	assert.Nil(t, four.BgpAsn)

	args := testArgs(topology.ModeVPN)
	gw := args.Settings.InternetVPN.CustomerGateways["edge2"]
	gw.ASN = 4200000100
	args.Settings.InternetVPN.CustomerGateways["edge2"] = gw
	res, _ := runConnectivity(t, args, plan.Up)
	p := plantest.Named(t, res, token.EC2CustomerGateway, "hy-vpn-edge2").Props()
	assert.Equal(t, "4200000100", p["bgpAsnExtended"])
	assert.NotContains(t, p, "bgpAsn")
}

func TestVPNConnectionArgsRideTheInternetOrDirectConnect(t *testing.T) {
	gw := CustomerGateway{ASN: 65100, Tunnels: []Tunnel{
		{InsideCIDR: netip.MustParsePrefix("169.254.10.0/30"), PresharedKey: "k1.secret"},
		{InsideCIDR: netip.MustParsePrefix("169.254.10.4/30")},
	}}
	path := vpnPath{customerGatewayID: pulumi.String("cgw-1"), transitGatewayID: pulumi.String("tgw-1"),
		tunnelLogsARN: pulumi.String("arn:logs"), acceleration: true}
	tests := []struct {
		name                  string
		transport             pulumi.StringInput
		wantOutside           string
		wantAcceleration      bool
		wantTransportAttached bool
	}{
		{"over the internet, accelerated as asked", nil, "PublicIpv4", true, false},
		{"over Direct Connect: private addresses, never accelerated", pulumi.String("tgw-attach-dx"), "PrivateIpv4", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := path
			p.transport = tt.transport
			args := vpnConnectionArgs("hy-vpn-edge1", gw, p)
			assert.Equal(t, pulumi.String(tt.wantOutside), args.OutsideIpAddressType)
			assert.Equal(t, pulumi.Bool(tt.wantAcceleration), args.EnableAcceleration)
			assert.Equal(t, tt.wantTransportAttached, args.TransportTransitGatewayAttachmentId != nil)
			assert.Equal(t, pulumi.Bool(false), args.StaticRoutesOnly, "BGP, never static")
			assert.Equal(t, pulumi.String("cgw-1"), args.CustomerGatewayId)
			assert.Equal(t, pulumi.String("tgw-1"), args.TransitGatewayId)

			assert.Equal(t, pulumi.String("169.254.10.0/30"), args.Tunnel1InsideCidr)
			assert.Equal(t, pulumi.String("169.254.10.4/30"), args.Tunnel2InsideCidr)
			assert.IsType(t, pulumi.StringOutput{}, args.Tunnel1PresharedKey, "a configured key goes in as a secret")
			assert.Nil(t, args.Tunnel2PresharedKey, "AWS generates a key that is not configured")
			// The twins carry the same crypto, timers and logging.
			assert.Equal(t, args.Tunnel1IkeVersions, args.Tunnel2IkeVersions)
			assert.Equal(t, pulumi.ToStringArray(TunnelIKEVersions), args.Tunnel1IkeVersions)
			assert.Equal(t, args.Tunnel1Phase1EncryptionAlgorithms, args.Tunnel2Phase2EncryptionAlgorithms)
			assert.Equal(t, args.Tunnel1Phase1IntegrityAlgorithms, args.Tunnel2Phase2IntegrityAlgorithms)
			assert.Equal(t, args.Tunnel1Phase1DhGroupNumbers, args.Tunnel2Phase2DhGroupNumbers)
			assert.Equal(t, args.Tunnel1DpdTimeoutAction, args.Tunnel2DpdTimeoutAction)
			assert.Equal(t, args.Tunnel1StartupAction, args.Tunnel2StartupAction)
			assert.Equal(t, pulumi.String("arn:logs"), args.Tunnel1LogOptions.(*ec2.VpnConnectionTunnel1LogOptionsArgs).CloudwatchLogOptions.(*ec2.VpnConnectionTunnel1LogOptionsCloudwatchLogOptionsArgs).LogGroupArn)
			assert.Equal(t, pulumi.String("arn:logs"), args.Tunnel2LogOptions.(*ec2.VpnConnectionTunnel2LogOptionsArgs).CloudwatchLogOptions.(*ec2.VpnConnectionTunnel2LogOptionsCloudwatchLogOptionsArgs).LogGroupArn)
		})
	}
	none := vpnConnectionArgs("hy-vpn-edge2", CustomerGateway{ASN: 65100}, path)
	assert.Nil(t, none.Tunnel1InsideCidr, "AWS picks both tunnels when none are configured")
	assert.Nil(t, none.Tunnel2InsideCidr)
}

func TestAlarmsWatchEveryConnectionVIFAndTunnelAndNotifyTheTopic(t *testing.T) {
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectWithVPN), plan.Up)
	alarms := plantest.Every(t, res, token.CloudWatchMetricAlarm, 8)
	require.Len(t, alarms, 2*2+2*2, "a state and a BGP alarm per connection, one alarm per tunnel")
	byMetric := map[string][]map[string]any{}
	for _, a := range alarms {
		p := a.Props()
		byMetric[p["metricName"].(string)] = append(byMetric[p["metricName"].(string)], p["dimensions"].(map[string]any))
		assert.Equal(t, []any{topicARN}, p["alarmActions"], a.Name)
		assert.Equal(t, []any{topicARN}, p["okActions"], a.Name)
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
	for _, name := range []string{"hy-dx-ash-a-connection-state", "hy-dx-ash-a-bgp", "hy-vpn-edge1-tunnel-1", "hy-vpn-edge2-tunnel-2"} {
		plantest.Named(t, res, token.CloudWatchMetricAlarm, name)
	}
}
