package plantest

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Named returns the resource of a run with the given type and logical name, failing the test if there is none.
func Named(t testing.TB, res *plan.Result, typ, name string) plan.Resource {
	t.Helper()
	r, ok := res.Named(typ, name)
	require.True(t, ok, "no %s named %q", typ, name)
	return r
}

// Await reads a component's output once the run that produced it has finished, failing the test on error.
func Await(t testing.TB, o pulumi.Output) plan.Value {
	t.Helper()
	v, err := plan.Await(o)
	require.NoError(t, err)
	return v
}
