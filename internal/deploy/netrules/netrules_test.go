package netrules

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestCIDRsKeepsOrderAndCanonicalForm(t *testing.T) {
	got := CIDRs([]netip.Prefix{netip.MustParsePrefix("10.0.0.0/16"), netip.MustParsePrefix("172.20.0.0/16")})
	require.Len(t, got, 2)
	for i, want := range []string{"10.0.0.0/16", "172.20.0.0/16"} {
		v, err := plan.Await(got[i].ToStringOutput())
		require.NoError(t, err)
		assert.Equal(t, want, v.Value)
	}
	assert.Empty(t, CIDRs(nil))
}
