package cost

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

func table(t *testing.T) *prices.Table {
	t.Helper()
	tbl, err := prices.Load("")
	require.NoError(t, err)
	return tbl
}

// price reads a figure the test expects to be known, so expectations come from the table, not from copies.
func price(t *testing.T, key string) float64 {
	t.Helper()
	p := table(t).Lookup(key, "us-east-1")
	require.True(t, p.Known, "%s: %s", key, p.Why)
	return p.Value
}

func build(t *testing.T, s *plantest.Builder, usage Usage) *Report {
	t.Helper()
	r, err := Build(s.Result(), Inputs{Stack: "test", Region: "us-east-1", Usage: usage, Prices: table(t)})
	require.NoError(t, err)
	return r
}

// linesOf returns the report's lines for one resource name.
func linesOf(r *Report, name string) []Line {
	var out []Line
	for _, l := range r.Lines {
		if l.Name == name {
			out = append(out, l)
		}
	}
	return out
}

// line returns the one line of a resource whose charge starts with what.
func line(t *testing.T, r *Report, name, what string) Line {
	t.Helper()
	var found []Line
	for _, l := range linesOf(r, name) {
		if len(l.Charge) >= len(what) && l.Charge[:len(what)] == what {
			found = append(found, l)
		}
	}
	require.Len(t, found, 1, "lines of %s charging %q in %+v", name, what, linesOf(r, name))
	return found[0]
}

func monthlyOf(t *testing.T, l Line) float64 {
	t.Helper()
	require.NotNil(t, l.Monthly, "%s %s: %s has no price (%s)", l.Type, l.Name, l.Charge, l.Note)
	return *l.Monthly
}
