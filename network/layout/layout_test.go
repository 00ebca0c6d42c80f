package layout

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func layoutString(plans []Subnet) string {
	var b strings.Builder
	for _, p := range plans {
		fmt.Fprintf(&b, "%s %d %s %s\n", p.Tier, p.AZIndex, p.AZ, p.CIDR)
	}
	return b.String()
}

func TestPlanSubnetsGoldenLayouts(t *testing.T) {
	cases := []struct {
		name  string
		cidr  string
		azs   []string
		sizes PrefixLengths
		want  string
	}{
		{"dev: /16 over two AZs", "10.20.0.0/16", []string{"us-east-1a", "us-east-1b"}, DefaultPrefixLengths, `app 0 us-east-1a 10.20.0.0/20
app 1 us-east-1b 10.20.16.0/20
data 0 us-east-1a 10.20.64.0/24
data 1 us-east-1b 10.20.65.0/24
public 0 us-east-1a 10.20.68.0/28
public 1 us-east-1b 10.20.68.16/28
`},
		{"prod: /16 over three AZs", "10.10.0.0/16", []string{"us-east-1a", "us-east-1b", "us-east-1c"}, DefaultPrefixLengths, `app 0 us-east-1a 10.10.0.0/20
app 1 us-east-1b 10.10.16.0/20
app 2 us-east-1c 10.10.32.0/20
data 0 us-east-1a 10.10.64.0/24
data 1 us-east-1b 10.10.65.0/24
data 2 us-east-1c 10.10.66.0/24
public 0 us-east-1a 10.10.68.0/28
public 1 us-east-1b 10.10.68.16/28
public 2 us-east-1c 10.10.68.32/28
`},
		{"a small /22 VPC", "192.168.4.0/22", []string{"a-b-1a", "a-b-1b"}, PrefixLengths{App: 25, Data: 27, Public: 28}, `app 0 a-b-1a 192.168.4.0/25
app 1 a-b-1b 192.168.4.128/25
data 0 a-b-1a 192.168.6.0/27
data 1 a-b-1b 192.168.6.32/27
public 0 a-b-1a 192.168.6.128/28
public 1 a-b-1b 192.168.6.144/28
`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Plan(netip.MustParsePrefix(tc.cidr), tc.azs, tc.sizes)
			require.NoError(t, err)
			assert.Equal(t, tc.want, layoutString(got))
		})
	}
}

func TestAddingAnAZKeepsEveryExistingSubnet(t *testing.T) {
	vpc := netip.MustParsePrefix("10.10.0.0/16")
	two, err := Plan(vpc, []string{"x-y-1a", "x-y-1b"}, DefaultPrefixLengths)
	require.NoError(t, err)
	three, err := Plan(vpc, []string{"x-y-1a", "x-y-1b", "x-y-1c"}, DefaultPrefixLengths)
	require.NoError(t, err)
	for _, s := range two {
		assert.Contains(t, three, s, "a third AZ must not renumber (and so replace) %s", s.CIDR)
	}
}

func TestPlannedSubnetsNeverOverlap(t *testing.T) {
	got, err := Plan(netip.MustParsePrefix("10.0.0.0/16"), []string{"x-y-1a", "x-y-1b", "x-y-1c", "x-y-1d"}, PrefixLengths{App: 19, Data: 21, Public: 24})
	require.NoError(t, err)
	for i, a := range got {
		for _, b := range got[i+1:] {
			assert.False(t, a.CIDR.Overlaps(b.CIDR), "%s overlaps %s", a.CIDR, b.CIDR)
		}
	}
}

func TestPlanSubnetsRejectsLayoutsAWSWouldRefuse(t *testing.T) {
	azs := []string{"x-y-1a", "x-y-1b"}
	cases := []struct {
		name  string
		cidr  string
		azs   []string
		sizes PrefixLengths
		want  string
	}{
		{"a VPC larger than /16", "10.0.0.0/8", azs, DefaultPrefixLengths, "prefix length must be /16 to /24"},
		{"a subnet smaller than /28", "10.0.0.0/16", azs, PrefixLengths{App: 20, Data: 24, Public: 29}, "public subnets /29"},
		{"four subnets larger than the VPC", "10.0.0.0/16", azs, PrefixLengths{App: 17, Data: 24, Public: 28}, "larger than the VPC"},
		{"tiers that together overflow", "10.0.0.0/20", azs, PrefixLengths{App: 22, Data: 26, Public: 28}, "do not fit"},
		{"one AZ", "10.0.0.0/16", azs[:1], DefaultPrefixLengths, "need 2 to 4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Plan(netip.MustParsePrefix(tc.cidr), tc.azs, tc.sizes)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestNATGatewayPlacement(t *testing.T) {
	single, err := NATSingle.GatewayAZs(3)
	require.NoError(t, err)
	assert.Equal(t, []int{0}, single, "single: one gateway, in the first AZ")
	perAZ, err := NATPerAZ.GatewayAZs(3)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2}, perAZ, "perAz: one gateway per AZ")
	for az := range 3 {
		got, err := NATSingle.GatewayFor(az)
		require.NoError(t, err)
		assert.Equal(t, 0, got)
		got, err = NATPerAZ.GatewayFor(az)
		require.NoError(t, err)
		assert.Equal(t, az, got, "perAz: each AZ egresses through its own gateway")
	}
}

func TestAnUnknownNATStrategyIsAnErrorNotADefault(t *testing.T) {
	for _, ok := range []NATStrategy{"single", "perAz"} {
		assert.NoError(t, ok.Check(), ok)
	}
	for _, bad := range []NATStrategy{"", "perAZ", "none"} {
		require.Error(t, bad.Check(), bad)
		assert.Contains(t, bad.Check().Error(), `want "single" or "perAz"`)
		_, err := bad.GatewayAZs(3)
		assert.Error(t, err, "%q must not place gateways as if it were a known strategy", bad)
		_, err = bad.GatewayFor(1)
		assert.Error(t, err, bad)
	}
}
