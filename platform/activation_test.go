package platform

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// expiries runs prod at now and returns every activation's expirationDate by name.
func expiries(t *testing.T, now time.Time) map[string]any {
	t.Helper()
	res, err := plan.Run(Program(func() time.Time { return now }), stackFiles(t, "prod"), plan.Up)
	require.NoError(t, err, now)
	out := map[string]any{}
	for _, a := range plantest.Every(t, res, token.SSMActivation, 3) {
		out[a.Name] = a.Props()["expirationDate"]
	}
	return out
}

// No date lives in the stack files: every deployment of one rotation window declares the same activations
// (no diff), the first one after the window replaces them all before they lapse, and any day of any year
// deploys.
func TestActivationsRenewThemselvesWithoutADateInTheStackFiles(t *testing.T) {
	windowStart := time.Date(2030, time.January, 14, 0, 0, 0, 0, time.UTC) // a 14-day window of prod's activations
	first := expiries(t, windowStart)
	require.Len(t, first, 3, "ECS Anywhere and the two server activations")
	for _, e := range first {
		assert.Equal(t, "2030-02-12T23:00:00Z", e)
	}
	assert.Equal(t, first, expiries(t, windowStart.Add(14*24*time.Hour-time.Minute)), "the last minute of the window: no change")
	next := expiries(t, windowStart.Add(14*24*time.Hour))
	for name, e := range next {
		assert.Equal(t, "2030-02-26T23:00:00Z", e, "%s: the next window renews it, 16 days before the old one lapses", name)
	}
	for _, day := range []time.Time{time.Date(2026, time.December, 20, 0, 0, 0, 0, time.UTC), time.Date(2045, time.July, 1, 12, 0, 0, 0, time.UTC)} {
		assert.Len(t, expiries(t, day), 3, "prod deploys on %s", day)
	}
}

// Issue 21: each activation the program declares registers exactly the hosts its stack file lists, in both
// stacks and both modes, so a leaked code registers nothing else.
func TestEachActivationsLimitIsItsInventory(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		cfg := stackConfig(t, stack)
		want := map[string]float64{stack + "-compute-anywhere": float64(len(cfg.Cluster.Anywhere.Hosts))}
		for group, a := range cfg.Management.Activations {
			want[stack+"-management-"+group] = float64(len(a.Hosts))
		}
		inventory := map[string]float64{"dev": 5 + 2, "prod": 30 + 10 + 4}[stack]
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			got := map[string]any{}
			var total float64
			for _, a := range plantest.Every(t, res, token.SSMActivation, len(want)) {
				got[a.Name] = a.Props()["registrationLimit"]
				total += want[a.Name]
			}
			require.Len(t, got, len(want), "%s %s: one activation per inventory", stack, mode)
			for name, limit := range want {
				assert.Equal(t, limit, got[name], "%s %s: %s registers its listed hosts only", stack, mode, name)
			}
			assert.Equal(t, inventory, total, "%s %s: the limits add up to the hosts in the stack file", stack, mode)
		}
	}
}
