package plantest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Stack is the stack the component tests run in.
var Stack = plan.Stack{Project: "hybridcloud", Name: "test"}

// Run plays declare under the mocks in mode, as component tests do: declare gets an explicit AWS provider
// (the program never uses the default one), and its result comes back with what the run registered. An
// error from declare fails the test.
func Run[T any](t testing.TB, mode plan.Mode, declare func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (T, error)) (*plan.Result, T) {
	t.Helper()
	res, got, err := RunErr(mode, declare)
	require.NoError(t, err)
	return res, got
}

// RunErr is Run for tests of what declare refuses: it returns declare's error instead of failing.
func RunErr[T any](mode plan.Mode, declare func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (T, error)) (*plan.Result, T, error) {
	var got T
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		var provider awsProvider
		// Registered by token, as aws.NewProvider does, so the reports' tests that use this package do not
		// link pulumi-aws.
		if err := ctx.RegisterResource("pulumi:providers:aws", "aws", pulumi.Map{"region": pulumi.String("us-east-1")}, &provider); err != nil {
			return err
		}
		var err error
		got, err = declare(ctx, pulumi.Provider(&provider))
		return err
	}, Stack, mode)
	return res, got, err
}

// awsProvider is an AWS provider resource, registered without the provider's SDK.
type awsProvider struct{ pulumi.ProviderResourceState }

// Every returns the resources of type typ, failing the test when there are fewer than min: a check that
// loops over them can then never pass over an empty list (a misspelt type, a resource that went missing).
func Every(t testing.TB, res *plan.Result, typ string, min int) []plan.Resource {
	t.Helper()
	got := res.OfType(typ)
	require.GreaterOrEqual(t, len(got), min, "want at least %d %s, got %d", min, typ, len(got))
	return got
}

// Modes are both engine operations a component test plays: a preview of a new stack and an up.
var Modes = []plan.Mode{plan.Preview, plan.Up}

// Statements decodes an IAM, key or resource policy document and returns its statements by Sid, failing the
// test when the document is not JSON or a statement has no Sid.
func Statements(t testing.TB, doc any) map[string]map[string]any {
	t.Helper()
	text, ok := doc.(string)
	require.True(t, ok, "a policy document is a JSON string, got %T", doc)
	var policy struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(text), &policy), "policy %s", text)
	out := map[string]map[string]any{}
	for _, s := range policy.Statement {
		sid, ok := s["Sid"].(string)
		require.True(t, ok, "statement without a Sid in %s", text)
		out[sid] = s
	}
	return out
}

// Now is the deployment time every test plays, so nothing depends on today's date; Day is the same day as
// the plan and report tools take it (-now). It is a plain day, not one the stack files hold: they hold none.
var Now = time.Date(2030, time.January, 15, 9, 30, 0, 0, time.UTC)

// Day is Now as YYYY-MM-DD.
var Day = Now.Format(time.DateOnly)

// Trust decodes a trust policy and returns its only statement (trust policies carry no Sid), failing the
// test when there is not exactly one.
func Trust(t testing.TB, doc any) map[string]any {
	t.Helper()
	text, ok := doc.(string)
	require.True(t, ok, "a trust policy is a JSON string, got %T", doc)
	var policy struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(text), &policy), "policy %s", text)
	require.Len(t, policy.Statement, 1, "trust policy %s", text)
	return policy.Statement[0]
}
