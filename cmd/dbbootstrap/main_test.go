package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/deploy/dbuser"
)

// repoRoot is the folder holding Pulumi.yaml and the stack files.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	require.True(t, ok)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// fakeCLI answers pulumi, aws and psql, and records what psql was given.
type fakeCLI struct {
	outputs  string
	secret   string
	psqlEnv  []string
	psqlIn   string
	psqlArgs []string
	calls    []string
}

func (f *fakeCLI) run(env []string, stdin, name string, args ...string) ([]byte, error) {
	f.calls = append(f.calls, name)
	switch name {
	case "pulumi":
		return []byte(f.outputs), nil
	case "aws":
		return []byte(f.secret), nil
	case "psql":
		f.psqlEnv, f.psqlIn, f.psqlArgs = env, stdin, args
		return nil, nil
	}
	return nil, fmt.Errorf("unexpected command %s", name)
}

const prodOutputs = `{"databaseAddress": "hybridcloud-prod.abc.us-east-1.rds.amazonaws.com", "databasePort": 5433, "databaseName": "app",
  "databaseSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1", "databaseUsers": {"claims-api": "svc_claims_api", "policy-portal": "svc_policy_portal"}}`

func TestByDefaultItPrintsTheSQLOfTheStackFileAndCallsNothing(t *testing.T) {
	cli := &fakeCLI{}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", repoRoot(t)}, cli.run, &out))
	want, err := dbuser.Bootstrap("app", []string{"claims-api", "policy-portal"})
	require.NoError(t, err)
	assert.Equal(t, want, out.String(), "prod's services with database: true")
	assert.Empty(t, cli.calls, "a dry run needs no AWS and no Pulumi CLI")

	out.Reset()
	require.NoError(t, run([]string{"-stack", "dev", "-dir", repoRoot(t)}, cli.run, &out))
	assert.Contains(t, out.String(), "CREATE ROLE svc_claims_api LOGIN;")
	assert.NotContains(t, out.String(), "svc_policy_portal", "dev runs no policy-portal")
}

func TestApplyRunsItThroughPsqlAsTheMasterUserOverVerifiedTLS(t *testing.T) {
	cli := &fakeCLI{outputs: prodOutputs, secret: `{"username":"dbadmin","password":"s3cr3t-pw"}` + "\n"}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", repoRoot(t), "-apply", "-ca", "/etc/rds/global-bundle.pem"}, cli.run, &out))
	assert.Equal(t, []string{"pulumi", "aws", "psql"}, cli.calls)
	for _, want := range []string{"PGHOST=hybridcloud-prod.abc.us-east-1.rds.amazonaws.com", "PGPORT=5433", "PGDATABASE=app", "PGUSER=dbadmin",
		"PGPASSWORD=s3cr3t-pw", "PGSSLMODE=verify-full", "PGSSLROOTCERT=/etc/rds/global-bundle.pem"} {
		assert.Contains(t, cli.psqlEnv, want)
	}
	assert.NotContains(t, strings.Join(cli.psqlArgs, " "), "s3cr3t-pw", "the password never on a command line")
	assert.Contains(t, cli.psqlArgs, "ON_ERROR_STOP=1", "the first failing statement stops and rolls back the transaction")
	assert.Contains(t, cli.psqlIn, "GRANT rds_iam TO svc_policy_portal;")
	assert.NotContains(t, out.String(), "s3cr3t-pw")
	assert.Contains(t, out.String(), "svc_claims_api, svc_policy_portal log in by IAM token")
}

func TestApplyRefusesWithoutTheCAOrWhenTheDeployedRolesDiffer(t *testing.T) {
	var out bytes.Buffer
	err := run([]string{"-stack", "prod", "-dir", repoRoot(t), "-apply"}, (&fakeCLI{}).run, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-apply needs -ca")

	stale := &fakeCLI{outputs: strings.Replace(prodOutputs, `, "policy-portal": "svc_policy_portal"`, "", 1), secret: `{"username":"u","password":"p"}`}
	err = run([]string{"-stack", "prod", "-dir", repoRoot(t), "-apply", "-ca", "ca.pem"}, stale.run, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "grants rds-db:connect to svc_claims_api, its stack file to svc_claims_api, svc_policy_portal: run pulumi up first")
	assert.Equal(t, []string{"pulumi"}, stale.calls, "the master secret is not even read")

	err = run([]string{"-dir", repoRoot(t)}, (&fakeCLI{}).run, &out)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-stack is required")
}

func TestApplyRefusesASecretWithoutCredentials(t *testing.T) {
	cli := &fakeCLI{outputs: prodOutputs, secret: "{}"}
	err := run([]string{"-stack", "prod", "-dir", repoRoot(t), "-apply", "-ca", "ca.pem"}, cli.run, os.Stdout)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds no username and password")
	assert.NotContains(t, cli.calls, "psql")
}
