package logdelivery

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const group = "arn:aws:logs:us-east-1:123456789012:log-group:t-queries"

func TestDeliveryWritesOnlyTheGroupsStreamsForThisAccountsDeliveriesInTheRegion(t *testing.T) {
	doc, err := Document("123456789012", "aws", "us-east-1", []string{group, group + "-2"})
	require.NoError(t, err)
	st := plantest.Statements(t, doc)
	require.Len(t, st, 1, doc)
	s := st["AWSLogDeliveryWrite"]
	assert.Equal(t, "Allow", s["Effect"])
	assert.Equal(t, map[string]any{"Service": "delivery.logs.amazonaws.com"}, s["Principal"])
	assert.Equal(t, []any{"logs:CreateLogStream", "logs:PutLogEvents"}, s["Action"])
	assert.Equal(t, []any{group + ":log-stream:*", group + "-2:log-stream:*"}, s["Resource"], "the groups' streams, no other group")
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*"},
	}, s["Condition"])
}

func TestAPolicyCloudWatchLogsWouldRefuseIsRefusedAtPlan(t *testing.T) {
	_, err := Document("123456789012", "aws", "us-east-1", nil)
	assert.EqualError(t, err, "logdelivery: no log group to deliver to")

	// 5120 characters hold about 60 groups of this length: the limit is far from a component's few.
	var groups []string
	for len(groups) < 100 {
		groups = append(groups, group+strings.Repeat("x", 20))
	}
	_, err = Document("123456789012", "aws", "us-east-1", groups)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the policy for 100 log groups is")
	assert.Contains(t, err.Error(), "more than CloudWatch Logs' 5120")

	doc, err := Document("123456789012", "aws", "us-east-1", groups[:40])
	require.NoError(t, err, "40 groups fit")
	assert.LessOrEqual(t, len(doc), MaxPolicyChars)
}

func TestNewDeclaresThePolicyUnderItsOwnName(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, _ := plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return New(ctx, "t-queries", Args{GroupARNs: pulumi.StringArray{pulumi.String(group)},
				AccountID: pulumi.String("123456789012"), Partition: "aws", Region: "us-east-1"}, opts...)
		})
		p := plantest.Named(t, res, token.CloudWatchLogResourcePolicy, "t-queries").Props()
		assert.Equal(t, "t-queries", p["policyName"], mode)
		want, err := Document("123456789012", "aws", "us-east-1", []string{group})
		require.NoError(t, err)
		assert.Equal(t, want, p["policyDocument"], "%s: known inputs give a known document in both modes", mode)
	}
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
		return New(ctx, "t-queries", Args{GroupARNs: pulumi.StringArray{pulumi.String(group)}, Partition: "aws", Region: "us-east-1"}, opts...)
	})
	assert.ErrorContains(t, err, "logdelivery: t-queries: log groups, account, partition and region are required")
}
