package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/rules"
)

const repoRoot = "../.."

// testDay is the day dated config is checked against, so no test depends on today's date.
const testDay = "2026-12-01"

func TestTextPlanPrintsTheTreeAndCounts(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "dev", "-dir", repoRoot, "-now", testDay}, &out, &errOut))
	assert.Contains(t, out.String(), `Offline plan of stack "dev" (preview`)
	assert.Contains(t, out.String(), "hybridcloud:network:Vpc  dev-vpc\n  aws:")
	assert.Contains(t, out.String(), "resources by type:")
}

func TestJSONPlanIsOnlyJSONOnStdout(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-format", "json", "-dir", repoRoot, "-now", testDay}, &out, &errOut))
	var resources []struct {
		Type   string         `json:"type"`
		Name   string         `json:"name"`
		Parent string         `json:"parent"`
		Inputs map[string]any `json:"inputs"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &resources), "stdout must parse as one JSON array")
	require.NotEmpty(t, resources)
	var subnets int
	for _, r := range resources {
		assert.NotEmpty(t, r.Type)
		assert.NotEmpty(t, r.Parent, r.Name)
		if r.Type == "aws:ec2/subnet:Subnet" {
			subnets++
			assert.Equal(t, false, r.Inputs["mapPublicIpOnLaunch"])
		}
	}
	assert.Equal(t, 9, subnets, "prod: 3 tiers × 3 AZs")
}

func TestBadConfigExitsWithTheValidationMessage(t *testing.T) {
	dir := t.TempDir()
	project, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), project, 0o600))
	stack, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	bad := strings.Replace(string(stack), "natStrategy: single", "natStrategy: sometimes", 1)
	require.NotEqual(t, string(stack), bad)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(bad), 0o600))

	var out, errOut bytes.Buffer
	err = run([]string{"-stack", "dev", "-dir", dir, "-now", testDay}, &out, &errOut)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `hybridcloud:network.natStrategy: unknown NAT strategy "sometimes"`)
}

func TestFlagsAreChecked(t *testing.T) {
	for _, args := range [][]string{{}, {"-stack", "dev", "-format", "yaml"}, {"-stack", "dev", "-mode", "destroy"}, {"-stack", "dev", "-now", "1 Dec"}} {
		var out, errOut bytes.Buffer
		assert.Error(t, run(append(args, "-dir", repoRoot), &out, &errOut), "%v", args)
	}
}

func TestPlanReportsThePolicyPacksVerdicts(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", repoRoot, "-now", testDay}, &out, &errOut))
	assert.Contains(t, out.String(), "Policy pack hybridcloud-guardrails "+rules.PackVersion+":")
	assert.Contains(t, out.String(), "0 mandatory violation(s)")

	out.Reset()
	errOut.Reset()
	require.NoError(t, run([]string{"-stack", "prod", "-format", "json", "-dir", repoRoot, "-now", testDay}, &out, &errOut))
	assert.Contains(t, errOut.String(), "Policy pack hybridcloud-guardrails", "json mode keeps stdout pure JSON")
	assert.NotContains(t, out.String(), "Policy pack")
}

func TestAMandatoryViolationFailsThePlan(t *testing.T) {
	vpc := plan.Resource{Type: "aws:ec2/vpc:Vpc", Name: "dev-vpc", URN: "urn:pulumi:dev::hybridcloud::aws:ec2/vpc:Vpc::dev-vpc", Custom: true}
	var out bytes.Buffer
	err := writeVerdicts(&out, &plan.Result{Mode: plan.Preview, Resources: []plan.Resource{vpc}}, plan.Stack{Name: "dev"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mandatory policy violation(s)")
	assert.Contains(t, out.String(), "[mandatory] vpc-flow-logs: ")
	assert.Contains(t, out.String(), `Vpc "dev-vpc": no aws:ec2/flowLog:FlowLog has vpcId = this VPC`)
}

func TestDatedConfigIsCheckedAgainstTheGivenDay(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"-stack", "dev", "-dir", repoRoot, "-now", "2026-12-25"}, &out, &errOut)
	require.Error(t, err, "the stack's activations expire on 2026-12-20")
	assert.Contains(t, err.Error(), "expiresOn: 2026-12-20 has passed")
}
