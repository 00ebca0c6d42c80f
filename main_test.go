package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// Repository-level checks: the pinned CLI, the pull-request gate and the licence, which no package owns.

func semver(t *testing.T, v string) [3]int {
	t.Helper()
	m := regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)$`).FindStringSubmatch(v)
	require.NotNil(t, m, "%q is not an exact version", v)
	var out [3]int
	for i := range out {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out
}

func TestThePulumiCLIIsPinnedToAV3ReleaseNoOlderThanTheSDK(t *testing.T) {
	b, err := os.ReadFile(".pulumi.version")
	require.NoError(t, err)
	cli := semver(t, strings.TrimSpace(string(b)))
	assert.Equal(t, 3, cli[0])

	mod, err := os.ReadFile("go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`(?m)^\s*github\.com/pulumi/pulumi/sdk/v3 (v\S+)`).FindSubmatch(mod)
	require.NotNil(t, m, "go.mod requires the Pulumi SDK")
	sdk := semver(t, string(m[1]))
	assert.GreaterOrEqual(t, cli[1], sdk[1], "the CLI (%v) is at least the SDK's release (%v), so the engine knows what the program and the pack speak", cli, sdk)
}

type workflow struct {
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		If          string            `yaml:"if"`
		Needs       any               `yaml:"needs"`
		Environment string            `yaml:"environment"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T) workflow {
	t.Helper()
	b, err := os.ReadFile(".github/workflows/pull-request.yml")
	require.NoError(t, err)
	var w workflow
	require.NoError(t, yaml.Unmarshal(b, &w))
	return w
}

func TestThePullRequestWorkflowRunsCIRunFirst(t *testing.T) {
	w := readWorkflow(t)
	assert.Equal(t, map[string]string{"contents": "read"}, w.Permissions, "nothing beyond read by default")
	check, ok := w.Jobs["check"]
	require.True(t, ok)
	var runs []string
	for _, s := range check.Steps {
		runs = append(runs, s.Run)
	}
	assert.Contains(t, runs, "bash .ci/run", ".ci/run is the one CI definition")
	for name, job := range w.Jobs {
		if name != "check" {
			assert.Equal(t, "check", job.Needs, "%s previews only what passed the offline checks", name)
		}
	}
}

func TestEveryJobWithAnOIDCTokenSkipsForksAndPreviewsWithThePinnedCLIAndThePack(t *testing.T) {
	w := readWorkflow(t)
	previews := 0
	for name, job := range w.Jobs {
		if job.Permissions["id-token"] != "write" {
			continue
		}
		assert.Contains(t, job.If, "github.event.pull_request.head.repo.full_name == github.repository", "%s: forks get no OIDC token", name)
		var pulumi, aws int
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Uses, "pulumi/actions@"):
				pulumi++
				assert.Equal(t, "pulumi/actions@v7", s.Uses, name)
				assert.Equal(t, "preview", s.With["command"], name)
				assert.Equal(t, ".pulumi.version", s.With["pulumi-version-file"], name)
				assert.Equal(t, "policy", s.With["policyPacks"], name)
				assert.Equal(t, "true", s.With["comment-on-summary"], name)
				assert.Equal(t, "${{ vars.PULUMI_BACKEND_URL }}", s.With["cloud-url"], name)
				assert.Contains(t, s.With["stack-name"], "vars.PULUMI_ORG", "%s: org/stack on Pulumi Cloud, plain on S3", name)
				assert.NotContains(t, s.Env, "PULUMI_BACKEND_URL", "%s: cloud-url, not the env variable", name)
			case strings.HasPrefix(s.Uses, "aws-actions/configure-aws-credentials@"):
				aws++
				assert.Equal(t, "aws-actions/configure-aws-credentials@v6", s.Uses, name)
			}
		}
		assert.Equal(t, 1, pulumi, "%s: one preview", name)
		assert.Equal(t, 1, aws, "%s: credentials from OIDC", name)
		previews++
	}
	assert.Equal(t, 2, previews, "dev and prod")
}

func TestProdIsPreviewedWithItsOwnRoleFromItsOwnEnvironment(t *testing.T) {
	w := readWorkflow(t)
	prod, ok := w.Jobs["preview-prod"]
	require.True(t, ok)
	assert.Equal(t, "prod-preview", prod.Environment)
	var role, stack string
	for _, s := range prod.Steps {
		if v, ok := s.With["role-to-assume"]; ok {
			role = v
		}
		if v, ok := s.With["stack-name"]; ok {
			stack = v
		}
	}
	assert.Equal(t, "${{ vars.AWS_PREVIEW_ROLE_ARN_PROD }}", role)
	assert.Contains(t, stack, "/prod")

	trust, err := os.ReadFile("deploy/github-oidc-trust-preview-prod.json")
	require.NoError(t, err)
	assert.Contains(t, string(trust), ":environment:"+prod.Environment+`"`, "the prod role trusts exactly this job's environment")
}

func TestTheRepositoryIsApache2Licensed(t *testing.T) {
	b, err := os.ReadFile("LICENSE")
	require.NoError(t, err)
	text := string(b)
	assert.True(t, strings.HasPrefix(strings.TrimSpace(text), "Apache License\n                           Version 2.0, January 2004"))
	assert.Contains(t, text, "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
	assert.Contains(t, text, "END OF TERMS AND CONDITIONS")
}
