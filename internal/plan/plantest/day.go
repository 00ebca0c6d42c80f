package plantest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// maxExpiry is how far ahead an activation may expire (SSM's limit, which config enforces).
const maxExpiry = 30 * 24 * time.Hour

// ValidDay returns a day (YYYY-MM-DD) at which every dated setting of the stacks' files in dir is valid:
// the day before the earliest expiresOn. Tests that run the live stack files take their day from here
// instead of a literal, so the monthly rotation of the activation dates the docs prescribe never turns
// them red. The test fails when the files hold no expiry, or expiries too far apart for one day to suit
// them all.
func ValidDay(t testing.TB, dir string, stacks ...string) string {
	t.Helper()
	expiries := Expiries(t, dir, stacks...)
	require.NotEmpty(t, expiries, "the stack files %v hold no expiresOn", stacks)
	earliest, latest := expiries[0], expiries[0]
	for _, e := range expiries {
		if e.Before(earliest) {
			earliest = e
		}
		if e.After(latest) {
			latest = e
		}
	}
	day := earliest.AddDate(0, 0, -1)
	require.LessOrEqual(t, latest.Sub(day), maxExpiry,
		"the stack files' expiries (%s … %s) are more than 30 days apart: no day suits them all", earliest.Format(time.DateOnly), latest.Format(time.DateOnly))
	return day.Format(time.DateOnly)
}

// Expiries returns every expiresOn date in the stacks' configuration, in file order per stack.
func Expiries(t testing.TB, dir string, stacks ...string) []time.Time {
	t.Helper()
	var out []time.Time
	for _, s := range stacks {
		st, err := plan.LoadStack(dir, s)
		require.NoError(t, err)
		for _, raw := range st.Config {
			var v any
			if json.Unmarshal([]byte(raw), &v) != nil {
				continue // a scalar key
			}
			collectExpiries(t, v, &out)
		}
	}
	return out
}

func collectExpiries(t testing.TB, v any, out *[]time.Time) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && k == "expiresOn" {
				d, err := time.Parse(time.DateOnly, s)
				require.NoError(t, err, "expiresOn %q", s)
				*out = append(*out, d)
				continue
			}
			collectExpiries(t, e, out)
		}
	case []any:
		for _, e := range v {
			collectExpiries(t, e, out)
		}
	}
}
