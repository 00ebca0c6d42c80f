package compute

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

func TestSecretArnDropsTheJSONKeyECSReads(t *testing.T) {
	cases := map[string]string{
		testSecret:                        testSecret,
		testDBSecret + ":password::":      testDBSecret,
		testSecret + ":token:AWSCURRENT:": testSecret,
	}
	for in, want := range cases {
		assert.Equal(t, want, secretArn(in), in)
	}
}

func TestExecutionStatementsSplitSecretsFromParameters(t *testing.T) {
	const param = "arn:aws:ssm:us-east-1:123456789012:parameter/claims/feature-flags"
	got := executionStatements(executionAccess{
		LogGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:g",
		Secrets:     []string{param, testDBSecret + ":password::", testDBSecret + ":username::", testSecret},
	})
	assert.Equal(t, []iamdoc.Statement{
		iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, "arn:aws:logs:us-east-1:123456789012:log-group:g:*"),
		iamdoc.Allow([]string{"secretsmanager:GetSecretValue"}, testSecret, testDBSecret),
		iamdoc.Allow([]string{"ssm:GetParameters"}, param),
	}, got, "no ECR access without a repository; each secret once")
}

func TestTaskStatementsAreEmptyWithoutFilesOrExec(t *testing.T) {
	assert.Empty(t, taskStatements(taskAccess{Files: FilesNone}))
	assert.Empty(t, taskStatements(taskAccess{}))
}

func TestNoStatementAllowsEverything(t *testing.T) {
	all := append(executionStatements(executionAccess{RepositoryArn: "arn:aws:ecr:us-east-1:123456789012:repository/r", LogGroupArn: "g", Secrets: []string{testSecret}, DatabaseKeyArn: testDBKey}),
		taskStatements(taskAccess{Files: FilesWrite, BucketArn: testBucket, BucketKeyArn: testBucketKey, Exec: true, ExecLogGroupArn: "e", ExecKeyArn: "k"})...)
	for _, s := range all {
		for _, a := range s["Action"].([]string) {
			assert.NotContains(t, []string{"*", "s3:*", "kms:*", "secretsmanager:*"}, a)
			if a == "kms:Decrypt" || a == "s3:GetObject" || a == "secretsmanager:GetSecretValue" {
				assert.NotContains(t, s["Resource"], "*", "%s on every resource", a)
			}
		}
	}
}
