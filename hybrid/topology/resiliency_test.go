package topology

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckResiliency(t *testing.T) {
	var (
		ashA = Port{Location: "EqDC2", Device: "EqDC2-a"}
		ashB = Port{Location: "EqDC2", Device: "EqDC2-b"}
		resA = Port{Location: "CSVA1", Device: "CSVA1-a"}
		resB = Port{Location: "CSVA1", Device: "CSVA1-b"}
	)
	tests := []struct {
		name    string
		model   Resiliency
		ports   []Port
		wantErr string
	}{
		{"development: two devices at one location", ResiliencyDevelopment, []Port{ashA, ashB}, ""},
		{"development: one device twice", ResiliencyDevelopment, []Port{ashA, ashA}, "EqDC2 on 1 device (EqDC2-a)"},
		{"development: devices unknown", ResiliencyDevelopment, []Port{{Location: "EqDC2"}, {Location: "EqDC2"}}, "EqDC2 on no known device"},
		{"development: two locations, one device each", ResiliencyDevelopment, []Port{ashA, resA}, "needs 2 connections on separate devices at one location"},
		{"high: one at each of two locations", ResiliencyHigh, []Port{ashA, resA}, ""},
		{"high: devices do not matter", ResiliencyHigh, []Port{{Location: "EqDC2"}, {Location: "CSVA1"}}, ""},
		{"high: two at one location", ResiliencyHigh, []Port{ashA, ashB}, "add a connection at a second location"},
		{"high: a single connection", ResiliencyHigh, []Port{ashA}, "the connections are at EqDC2 on 1 device"},
		{"maximum: two devices at each of two locations", ResiliencyMaximum, []Port{ashA, ashB, resA, resB}, ""},
		{"maximum: a second device missing at one location", ResiliencyMaximum, []Port{ashA, ashB, resA}, "CSVA1 needs a second connection on a separate device"},
		{"maximum: one location only", ResiliencyMaximum, []Port{ashA, ashB}, "a second location with 2 connections on separate devices is missing"},
		{"no connections", ResiliencyHigh, nil, "there are no connections"},
		{"an unknown model", "heroic", []Port{ashA}, `"heroic" is not a Direct Connect resiliency model`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckResiliency(tt.model, tt.ports)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestResiliencyModelsAreOrderedAndOnlyTheKnownOnesPass(t *testing.T) {
	assert.True(t, ResiliencyMaximum.AtLeast(ResiliencyHigh))
	assert.True(t, ResiliencyHigh.AtLeast(ResiliencyHigh))
	assert.False(t, ResiliencyDevelopment.AtLeast(ResiliencyHigh))
	assert.False(t, Resiliency("extreme").AtLeast(ResiliencyDevelopment), "an unknown model is weaker than every model")
	assert.True(t, ResiliencyDevelopment.NeedsSeparateDevices())
	assert.True(t, ResiliencyMaximum.NeedsSeparateDevices())
	assert.False(t, ResiliencyHigh.NeedsSeparateDevices())
	for _, r := range Resiliencies {
		assert.NoError(t, r.Check(), r)
	}
	assert.ErrorContains(t, Resiliency("extreme").Check(), `"extreme" is not a Direct Connect resiliency model`)
	assert.Error(t, Resiliency("").Check())
}

func TestLinkTables(t *testing.T) {
	assert.NoError(t, CheckMTU(MTUStandard))
	assert.NoError(t, CheckMTU(MTUJumbo))
	assert.Equal(t, MTUJumbo, DefaultMTU, "jumbo frames by default")
	assert.ErrorContains(t, CheckMTU(9001), "9001 is not a transit VIF MTU (want 1500 or 8500)")
	assert.ErrorContains(t, CheckMTU(0), "0 is not a transit VIF MTU")
	assert.Subset(t, DedicatedBandwidths, MACsecBandwidths, "MACsec ports are dedicated ports")
	assert.NotContains(t, MACsecBandwidths, "1Gbps")
	assert.Equal(t, MACsecMustEncrypt, DefaultMACsecMode, "MACsec drops rather than sends in clear by default")
	assert.Contains(t, MACsecModes, DefaultMACsecMode)
}
