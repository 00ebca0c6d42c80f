package platform

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/offline"
)

// hybridStack returns a stack whose hybridcloud:hybrid section was changed by edit.
func hybridStack(t *testing.T, stack string, edit func(h map[string]any)) plan.Stack {
	t.Helper()
	st := stackFiles(t, stack)
	var h map[string]any
	require.NoError(t, json.Unmarshal([]byte(st.Config["hybridcloud:hybrid"]), &h))
	edit(h)
	b, err := json.Marshal(h)
	require.NoError(t, err)
	return withConfig(st, "hybridcloud:hybrid", string(b))
}

// encryptedProd is prod with IPsec over Direct Connect from two core routers, the internet VPN kept as
// failover.
func encryptedProd(h map[string]any) {
	h["mode"] = "directConnectEncrypted"
	h["transitGateway"].(map[string]any)["cidrBlocks"] = []any{"10.255.0.0/24"}
	h["privateVpn"] = map[string]any{"customerGateways": []any{
		map[string]any{"name": "dc1-core1", "ipAddress": "10.100.250.1", "bgpAsn": 65100},
		map[string]any{"name": "dc1-core2", "ipAddress": "10.100.250.2", "bgpAsn": 65100},
	}}
}

func TestStacksGetTheirHybridShape(t *testing.T) {
	cases := []struct {
		stack                    string
		vifs, vpns, alarms, dnsN int
		protected                bool
	}{
		{"dev", 0, 1, 2, 2, false},
		{"prod", 2, 2, 2*2 + 2*2, 3, true},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
				res := runStack(t, tc.stack, mode)
				counts := res.CountByType()
				assert.Equal(t, tc.vifs, counts["aws:directconnect/transitVirtualInterface:TransitVirtualInterface"], mode)
				assert.Equal(t, tc.vpns, counts["aws:ec2/vpnConnection:VpnConnection"], mode)
				assert.Equal(t, tc.alarms, counts["aws:cloudwatch/metricAlarm:MetricAlarm"]-otherAlarms(res), mode)
				if tc.vifs == 0 {
					for _, typ := range res.Types() {
						assert.NotContains(t, typ, "directconnect", "%s is in vpn mode and declares no Direct Connect", tc.stack)
					}
				}
				tgw, ok := res.Named("aws:ec2transitgateway/transitGateway:TransitGateway", tc.stack+"-hybrid-tgw")
				require.True(t, ok)
				assert.Equal(t, tc.protected, tgw.Protect)
				inbound, ok := res.Named("aws:route53/resolverEndpoint:ResolverEndpoint", tc.stack+"-dns-inbound")
				require.True(t, ok)
				assert.Len(t, inbound.Props()["ipAddresses"], tc.dnsN)
			}
		})
	}
}

// otherAlarms counts the alarms other components declare, so hybrid counts stay exact as they add theirs.
func otherAlarms(res *plan.Result) int {
	var n int
	for _, r := range res.OfType("aws:cloudwatch/metricAlarm:MetricAlarm") {
		if !strings.Contains(r.Parent, "hybridcloud:hybrid:Connectivity") {
			n++
		}
	}
	return n
}

func TestEveryPrivateRouteTableReachesOnPremisesThroughTheTransitGateway(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for _, tier := range []string{"app", "data"} {
		for az := range 3 {
			for _, cidr := range []string{"10-100-0-0-16", "172-20-0-0-16"} {
				name := "prod-hybrid-" + tier + "-" + string(rune('0'+az)) + "-" + cidr
				route, ok := res.Named("aws:ec2/route:Route", name)
				require.True(t, ok, name)
				p := route.Props()
				assert.Equal(t, "prod-vpc-"+tier+"-"+string(rune('0'+az))+"-rt_id", p["routeTableId"])
				assert.Equal(t, "prod-hybrid-tgw_id", p["transitGatewayId"])
			}
		}
	}
}

func TestEncryptedProdRunsIPsecOverDirectConnectAndPassesThePack(t *testing.T) {
	st := hybridStack(t, "prod", encryptedProd)
	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
		require.NoError(t, err, mode)
		assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), mode)

		var private int
		for _, v := range res.OfType("aws:ec2/vpnConnection:VpnConnection") {
			if v.Props()["outsideIpAddressType"] == "PrivateIpv4" {
				private++
				if mode == plan.Up {
					assert.Equal(t, "tgw-attach-prod-hybrid-dxgw_id", v.Props()["transportTransitGatewayAttachmentId"], v.Name)
				}
			}
		}
		assert.Equal(t, 2, private, mode)
		assoc, ok := res.Named("aws:directconnect/gatewayAssociation:GatewayAssociation", "prod-hybrid-dxgw-tgw")
		require.True(t, ok)
		assert.Equal(t, []any{"10.255.0.0/24"}, assoc.Props()["allowedPrefixes"], "only the VPN endpoints are advertised over Direct Connect")
	}
}

func TestBadHybridConfigStopsTheProgramNamingTheKey(t *testing.T) {
	st := hybridStack(t, "prod", func(h map[string]any) {
		h["directConnect"].(map[string]any)["resiliency"] = "development"
	})
	_, err := plan.Run(Program(func() time.Time { return testNow }), st, plan.Preview)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:hybrid.directConnect.resiliency: prod requires")
}
