package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/deploy/activation"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/policy/rules"
)

const repoRoot = "../.."

func TestTextPlanPrintsTheTreeAndCounts(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "dev", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
	assert.Contains(t, out.String(), `Offline plan of stack "dev" (preview`)
	assert.Contains(t, out.String(), "hybridcloud:network:Vpc  dev-vpc\n  aws:")
	assert.Contains(t, out.String(), "resources by type:")
}

func TestJSONPlanIsOnlyJSONOnStdout(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-format", "json", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
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
		if r.Type == "aws:ec2/subnet:Subnet" && !strings.HasPrefix(r.Name, "prod-dr-") {
			subnets++
			assert.Equal(t, false, r.Inputs["mapPublicIpOnLaunch"])
		}
	}
	assert.Equal(t, 9, subnets, "prod: 3 tiers × 3 AZs (and the warm standby's VPC beside)")
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
	err = run([]string{"-stack", "dev", "-dir", dir, "-now", plantest.Day}, &out, &errOut)
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
	require.NoError(t, run([]string{"-stack", "prod", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
	assert.Contains(t, out.String(), "Policy pack hybridcloud-guardrails "+rules.PackVersion+":")
	assert.Contains(t, out.String(), "0 mandatory violation(s)")

	out.Reset()
	errOut.Reset()
	require.NoError(t, run([]string{"-stack", "prod", "-format", "json", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
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

// The plan plays the day it is given, and any day works: only the self-renewing activations' expiry dates
// follow it, from the day's rotation window.
func TestThePlanPlaysTheGivenDayAndAnyDayWorks(t *testing.T) {
	for _, day := range []string{"2026-12-01", "2030-01-01", "2041-07-31"} {
		var out, errOut bytes.Buffer
		require.NoError(t, run([]string{"-stack", "dev", "-format", "json", "-mode", "up", "-dir", repoRoot, "-now", day}, &out, &errOut), day)
		var resources []struct {
			Type, Name string
			Inputs     map[string]any
		}
		require.NoError(t, json.Unmarshal(out.Bytes(), &resources))
		now, err := time.Parse(time.DateOnly, day)
		require.NoError(t, err)
		want, err := activation.Expiry(now, 14)
		require.NoError(t, err)
		found := 0
		for _, r := range resources {
			if r.Type == token.SSMActivation {
				found++
				assert.Equal(t, want.Format(time.RFC3339), r.Inputs["expirationDate"], "%s on %s", r.Name, day)
			}
		}
		assert.Equal(t, 2, found, "dev's ECS Anywhere activation and its on-premises servers' activation")
	}
}

func TestTextPlanEndsWithTheOutputsAndACreateSummaryAsPulumiPreviewDoes(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "dev", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
	text := out.String()
	outputs := strings.Index(text, "\nOutputs:\n")
	summary := strings.Index(text, "\nResources:\n    + ")
	verdicts := strings.Index(text, "\nPolicy pack ")
	require.Positive(t, outputs, "an Outputs section")
	require.Positive(t, summary, "a Resources summary")
	assert.Less(t, verdicts, outputs, "policy verdicts, then outputs, then the summary, as the CLI prints them")
	assert.Less(t, outputs, summary)
	assert.True(t, strings.HasSuffix(text, " to create\n"), "the summary is last")

	assert.Regexp(t, `\n    environment +: "dev"\n`, text, "a known output shows its value")
	assert.Regexp(t, `\n    vpcId +: \[unknown until apply\]\n`, text, "a preview does not know ids")
	assert.Regexp(t, `\n    ecsAnywhereRegistrationCommands +: \[secret\]\n`, text, "a secret output is masked")
	assert.NotContains(t, text, "activation-code")
}

// The committed prod stack file holds no secret: each is secret.Unset, which the plan replaces with a
// placeholder and names, with the command that sets the real value.
func TestEverySecretTheStackFileLeavesUnsetIsNamedWithItsCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "prod", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
	unset := regexp.MustCompile(`(?m)^warning: (\S+): a secret the stack file leaves unset: the offline plan uses a placeholder; before a real preview run pulumi config set --secret --path '(\S+)' <value>$`).
		FindAllStringSubmatch(out.String(), -1)
	assert.Len(t, unset, 12, "the activation key, two BGP keys, eight pre-shared keys (primary and DR tunnels) and the Docker Hub token")
	paths := map[string]bool{}
	for _, u := range unset {
		paths[u[2]] = true
	}
	assert.True(t, paths[`hybridcloud:hybrid.directConnect.connections["ash-a"].bgpAuthKey`], "map keys with hyphens are quoted as the CLI takes them: %v", paths)
	assert.True(t, paths["hybridcloud:fileShare.gateway.activationKey"])
	assert.True(t, paths[`hybridcloud:hybrid.vpn.customerGateways["dc1-edge2"].tunnels[1].presharedKey`])
	assert.True(t, paths[`hybridcloud:compute.imageCache.upstreams["docker-hub"].accessToken`])
}

func TestJSONPlanPutsTheSummaryOnStderr(t *testing.T) {
	var out, errOut bytes.Buffer
	require.NoError(t, run([]string{"-stack", "dev", "-format", "json", "-dir", repoRoot, "-now", plantest.Day}, &out, &errOut))
	var resources []map[string]any
	require.NoError(t, json.Unmarshal(out.Bytes(), &resources))
	assert.Contains(t, errOut.String(), fmt.Sprintf("Resources:\n    + %d to create\n", len(resources)+1))
}

func TestSeveralConfigErrorsPrintAsAPlainList(t *testing.T) {
	dir := t.TempDir()
	project, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), project, 0o600))
	stack, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.dev.yaml"))
	require.NoError(t, err)
	bad := strings.Replace(string(stack), "natStrategy: single", "natStrategy: sometimes", 1)
	bad = strings.Replace(bad, "flowLogRetentionDays: 14", "flowLogRetentionDays: 13", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.dev.yaml"), []byte(bad), 0o600))

	var out, errOut bytes.Buffer
	err = run([]string{"-stack", "dev", "-dir", dir, "-now", plantest.Day}, &out, &errOut)
	require.Error(t, err)
	text := plan.FormatError(err)
	assert.NotContains(t, text, "error occurred")
	assert.Regexp(t, `(?m)^  - hybridcloud:network\.natStrategy: unknown NAT strategy "sometimes"`, text)
	assert.Regexp(t, `(?m)^  - hybridcloud:network\.flowLogRetentionDays: 13 is not a CloudWatch Logs retention`, text)
}
