package data

import (
	"encoding/json"
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Inputs the components take from other components, as fixed values.
var (
	testAccount = pulumi.String("123456789012")
	testLogsKey = pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs")
	onPremises  = []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16"), netip.MustParsePrefix("172.20.0.0/16")}
)

// run declares what declare declares, under mocks in mode, with a tagged provider as the program has.
func run(t *testing.T, mode plan.Mode, declare func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) error) *plan.Result {
	t.Helper()
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		return declare(ctx, pulumi.Provider(provider))
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, mode)
	require.NoError(t, err)
	return res
}

// one returns the only resource of a type, failing the test if there is not exactly one.
func one(t *testing.T, res *plan.Result, typ string) plan.Resource {
	t.Helper()
	rs := res.OfType(typ)
	require.Len(t, rs, 1, typ)
	return rs[0]
}

// document decodes a JSON policy or document input.
func document(t *testing.T, v any) map[string]any {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "want a JSON string, got %T", v)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &doc))
	return doc
}
