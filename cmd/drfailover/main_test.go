package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prodOutputs are what a deployed warm standby exports (platform/dr.go, exportDR).
func prodOutputs() map[string]any {
	return map[string]any{
		"environment": "prod", "drStrategy": "warmStandby", "drRegion": "us-west-2",
		"databaseAddress": "hybridcloud-prod.abc.us-east-1.rds.amazonaws.com", "albDnsName": "internal-prod-compute.us-east-1.elb.amazonaws.com",
		"drDatabaseIdentifier": "hybridcloud-prod-dr", "drDatabaseAddress": "hybridcloud-prod-dr.def.us-west-2.rds.amazonaws.com",
		"drClusterName": "prod-dr-compute-1a2b", "drAlbDnsName": "internal-prod-dr-compute.us-west-2.elb.amazonaws.com",
		"drServiceCounts": map[string]int{"claims-api": 3, "policy-portal": 2}, "drTaskCount": 1,
		"internalZoneId": "Z0123", "internalNames": map[string]string{"db": "db.prod.hybridcloud.internal", "claims-api": "claims-api.prod.hybridcloud.internal", "policy-portal": "policy-portal.prod.hybridcloud.internal"},
	}
}

// fakeCLI answers pulumi from the outputs and records the aws calls.
type fakeCLI struct {
	outputs map[string]any
	awsRuns [][]string
}

func (f *fakeCLI) run(name string, args ...string) ([]byte, error) {
	switch {
	case name == "pulumi" && args[0] == "stack":
		return json.Marshal(f.outputs)
	case name == "pulumi" && args[0] == "config":
		return []byte("us-east-1\n"), nil
	case name == "aws" && args[0] == "ecs" && args[1] == "list-services":
		f.awsRuns = append(f.awsRuns, args)
		return []byte(`{"serviceArns": ["arn:aws:ecs:us-west-2:1:service/c/prod-dr-services-claims-api-9f8e", "arn:aws:ecs:us-west-2:1:service/c/prod-dr-services-policy-portal-7d6c"]}`), nil
	case name == "aws":
		f.awsRuns = append(f.awsRuns, args)
		return []byte("{}\n"), nil
	}
	return nil, fmt.Errorf("unexpected command %s", name)
}

// verbs are the aws service and operation of each call, in order.
func verbs(runs [][]string) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r[0]+" "+r[1])
	}
	return out
}

func TestFailoverPromotesThenScalesThenSwitchesTheNames(t *testing.T) {
	cli := &fakeCLI{outputs: prodOutputs()}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "failover"}, cli.run, &out, io.Discard))
	assert.Equal(t, []string{
		"rds promote-read-replica", "rds wait", "rds modify-db-instance",
		"ecs list-services", "ecs update-service", "ecs list-services", "ecs update-service",
		"route53 change-resource-record-sets",
	}, verbs(cli.awsRuns), "clients move last, once the DR side can take them")
	assert.Contains(t, cli.awsRuns[0], "hybridcloud-prod-dr")
	assert.Contains(t, cli.awsRuns[0], "us-west-2")
	assert.Contains(t, cli.awsRuns[2], "--multi-az", "prod's promoted database gets its standby")
	claims := cli.awsRuns[4]
	assert.Contains(t, claims, "arn:aws:ecs:us-west-2:1:service/c/prod-dr-services-claims-api-9f8e")
	assert.Equal(t, "3", claims[len(claims)-3], "scaled to the primary's desired count")

	var batch struct {
		Changes []struct {
			ResourceRecordSet struct {
				Name            string
				ResourceRecords []struct{ Value string }
			}
		}
	}
	dns := cli.awsRuns[7]
	require.NoError(t, json.Unmarshal([]byte(dns[len(dns)-1]), &batch))
	targets := map[string]string{}
	for _, c := range batch.Changes {
		targets[c.ResourceRecordSet.Name] = c.ResourceRecordSet.ResourceRecords[0].Value
	}
	assert.Equal(t, map[string]string{
		"db.prod.hybridcloud.internal":            "hybridcloud-prod-dr.def.us-west-2.rds.amazonaws.com",
		"claims-api.prod.hybridcloud.internal":    "internal-prod-dr-compute.us-west-2.elb.amazonaws.com",
		"policy-portal.prod.hybridcloud.internal": "internal-prod-dr-compute.us-west-2.elb.amazonaws.com",
	}, targets)
	assert.Contains(t, out.String(), "by hand: on premises: create the File Gateway's shares")
}

func TestADryRunPrintsTheCommandsAndRunsNone(t *testing.T) {
	cli := &fakeCLI{outputs: prodOutputs()}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dry-run", "failover"}, cli.run, &out, io.Discard))
	assert.Empty(t, cli.awsRuns, "a dry run calls no AWS API, not even a read")
	assert.Contains(t, out.String(), "aws rds promote-read-replica --db-instance-identifier hybridcloud-prod-dr --region us-west-2")
	assert.Contains(t, out.String(), "'<ARN of prod-dr-services-claims-api>'")
	assert.Contains(t, out.String(), "aws route53 change-resource-record-sets --hosted-zone-id Z0123")
}

func TestPilotLightFailoverHasNoServicesToScaleAndDevNoMultiAZ(t *testing.T) {
	o := prodOutputs()
	o["environment"], o["drStrategy"], o["drServiceCounts"] = "dev", "pilotLight", map[string]int{}
	cli := &fakeCLI{outputs: o}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "dev", "failover"}, cli.run, &out, io.Discard))
	assert.Equal(t, []string{"rds promote-read-replica", "rds wait", "route53 change-resource-record-sets"}, verbs(cli.awsRuns))
	assert.Contains(t, out.String(), "by hand: pilot light runs no services: set hybridcloud:dr.strategy warmStandby")
}

func TestFailbackSwitchesTheNamesBackBeforeScalingDown(t *testing.T) {
	cli := &fakeCLI{outputs: prodOutputs()}
	var out bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "failback"}, cli.run, &out, io.Discard))
	assert.Equal(t, []string{"route53 change-resource-record-sets", "ecs list-services", "ecs update-service", "ecs list-services", "ecs update-service"}, verbs(cli.awsRuns))
	assert.Contains(t, cli.awsRuns[0][len(cli.awsRuns[0])-1], "hybridcloud-prod.abc.us-east-1.rds.amazonaws.com")
	assert.Equal(t, "1", cli.awsRuns[2][len(cli.awsRuns[2])-3], "back to dr.compute.taskCount")
	assert.True(t, strings.HasPrefix(out.String(), "1. by hand: first rebuild the primary database"), out.String())
}

func TestRefusals(t *testing.T) {
	backup := prodOutputs()
	backup["drStrategy"] = "backupRestore"
	tests := []struct {
		name    string
		args    []string
		outputs map[string]any
		want    string
	}{
		{"no stack", []string{"failover"}, prodOutputs(), "refusing to run without an explicit stack"},
		{"backup and restore has no standby", []string{"-stack", "dev", "failover"}, backup, "there is no standby to fail over to"},
		{"an unknown direction", []string{"-stack", "prod", "sideways"}, prodOutputs(), `direction "sideways"`},
		{"a stack never deployed", []string{"-stack", "prod", "failover"}, map[string]any{}, "exports no DR strategy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cli := &fakeCLI{outputs: tt.outputs}
			err := run(tt.args, cli.run, &bytes.Buffer{}, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, cli.awsRuns)
		})
	}
}
