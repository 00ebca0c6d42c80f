package platform

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

// testNow is the clock every test runs the program with, so no test depends on today's date.
var testNow = plantest.Now

// stackFiles loads Pulumi.yaml and Pulumi.<stack>.yaml from the repository root.
func stackFiles(t testing.TB, stack string) plan.Stack {
	t.Helper()
	st, err := plan.LoadStack("..", stack)
	require.NoError(t, err)
	return st
}

// runStack runs the whole program for a stack file in the given mode.
// runStack runs the whole program for a stack file in the given mode. A run depends only on the stack files
// and the fixed clock, so each stack and mode runs once per test binary and the tests share the result (they
// only read it).
func runStack(t testing.TB, stack string, mode plan.Mode) *plan.Result {
	t.Helper()
	key := stack + "/" + mode.String()
	runsMu.Lock()
	defer runsMu.Unlock()
	if res, ok := runs[key]; ok {
		return res
	}
	res, err := plan.Run(Program(func() time.Time { return testNow }), stackFiles(t, stack), mode)
	require.NoError(t, err, "stack %s (%s)", stack, mode)
	runs[key] = res
	return res
}

var (
	runsMu sync.Mutex
	runs   = map[string]*plan.Result{}
)

// withConfig returns a copy of st with one key replaced.
func withConfig(st plan.Stack, key, value string) plan.Stack {
	cfg := make(map[string]string, len(st.Config))
	for k, v := range st.Config {
		cfg[k] = v
	}
	cfg[key] = value
	st.Config = cfg
	return st
}
