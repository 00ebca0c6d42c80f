package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestTransitGatewayChargesAttachmentsAndTheDataItProcesses(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	tgw := s.Resource(hyb, typeTransitGateway, "tgw", nil, nil)
	s.Resource(hyb, typeTGWVpcAttachment, "tgw-vpc", nil, map[string][]plan.Resource{"transitGatewayId": {tgw}})
	r := build(t, s, Usage{}.With(UsageTransitGatewayGB, 2000))

	data := line(t, r, "tgw", "Transit Gateway data processed")
	assert.Equal(t, 2000.0, data.Quantity)
	assert.InDelta(t, 2000*price(t, "transit_gateway.gb_processed"), monthlyOf(t, data), 1e-9)
	assert.InDelta(t, 730*price(t, "transit_gateway.attachment_hour_vpc"), monthlyOf(t, line(t, r, "tgw-vpc", "Transit Gateway VPC attachment")), 1e-9)
}

func TestAVPNAloneCarriesTheDataToOnPremisesAtTheInternetRate(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	tgw := s.Resource(hyb, typeTransitGateway, "tgw", nil, nil)
	s.Resource(hyb, typeVpnConnection, "vpn-1", map[string]any{"transitGatewayId": "tgw_id"}, map[string][]plan.Resource{"transitGatewayId": {tgw}})
	s.Resource(hyb, typeVpnConnection, "vpn-2", map[string]any{"transitGatewayId": "tgw_id"}, map[string][]plan.Resource{"transitGatewayId": {tgw}})
	r := build(t, s, Usage{}.With(UsageToOnPremisesGB, 1000))

	assert.InDelta(t, 36.5, monthlyOf(t, line(t, r, "vpn-1", "VPN connection hours")), 1e-9, "0.05 $/h × 730 h")
	assert.InDelta(t, 36.5, monthlyOf(t, line(t, r, "vpn-1", "Transit Gateway VPN attachment")), 1e-9)
	dto := line(t, r, "vpn-2", "data transfer out to on premises (internet)")
	assert.Equal(t, 500.0, dto.Quantity, "1000 GB shared by 2 VPN connections")
	assert.InDelta(t, 500*price(t, "data_transfer.internet_egress_first_10tb_gb"), monthlyOf(t, dto), 1e-9)
}

func TestWithDirectConnectTheVPNStandsByAndTheVIFsCarryTheData(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	s.Resource(hyb, typeVpnConnection, "vpn", map[string]any{}, nil)
	s.Resource(hyb, typeVpnConnection, "vpn-over-dx", map[string]any{"outsideIpAddressType": "PrivateIpv4"}, nil)
	s.Resource(hyb, typeTransitVIF, "vif-a", map[string]any{"connectionId": "dxcon-a"}, nil)
	s.Resource(hyb, typeTransitVIF, "vif-a2", map[string]any{"connectionId": "dxcon-a"}, nil)
	s.Resource(hyb, typeTransitVIF, "vif-b", map[string]any{"connectionId": "dxcon-b"}, nil)
	r := build(t, s, Usage{}.With(UsageToOnPremisesGB, 900))

	assert.Len(t, linesOf(r, "vpn"), 1, "no TGW attachment declared and no data out on a standby VPN")
	assert.Contains(t, linesOf(r, "vpn")[0].Note, "standby path")
	assert.Contains(t, linesOf(r, "vpn-over-dx")[0].Note, "runs over Direct Connect")

	dto := line(t, r, "vif-b", "data transfer out over Direct Connect")
	assert.Equal(t, 300.0, dto.Quantity, "900 GB shared by 3 VIFs")
	assert.InDelta(t, 300*price(t, "direct_connect.dto_gb_same_area"), monthlyOf(t, dto), 1e-9)

	// A port is counted once per existing connection, at dxPortGbps (default: a dedicated 1 Gbps port).
	port := line(t, r, "vif-a", "Direct Connect port hours (existing connection dxcon-a, 1Gbps)")
	assert.InDelta(t, 730*price(t, "direct_connect.dedicated_1g_port_hour"), monthlyOf(t, port), 1e-9)
	assert.Contains(t, port.Assumption, "usage dxPortGbps = 1 (default)")
	assert.Len(t, linesOf(r, "vif-a2"), 1, "dxcon-a's port is already on vif-a")
	assert.Len(t, linesOf(r, "vif-b"), 2)
}

