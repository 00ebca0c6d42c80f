package compute

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

func TestSecretArnDropsTheJSONKeyECSReads(t *testing.T) {
	cases := map[string]string{
		testSecret:                        testSecret,
		testDBSecret + ":password::":      testDBSecret,
		testSecret + ":token:AWSCURRENT:": testSecret,
	}
	for in, want := range cases {
		assert.Equal(t, want, secretARN(in), in)
	}
}

func TestExecutionStatementsSplitSecretsFromParameters(t *testing.T) {
	const param = "arn:aws:ssm:us-east-1:123456789012:parameter/claims/feature-flags"
	got := executionStatements(executionAccess{
		LogGroupARN: "arn:aws:logs:us-east-1:123456789012:log-group:g",
		Secrets:     []string{param, testDBSecret + ":password::", testDBSecret + ":username::", testSecret},
	})
	assert.Equal(t, []iamdoc.Statement{
		iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, "arn:aws:logs:us-east-1:123456789012:log-group:g:*"),
		iamdoc.Allow([]string{"secretsmanager:GetSecretValue"}, testSecret, testDBSecret),
		iamdoc.Allow([]string{"ssm:GetParameters"}, param),
	}, got, "no ECR access without a repository; each secret once")
}

func TestTaskStatementsAreEmptyWithoutFilesOrExecAndRefuseAnUnknownAccess(t *testing.T) {
	none, err := taskStatements(taskAccess{Files: spec.FilesNone})
	require.NoError(t, err)
	assert.Empty(t, none)
	_, err = taskStatements(taskAccess{Files: "append"})
	require.Error(t, err, "a level the switch does not know grants nothing silently")
	assert.Contains(t, err.Error(), `unknown file access "append"`)
}

func TestDatabaseUserARNNamesOneRoleOfOneInstanceByResourceID(t *testing.T) {
	assert.Equal(t, "arn:aws-us-gov:rds-db:us-gov-west-1:123456789012:dbuser:"+testDBResource+"/svc_claims_api",
		dbUserARN("aws-us-gov", "us-gov-west-1", "123456789012", testDBResource, "svc_claims_api"))
	got, err := taskStatements(taskAccess{Files: spec.FilesNone, DatabaseUserARN: "arn:aws:rds-db:us-east-1:1:dbuser:db-X/svc_a"})
	require.NoError(t, err)
	connect := iamdoc.Allow([]string{"rds-db:connect"}, "arn:aws:rds-db:us-east-1:1:dbuser:db-X/svc_a")
	connect["Sid"] = "ConnectAsOwnDatabaseRole"
	assert.Equal(t, []iamdoc.Statement{connect}, got)
}

func TestNoStatementAllowsEverything(t *testing.T) {
	task, err := taskStatements(taskAccess{Files: spec.FilesWrite, BucketARN: testBucket, BucketKeyARN: testBucketKey, Exec: true, ExecLogGroupARN: "e", ExecKeyARN: "k",
		DatabaseUserARN: "arn:aws:rds-db:us-east-1:1:dbuser:db-X/svc_a"})
	require.NoError(t, err)
	all := append(executionStatements(executionAccess{RepositoryARN: "arn:aws:ecr:us-east-1:123456789012:repository/r", LogGroupARN: "g", Secrets: []string{testSecret}}),
		task...)
	for _, s := range all {
		for _, a := range s["Action"].([]string) {
			assert.NotContains(t, []string{"*", "s3:*", "kms:*", "secretsmanager:*", "rds-db:*"}, a)
			if a == "kms:Decrypt" || a == "s3:GetObject" || a == "secretsmanager:GetSecretValue" || a == "rds-db:connect" {
				assert.NotContains(t, s["Resource"], "*", "%s on every resource", a)
			}
		}
	}
}
