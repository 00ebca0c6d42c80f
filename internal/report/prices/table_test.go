package prices

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheRepositoryTableLoadsWithDatesUnitsAndSources(t *testing.T) {
	table, err := Load("")
	require.NoError(t, err)
	assert.Equal(t, DefaultFile, table.File)
	assert.Contains(t, table.AsOf, "2026-11-23")
	assert.Equal(t, 730.0, table.HoursPerMonth)
	assert.Equal(t, []string{"us-east-1", "eu-central-1", "us-west-2"}, table.Regions)

	nat := table.Lookup("nat_gateway.hour", "us-east-1")
	assert.True(t, nat.Known)
	assert.Equal(t, 0.045, nat.Value)
	assert.Equal(t, "USD/h", nat.Unit)
	assert.Contains(t, nat.Source, "nat_gateway_test.golden")
}

func TestTheFileOnDiskIsTheEmbeddedOne(t *testing.T) {
	fromDisk, err := Load("aws-prices.yaml")
	require.NoError(t, err)
	embedded, err := Load("")
	require.NoError(t, err)
	assert.Equal(t, embedded.dimensions, fromDisk.dimensions)
}

func TestUnknownFiguresAreReportedWithTheReasonNeverAsZero(t *testing.T) {
	table, err := Load("")
	require.NoError(t, err)
	tests := []struct {
		name, key, region, why string
	}{
		{"null value", "site_to_site_vpn.accelerated_extra", "us-east-1", "no sourced figure for site_to_site_vpn.accelerated_extra in us-east-1"},
		{"null value in another region", "nat_gateway.hour", "eu-central-1", "no sourced figure"},
		{"dimension not in the table", "ec2.x9z_huge.hour", "us-east-1", "no ec2.x9z_huge.hour in the price table"},
		{"region not in the table", "nat_gateway.hour", "ap-south-1", "no column for ap-south-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := table.Lookup(tt.key, tt.region)
			assert.False(t, p.Known)
			assert.Zero(t, p.Value)
			assert.Contains(t, p.Why, tt.why)
		})
	}
}

func TestCheckRegionNamesTheTablesRegions(t *testing.T) {
	table, err := Load("")
	require.NoError(t, err)
	require.NoError(t, table.CheckRegion("us-east-1"))
	err = table.CheckRegion("ap-south-1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `region "ap-south-1" is not in internal/report/prices/aws-prices.yaml (its regions: us-east-1, eu-central-1, us-west-2)`)
}

const goodTable = `
as_of: "2026-11-23"
hours_per_month: 730
regions: [us-east-1]
prices:
  nat_gateway.hour:
    unit: "USD/h"
    us-east-1: {value: 0.045, src: "somewhere"}
`

func TestBadTablesAreRefusedNamingTheEntry(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"not YAML", `regions: [us-east-1]`, `regions: [us-east-1`, "does not parse"},
		{"an unknown top-level field", `hours_per_month: 730`, "hours_per_month: 730\ncurrency: EUR", "does not parse"},
		{"no as-of date", `as_of: "2026-11-23"`, `as_of: ""`, "as_of: required"},
		{"no hours per month", `hours_per_month: 730`, `hours_per_month: 0`, "hours_per_month: required and positive"},
		{"no regions", `regions: [us-east-1]`, `regions: []`, "regions: required"},
		{"no unit", `    unit: "USD/h"`, ``, "prices.nat_gateway.hour: no unit"},
		{"an unknown region", `us-east-1: {value`, `us-east-2: {value`, "prices.nat_gateway.hour.us-east-2: unknown region (the table's regions: us-east-1)"},
		{"a value that is not a number", `value: 0.045`, `value: cheap`, `prices.nat_gateway.hour.us-east-1: value "cheap" is not a number`},
		{"a negative value", `value: 0.045`, `value: -1`, "value -1 is negative"},
		{"a value without its source", `src: "somewhere"`, `src: ""`, "a value needs its src"},
		{"a misspelt figure field", `src: "somewhere"`, `source: "somewhere"`, `unknown field "source"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := replaceOnce(t, goodTable, tt.from, tt.to)
			_, err := Parse("test.yaml", []byte(bad))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "prices: test.yaml")
		})
	}
}

func TestAGoodSyntheticTableParses(t *testing.T) {
	table, err := Parse("test.yaml", []byte(goodTable))
	require.NoError(t, err)
	assert.True(t, table.Lookup("nat_gateway.hour", "us-east-1").Known)
}

func TestLoadReportsAMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func replaceOnce(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	require.GreaterOrEqual(t, i, 0, "fixture has no %q", from)
	return s[:i] + to + s[i+len(from):]
}
