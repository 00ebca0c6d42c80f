package platform

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
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

func TestEncryptedProdRunsIPsecOverDirectConnectInBothRegionsAndPassesThePack(t *testing.T) {
	// The warm standby's Transit Gateway has blocks of its own: its VPNs over Direct Connect take their
	// outside addresses from them, and the shared Direct Connect gateway allows them beside the primary's.
	st := withDR(t, hybridStack(t, "prod", encryptedProd), func(dr map[string]any) { dr["transitGatewayCidrBlocks"] = []any{"10.254.0.0/24"} })
	transports := map[string]string{"prod-hybrid": "tgw-attach-prod-hybrid-dxgw_id-prod-hybrid-tgw_id", "prod-dr-hybrid": "tgw-attach-prod-hybrid-dxgw_id-prod-dr-hybrid-tgw_id"}
	for _, mode := range plantest.Modes {
		res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
		require.NoError(t, err, mode)
		assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), mode)

		private := map[string]int{}
		for _, v := range plantest.Every(t, res, token.EC2VPNConnection, 8) {
			if v.Props()["outsideIpAddressType"] != "PrivateIpv4" {
				continue
			}
			owner, _, _ := strings.Cut(v.Name, "-dxvpn-")
			private[owner]++
			if mode == plan.Up {
				assert.Equal(t, transports[owner], v.Props()["transportTransitGatewayAttachmentId"], "%s rides its own gateway's Direct Connect attachment", v.Name)
			}
			assert.Equal(t, owner == "prod-dr-hybrid", providerOf(v) == drProviderName, "%s is declared in its gateway's region", v.Name)
		}
		assert.Equal(t, map[string]int{"prod-hybrid": 2, "prod-dr-hybrid": 2}, private, mode)
		if mode == plan.Up {
			docs := output(t, res, "drVpnCustomerGatewayConfigurations")
			assert.True(t, docs.Secret, "the documents hold the pre-shared keys")
			byRouter, ok := docs.Value.(map[string]any)
			require.True(t, ok)
			assert.ElementsMatch(t, []string{"dc1-core1", "dc1-core2", "dc1-edge1", "dc1-edge2"}, slices.Collect(maps.Keys(byRouter)),
				"every router configures its DR tunnels, over Direct Connect and over the internet")
		}
		for owner, blocks := range map[string][]any{"prod-hybrid": {"10.255.0.0/24"}, "prod-dr-hybrid": {"10.254.0.0/24"}} {
			assoc := plantest.Named(t, res, token.DXGatewayAssociation, owner+"-dxgw-tgw")
			assert.Equal(t, blocks, assoc.Props()["allowedPrefixes"], "%s: only the VPN endpoints are advertised over Direct Connect", owner)
			assert.Equal(t, blocks, plantest.Named(t, res, token.TGWTransitGateway, owner+"-tgw").Props()["transitGatewayCidrBlocks"], owner)
		}
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
