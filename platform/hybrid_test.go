package platform

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
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
	h["privateVpn"] = map[string]any{"customerGateways": map[string]any{
		"dc1-core1": map[string]any{"ipAddress": "10.100.250.1", "bgpAsn": 65100},
		"dc1-core2": map[string]any{"ipAddress": "10.100.250.2", "bgpAsn": 65100},
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
			for _, mode := range plantest.Modes {
				res := primaryOf(runStack(t, tc.stack, mode))
				counts := res.CountByType()
				assert.Equal(t, tc.vifs, counts[token.DXTransitVirtualInterface], mode)
				assert.Equal(t, tc.vpns, counts[token.EC2VPNConnection], mode)
				assert.Equal(t, tc.alarms, hybridAlarms(t, res), mode)
				if tc.vifs == 0 {
					for _, typ := range res.Types() {
						assert.NotContains(t, typ, "directconnect", "%s is in vpn mode and declares no Direct Connect", tc.stack)
					}
				}
				assert.Equal(t, tc.protected, plantest.Named(t, res, token.TGWTransitGateway, tc.stack+"-hybrid-tgw").Protect, mode)
				inbound := plantest.Named(t, res, token.Route53ResolverEndpoint, tc.stack+"-dns-inbound")
				assert.Equal(t, tc.protected, inbound.Protect, "%s: DNS follows the section's protect", mode)
				assert.Len(t, inbound.Props()["ipAddresses"], tc.dnsN, mode)
			}
		})
	}
}

// hybridAlarms counts the alarms the Connectivity component declares, so hybrid counts stay exact as other
// components add theirs.
func hybridAlarms(t *testing.T, res *plan.Result) int {
	t.Helper()
	var n int
	for _, r := range plantest.Every(t, res, token.CloudWatchMetricAlarm, 1) {
		if strings.Contains(r.Parent, hybrid.ConnectivityType) {
			n++
		}
	}
	return n
}

func TestHybridGetsTheFoundationsTopicAndKeyAndTheVPCsSubnets(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for _, a := range plantest.Every(t, res, token.CloudWatchMetricAlarm, 8) {
		if strings.Contains(a.Parent, hybrid.ConnectivityType) {
			assert.Equal(t, []any{"arn:aws:sns:us-east-1:123456789012:prod-foundation-operations"}, a.Props()["alarmActions"], a.Name)
		}
	}
	for _, name := range []string{"prod-hybrid-vpn-dc1-edge1-tunnels", "prod-dns-queries"} {
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:prod-foundation-audit-logs", plantest.Named(t, res, token.CloudWatchLogGroup, name).Props()["kmsKeyId"], name)
	}
	attachment := plantest.Named(t, res, token.TGWVPCAttachment, "prod-hybrid-vpc").Props()
	assert.Equal(t, "prod-vpc_id", attachment["vpcId"])
	assert.Equal(t, []any{"prod-vpc-app-0_id", "prod-vpc-app-1_id", "prod-vpc-app-2_id"}, attachment["subnetIds"])

	dev := runStack(t, "dev", plan.Up)
	inbound := plantest.Named(t, dev, token.Route53ResolverEndpoint, "dev-dns-inbound").Props()
	assert.Equal(t, []any{map[string]any{"subnetId": "dev-vpc-app-0_id"}, map[string]any{"subnetId": "dev-vpc-app-1_id"}}, inbound["ipAddresses"],
		"the first dns.endpointIpCount AZs' app subnets")
}

func TestEveryPrivateRouteTableReachesOnPremisesThroughTheTransitGateway(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for _, tier := range []string{"app", "data"} {
		for az := range 3 {
			for _, cidr := range []string{"10-100-0-0-16", "172-20-0-0-16"} {
				p := plantest.Named(t, res, token.EC2Route, fmt.Sprintf("prod-hybrid-%s-%d-%s", tier, az, cidr)).Props()
				assert.Equal(t, fmt.Sprintf("prod-vpc-%s-%d-rt_id", tier, az), p["routeTableId"])
				assert.Equal(t, "prod-hybrid-tgw_id", p["transitGatewayId"])
			}
		}
	}
}

func TestEncryptedProdRunsIPsecOverDirectConnectAndPassesThePack(t *testing.T) {
	// The DR region has no private VPNs (config refuses a standby in this mode): backup and restore.
	st := hybridStack(t, "prod", encryptedProd)
	st = withDRStrategy(t, st, "backupRestore")
	for _, mode := range plantest.Modes {
		res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
		require.NoError(t, err, mode)
		assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), mode)

		var private int
		for _, v := range plantest.Every(t, res, token.EC2VPNConnection, 4) {
			if v.Props()["outsideIpAddressType"] == "PrivateIpv4" {
				private++
				if mode == plan.Up {
					assert.Equal(t, "tgw-attach-prod-hybrid-dxgw_id", v.Props()["transportTransitGatewayAttachmentId"], v.Name)
				}
			}
		}
		assert.Equal(t, 2, private, mode)
		assoc := plantest.Named(t, res, token.DXGatewayAssociation, "prod-hybrid-dxgw-tgw")
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

func TestProdVIFsCarryTheVPNsMTUByDefault(t *testing.T) {
	for _, mode := range plantest.Modes {
		for _, vif := range plantest.Every(t, runStack(t, "prod", mode), token.DXTransitVirtualInterface, 2) {
			assert.Equal(t, float64(1500), vif.Props()["mtu"], "%s %s: a VPN backs Direct Connect", vif.Name, mode)
		}
	}
}