func TestAcceleratedVPNHasAnUnknownPriceThatIsReportedNotZeroed(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	s.Resource(hyb, typeVpnConnection, "vpn", map[string]any{"enableAcceleration": true}, nil)
	r := build(t, s, Usage{})

	acc := line(t, r, "vpn", "accelerated VPN hours")
	assert.Nil(t, acc.Monthly)
	assert.Nil(t, acc.UnitPrice)
	assert.Contains(t, acc.Note, "no sourced figure for site_to_site_vpn.accelerated_extra in us-east-1")
	assert.Equal(t, 1, r.Unknown)
	assert.Equal(t, 1, r.Components[0].Unknown)
	var known float64
	for _, l := range r.Lines {
		if l.Known() {
			known += *l.Monthly
		}
	}
	assert.InDelta(t, known, r.Total, 1e-9, "the total is the known lines only")
}

func TestOrderedDirectConnectPortsArePricedByBandwidth(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	con := s.Resource(hyb, typeDXConnection, "dx-10g", map[string]any{"bandwidth": "10Gbps"}, nil)
	s.Resource(hyb, typeDXConnection, "dx-100g", map[string]any{"bandwidth": "100Gbps"}, nil)
	s.Resource(hyb, typeTransitVIF, "vif", map[string]any{"connectionId": "dx-10g_id"}, map[string][]plan.Resource{"connectionId": {con}})
	r := build(t, s, Usage{})

	assert.InDelta(t, 730*price(t, "direct_connect.dedicated_10g_port_hour"), monthlyOf(t, line(t, r, "dx-10g", "Direct Connect port hours (10Gbps)")), 1e-9)
	unknown := line(t, r, "dx-100g", "Direct Connect port hours (100Gbps)")
	assert.Nil(t, unknown.Monthly)
	assert.Contains(t, unknown.Note, "no direct_connect.dedicated_100g_port_hour in the price table")
	assert.Len(t, linesOf(r, "vif"), 1, "the VIF's port is the ordered connection's")
}

func TestDirectConnectGatewayAssociationToATransitGatewayIsAnAttachment(t *testing.T) {
	s := &plantest.Builder{}
	hyb := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	tgw := s.Resource(hyb, typeTransitGateway, "tgw", nil, nil)
	vgw := s.Resource(hyb, "aws:ec2/vpnGateway:VpnGateway", "vgw", nil, nil)
	s.Resource(hyb, typeDXAssociation, "to-tgw", nil, map[string][]plan.Resource{"associatedGatewayId": {tgw}})
	s.Resource(hyb, typeDXAssociation, "to-vgw", nil, map[string][]plan.Resource{"associatedGatewayId": {vgw}})
	r := build(t, s, Usage{})

	assert.InDelta(t, 730*price(t, "transit_gateway.attachment_hour_dxgw"), monthlyOf(t, line(t, r, "to-tgw", "Transit Gateway Direct Connect attachment")), 1e-9)
	assert.Empty(t, linesOf(r, "to-vgw"))
	assert.Contains(t, r.NotPriced, TypeCount{Type: "aws:ec2/vpnGateway:VpnGateway", Count: 1, Reason: "no pricing rule for this type"})
}

func TestResolverEndpointsAreChargedPerIPAddress(t *testing.T) {
	s := &plantest.Builder{}
	dns := s.Component("hybridcloud:hybrid:DNS", "dns")
	ips := func(n int) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = map[string]any{"subnetId": "s"}
		}
		return out
	}
	s.Resource(dns, typeResolverEndpoint, "inbound", map[string]any{"direction": "INBOUND", "ipAddresses": ips(3)}, nil)
	s.Resource(dns, typeResolverEndpoint, "outbound", map[string]any{"direction": "OUTBOUND", "ipAddresses": ips(2)}, nil)
	r := build(t, s, Usage{}.With(UsageResolverMillionQueries, 10))

	in := line(t, r, "inbound", "Resolver endpoint IP address hours")
	assert.Equal(t, 3.0, in.Quantity)
	assert.InDelta(t, 3*730*0.125, monthlyOf(t, in), 1e-9, "273.75: 3 ENIs at 0.125 $/h")
	assert.Equal(t, 2.0, line(t, r, "outbound", "Resolver endpoint IP address hours").Quantity)
	queries := line(t, r, "outbound", "Resolver queries")
	assert.Equal(t, 5.0, queries.Quantity)
	require.NotNil(t, queries.UnitPrice)
	assert.InDelta(t, 5*price(t, "route53_resolver.million_queries_first_1b"), monthlyOf(t, queries), 1e-9)
}
