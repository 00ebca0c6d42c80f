package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/report/cost"
)

func TestUsageSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, 50.0, dev.Usage.Get(cost.UsageNatGB))
	assert.True(t, dev.Usage.IsSet(cost.UsageNatGB))
	assert.Equal(t, 0.5, dev.Usage.Get(cost.UsageFileBucketTB))

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, 1500.0, prod.Usage.Get(cost.UsageToOnPremisesGB))
	assert.False(t, prod.Usage.IsSet(cost.UsageNatGB), "prod leaves natGb to its default")
	assert.Equal(t, 500.0, prod.Usage.Get(cost.UsageNatGB))
}

func TestUsageIsOptionalAndDefaultsAreConservative(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, "hybridcloud:usage")
	c, err := parse(cfg)
	require.NoError(t, err)
	for _, f := range cost.UsageFigures() {
		assert.False(t, c.Usage.IsSet(f.Key), f.Key)
		assert.NotEmpty(t, f.Unit, f.Key)
		assert.NotEmpty(t, f.Doc, f.Key)
		if f.SameAs != "" || f.FromPlan != "" {
			continue // the default is another figure's value or the plan's
		}
		assert.Equal(t, f.Default, c.Usage.Get(f.Key), f.Key)
		assert.Positive(t, f.Default, "%s: a zero default would hide a charge", f.Key)
	}
	// The defaults are not below what the stacks set: an estimate without a usage section is not optimistic.
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	for _, f := range cost.UsageFigures() {
		if f.SameAs == "" && f.FromPlan == "" {
			assert.GreaterOrEqual(t, f.Default, dev.Usage.Get(f.Key), f.Key)
		}
	}
}

func TestBadUsageConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:usage"
	tests := []struct {
		name    string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"a negative figure is refused", "natGb", -5, key + ".natGb", "-5 is negative"},
		{"a figure in a string is refused", "fileBucketTb", "10TB", key + ".fileBucketTb", `got a string "10TB", want a number`},
		{"a boolean figure is refused", "albLcu", true, key + ".albLcu", "got a boolean true, want a number"},
		{"an object figure is refused", "natGb", map[string]any{"gb": 1}, key + ".natGb", "got an object, want a number"},
		{"an unknown key is refused", "natGB", 50, key + ".natGB", "unknown usage figure (known: natGb, natInternetEgressGb, endpointGb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, "dev", key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestUsageThatIsNotAnObjectIsRefused(t *testing.T) {
	cfg := stackConfig(t, "dev")
	cfg["hybridcloud:usage"] = `[500]`
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:usage: ")
}

func TestEveryBadUsageFigureIsReportedAtOnce(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:usage", "natGb", -1)
	cfg = patch(t, cfg, "hybridcloud:usage", "logsGb", 3)
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:usage.natGb: ")
	assert.Contains(t, err.Error(), "hybridcloud:usage.logsGb: ")
}
