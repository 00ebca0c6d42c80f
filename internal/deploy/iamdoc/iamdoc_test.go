package iamdoc

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestJSONWrapsStatementsInAVersionedDocument(t *testing.T) {
	doc, err := JSON(Allow([]string{"s3:GetObject"}, "arn:aws:s3:::b/*"))
	require.NoError(t, err)
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"]}]}`, doc)
}

// trust resolves AssumeRole's only statement for service.
func trust(t *testing.T, service string) map[string]any {
	t.Helper()
	return trustFrom(t, service, nil)
}

// trustFrom resolves AssumeRoleFrom's only statement for service and source.
func trustFrom(t *testing.T, service string, source pulumi.StringInput) map[string]any {
	t.Helper()
	var out pulumi.StringOutput
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		out = AssumeRoleFrom(service, pulumi.String("123456789012"), source)
		return nil
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.NoError(t, err)
	v, err := plan.Await(out)
	require.NoError(t, err)
	var doc struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(v.Value.(string)), &doc))
	require.Len(t, doc.Statement, 1)
	return doc.Statement[0]
}

func TestTrustIsLimitedToTheAccountWhereTheServiceSaysWhichOneItActsFor(t *testing.T) {
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"}},
		trust(t, "vpc-flow-logs.amazonaws.com")["Condition"])
	for _, service := range []string{"ec2.amazonaws.com", "backup.amazonaws.com"} {
		doc := trust(t, service)
		assert.NotContains(t, doc, "Condition", "%s sends no aws:SourceAccount: a condition would lock it out", service)
		assert.Equal(t, map[string]any{"Service": service}, doc["Principal"])
	}
}

func TestTrustFromASourcePinsTheResourceTheServiceActsFor(t *testing.T) {
	doc := trustFrom(t, "ecs-tasks.amazonaws.com", pulumi.String("arn:aws:ecs:us-east-1:123456789012:*"))
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*"},
	}, doc["Condition"])
}

func TestASourceConditionForAServiceThatSendsNoneIsRefused(t *testing.T) {
	var out pulumi.StringOutput
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		out = AssumeRoleFrom("backup.amazonaws.com", pulumi.String("123456789012"), pulumi.String("arn:aws:backup:*"))
		return nil
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.NoError(t, err)
	_, err = plan.Await(out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "backup.amazonaws.com sends no aws:SourceArn")
}

func TestParametersAreFencedToAWSsAndTheStacksPath(t *testing.T) {
	s := ParametersOnlyUnder("aws", "/hybridcloud/prod/")
	assert.Equal(t, "Deny", s["Effect"])
	assert.Equal(t, []string{"arn:aws:ssm:*:*:parameter/aws/*", "arn:aws:ssm:*:*:parameter/hybridcloud/prod/*"}, s["NotResource"])
	assert.Contains(t, s["Action"], "ssm:GetParametersByPath")
}
