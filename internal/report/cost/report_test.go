package cost

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestUnpricedTypesAreListedAndComponentsAndProvidersSkipped(t *testing.T) {
	s := &plantest.Builder{}
	s.Provider("aws", "us-east-1")
	c := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(c, "aws:ec2/subnet:Subnet", "a", nil, nil)
	s.Resource(c, "aws:ec2/subnet:Subnet", "b", nil, nil)
	s.Resource(c, "aws:fsx/windowsFileSystem:WindowsFileSystem", "fsx", nil, nil)
	r := build(t, s, Usage{})

	assert.Empty(t, r.Lines)
	assert.Equal(t, []TypeCount{{Type: "aws:ec2/subnet:Subnet", Count: 2, Reason: noCharge}}, r.Free)
	assert.Equal(t, []TypeCount{{Type: "aws:fsx/windowsFileSystem:WindowsFileSystem", Count: 1, Reason: "no pricing rule for this type"}}, r.NotPriced)
}

func TestTotalsSplitFixedAndUsageAndSubtotalPerComponent(t *testing.T) {
	s := &plantest.Builder{}
	vpc := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(vpc, typeNatGateway, "nat", nil, nil)
	db := s.Component("hybridcloud:data:Database", "db")
	s.Resource(db, typeKMSKey, "key", nil, nil)
	r := build(t, s, Usage{}.With(UsageNatGB, 100))

	natHours := 730 * price(t, "nat_gateway.hour")
	natData := 100 * price(t, "nat_gateway.gb_processed")
	key := price(t, "kms.cmk_month")
	assert.InDelta(t, natHours+key, r.Fixed, 1e-9)
	natEgress := 100 * price(t, "data_transfer.internet_egress_first_10tb_gb")
	assert.InDelta(t, natData+natEgress, r.Usage, 1e-9, "natInternetEgressGb defaults to natGb")
	assert.InDelta(t, natHours+natData+natEgress+key, r.Total, 1e-9)
	require.Len(t, r.Components, 2)
	assert.Equal(t, Subtotal{Component: "db", Type: "hybridcloud:data:Database", Fixed: key, Total: key}, r.Components[0], "components sorted by name")
	assert.Equal(t, "vpc", r.Components[1].Component)
	assert.InDelta(t, natHours+natData+natEgress, r.Components[1].Total, 1e-9)
}

func TestAssumptionsListEveryUsageFigureAndWhetherItIsTheDefault(t *testing.T) {
	r := build(t, &plantest.Builder{}, Usage{}.With(UsageNatGB, 7))
	require.Len(t, r.Assumptions, len(UsageFigures()))
	assert.Equal(t, Assumption{Key: UsageNatGB, Value: 7, Unit: "GB/month", Default: false, Doc: "GB processed by the NAT gateways"}, r.Assumptions[0])
	assert.True(t, r.Assumptions[1].Default)
}

func TestResourcesOnAnotherRegionsProviderArePricedThere(t *testing.T) {
	s := &plantest.Builder{}
	far := s.Provider("far", "ap-south-1")
	c := s.Component("hybridcloud:data:Backup", "backup")
	s.On(s.Resource(c, typeKMSKey, "far-key", nil, nil), far)
	r := build(t, s, Usage{})
	l := line(t, r, "far-key", "KMS key")
	assert.Equal(t, "ap-south-1", l.Region)
	assert.Nil(t, l.Monthly)
	assert.Contains(t, l.Note, "no column for ap-south-1")
}

func TestAStackRegionOutsideThePriceTableIsAnError(t *testing.T) {
	_, err := Build((&plantest.Builder{}).Result(), Inputs{Region: "ap-south-1", Prices: table(t)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `region "ap-south-1" is not in internal/report/prices/aws-prices.yaml`)
	_, err = Build((&plantest.Builder{}).Result(), Inputs{Region: "us-east-1"})
	assert.ErrorContains(t, err, "a price table is required")
}

func TestTextReportShowsTheTableTheTotalsAndWhatIsLeftOut(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	s.Resource(c, typeVpnConnection, "vpn", map[string]any{"enableAcceleration": true}, nil)
	s.Resource(c, "aws:fsx/windowsFileSystem:WindowsFileSystem", "fsx", nil, nil)
	r := build(t, s, Usage{})
	var out bytes.Buffer
	require.NoError(t, r.WriteText(&out))
	text := out.String()
	for _, want := range []string{
		`Monthly cost estimate of stack "test" in us-east-1`,
		"as of 2026-11-23",
		"hybrid (hybridcloud:hybrid:Connectivity)",
		"ec2/vpnConnection  vpn     VPN connection hours",
		"1 connection × 730 h",
		"$0.05/h",
		"$36.50",
		"* data transfer out to on premises (internet)",
		"subtotal",
		"1 charge(s) with an unknown price are NOT included",
		"? ec2/vpnConnection vpn: accelerated VPN hours: no sourced figure",
		"Not priced (no rule, not in the totals):\n    1 × aws:fsx/windowsFileSystem:WindowsFileSystem",
		"natGb                   500 GB/month",
		"default",
		"V* = (F_dx − F_vpn) / (p_internet − p_dx)",
	} {
		assert.Contains(t, text, want)
	}
}

func TestJSONReportIsOneObject(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(c, typeNatGateway, "nat", nil, nil)
	var out bytes.Buffer
	require.NoError(t, build(t, s, Usage{}).WriteJSON(&out))
	var got struct {
		Stack string `json:"stack"`
		Lines []struct {
			Type     string   `json:"type"`
			Quantity float64  `json:"quantity"`
			Monthly  *float64 `json:"monthly"`
			UsageKey string   `json:"usageKey"`
		} `json:"lines"`
		Connectivity struct {
			BreakevenGB *float64 `json:"breakevenGb"`
		} `json:"connectivity"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, "test", got.Stack)
	require.Len(t, got.Lines, 3)
	assert.Equal(t, typeNatGateway, got.Lines[0].Type)
	assert.NotNil(t, got.Lines[0].Monthly)
	assert.Equal(t, "natGb", got.Lines[1].UsageKey)
	assert.NotNil(t, got.Connectivity.BreakevenGB)
}

func TestMoneyGroupsThousands(t *testing.T) {
	assert.Equal(t, "$0.00", money(0))
	assert.Equal(t, "$32.85", money(32.85))
	assert.Equal(t, "$1,234,567.89", money(1234567.891))
	assert.Equal(t, "-$1,000.00", money(-1000))
}
