package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

func TestBreakevenMatchesAHandComputedCase(t *testing.T) {
	// One VPN: (0.05 + 0.05) $/h × 730 h = $73.00 a month. One 1 Gbps port and the DX attachment:
	// (0.30 + 0.05) $/h × 730 h = $255.50. Per GB out: 0.09 internet, 0.02 Direct Connect.
	// V* = (255.50 − 73.00) / (0.09 − 0.02) = 2607.142857... GB a month (no carrier charge here).
	r := build(t, &plantest.Builder{}, Usage{}.With(UsageToOnPremisesGB, 1000).With(UsageDXCarrierUSDPerPort, 0))
	c := r.Connectivity
	require.NotNil(t, c.BreakevenGB)
	assert.InDelta(t, 2607.142857, *c.BreakevenGB, 1e-6)
	assert.Contains(t, c.BreakevenFormula, "($255.50 − $73.00) / (0.09 − 0.02) = 2607.14 GB/month")
	assert.Equal(t, "none", c.CurrentMode)
	assert.Equal(t, 1000.0, c.VolumeGB)
	assert.False(t, c.VolumeDefault)

	want := map[string]float64{
		ModeVPN:                  73 + 1000*0.09,
		ModeDirectConnect:        255.5 + 1000*0.02,
		ModeDirectConnectWithVPN: 255.5 + 73 + 1000*0.02,
	}
	require.Len(t, c.Modes, 3)
	for _, m := range c.Modes {
		require.NotNil(t, m.Total, m.Mode)
		assert.InDelta(t, want[m.Mode], *m.Total, 1e-9, m.Mode)
		assert.Empty(t, m.Unknown)
	}
	assert.Contains(t, c.Modes[0].Formula, "1 VPN × ($0.05 + $0.05 attachment)/h × 730 h + 1000 GB × $0.09/GB")

	require.Len(t, c.Breakevens, 3, "every pair of modes")
	withVPN := c.Breakevens[1]
	assert.Equal(t, [2]string{ModeVPN, ModeDirectConnectWithVPN}, [2]string{withVPN.A, withVPN.B})
	require.NotNil(t, withVPN.GB)
	assert.InDelta(t, 255.5/0.07, *withVPN.GB, 1e-6, "F_dx alone over the per-GB difference")
	assert.Nil(t, c.Breakevens[2].GB, "Direct Connect with a standby VPN never costs less than Direct Connect alone")
	assert.Contains(t, c.Breakevens[2].Formula, "never")
}

func TestTheCarrierChargeAndTheExistingPortSpeedComeFromTheUsageFigures(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	s.Resource(c, typeTransitVIF, "vif", map[string]any{"connectionId": "dxcon-a"}, nil)
	r := build(t, s, Usage{}.With(UsageDXPortGbps, 10).With(UsageToOnPremisesGB, 0))
	got := r.Connectivity
	assert.Equal(t, "10Gbps", got.PortSpeed)
	assert.Equal(t, 500.0, got.CarrierPerPort)
	assert.True(t, got.CarrierDefault)
	assert.InDelta(t, (2.25+0.05)*730+500, *got.Modes[1].Total, 1e-9)
	assert.Contains(t, got.Modes[1].Formula, "1 × $500 carrier and cross-connect")
	port := line(t, r, "vif", "Direct Connect port hours (existing connection dxcon-a, 10Gbps)")
	assert.InDelta(t, 730*2.25, monthlyOf(t, port), 1e-9)

	hosted := build(t, s, Usage{}.With(UsageDXPortGbps, 0.5)).Connectivity
	assert.Equal(t, "500Mbps", hosted.PortSpeed, "below 1 Gbps: a hosted connection")
}

func TestAboveTheBreakevenDirectConnectIsCheaper(t *testing.T) {
	for _, gb := range []float64{2000, 3000} {
		c := build(t, &plantest.Builder{}, Usage{}.With(UsageToOnPremisesGB, gb)).Connectivity
		vpn, dx := *c.Modes[0].Total, *c.Modes[1].Total
		assert.Equal(t, gb > *c.BreakevenGB, dx < vpn, "%v GB: vpn %v, directConnect %v", gb, vpn, dx)
	}
}

func TestTheDecisionUsesThePlansConnectionsAndNamesItsMode(t *testing.T) {
	tests := []struct {
		name      string
		vpns      []map[string]any
		vifs      int
		wantMode  string
		wantVPN   int
		wantPorts int
	}{
		{"no hybrid connectivity", nil, 0, "none", 1, 1},
		{"two VPNs", []map[string]any{{}, {}}, 0, ModeVPN, 2, 1},
		{"Direct Connect alone", nil, 2, ModeDirectConnect, 1, 2},
		{"Direct Connect with a VPN", []map[string]any{{}}, 2, ModeDirectConnectWithVPN, 1, 2},
		{"VPN over Direct Connect", []map[string]any{{"outsideIpAddressType": "PrivateIpv4"}}, 1, ModeDirectConnectEncrypted, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &plantest.Builder{}
			c := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
			for i, in := range tt.vpns {
				s.Resource(c, typeVpnConnection, "vpn-"+string(rune('a'+i)), in, nil)
			}
			for i := range tt.vifs {
				s.Resource(c, typeTransitVIF, "vif-"+string(rune('a'+i)), map[string]any{"connectionId": "dxcon-" + string(rune('a'+i))}, nil)
			}
			got := build(t, s, Usage{}).Connectivity
			assert.Equal(t, tt.wantMode, got.CurrentMode)
			assert.Equal(t, tt.wantVPN, got.VPNConnections)
			assert.Equal(t, tt.wantPorts, got.DXPorts)
		})
	}
}

func TestAnOrderedPortsSpeedIsTheOnePriced(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	con := s.Resource(c, typeDXConnection, "dx", map[string]any{"bandwidth": "10Gbps"}, nil)
	s.Resource(c, typeTransitVIF, "vif", map[string]any{"connectionId": "dx_id"}, map[string][]plan.Resource{"connectionId": {con}})
	got := build(t, s, Usage{}).Connectivity
	assert.Equal(t, "10Gbps", got.PortSpeed)
	assert.Equal(t, 1, got.DXPorts)
	assert.InDelta(t, (2.25+0.05)*730+500+1000*0.02, *got.Modes[1].Total, 1e-9, "with the default carrier charge")
}

func TestAnUnknownPriceLeavesTheDecisionUnknownNotZero(t *testing.T) {
	tbl, err := prices.Parse("test.yaml", []byte(`
as_of: "2026-11-24"
hours_per_month: 730
regions: [us-east-1]
prices:
  site_to_site_vpn.connection_hour: {unit: "USD/h", us-east-1: {value: 0.05, src: "test"}}
`))
	require.NoError(t, err)
	r, err := Build((&plantest.Builder{}).Result(), Inputs{Region: "us-east-1", Prices: tbl})
	require.NoError(t, err)
	c := r.Connectivity
	assert.Nil(t, c.BreakevenGB)
	assert.Contains(t, c.BreakevenFormula, "unknown: no price for")
	for _, m := range c.Modes {
		assert.Nil(t, m.Total, m.Mode)
		assert.NotEmpty(t, m.Unknown, m.Mode)
	}
}
