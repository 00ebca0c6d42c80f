package compute

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func TestPullThroughCacheRulesKeepCredentialsInEncryptedSecretsOfTheNameECRRequires(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	hub := plantest.Named(t, res, token.ECRPullThroughCacheRule, "c-cache-docker-hub").Props()
	assert.Equal(t, "docker-hub", hub["ecrRepositoryPrefix"])
	assert.Equal(t, "registry-1.docker.io", hub["upstreamRegistryUrl"], "ECR's URL for Docker Hub")
	assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:c-cache-docker-hub", hub["credentialArn"], "the stack's secret")

	secret := plantest.Named(t, res, token.SecretsManagerSecret, "c-cache-docker-hub").Props()
	assert.True(t, strings.HasPrefix(secret["namePrefix"].(string), "ecr-pullthroughcache/"), "ECR reads only secrets named ecr-pullthroughcache/…: %v", secret["namePrefix"])
	assert.Equal(t, testClusterKey, secret["kmsKeyId"], "encrypted with the cluster's customer managed key")
	version := plantest.Named(t, res, token.SecretsManagerSecretVersion, "c-cache-docker-hub")
	assert.True(t, version.Inputs["secretString"].IsSecret(), "the credential is a Pulumi secret, never in clear in the state")
	var credential map[string]string
	require.NoError(t, json.Unmarshal([]byte(version.Inputs["secretString"].SecretValue().Element.StringValue()), &credential))
	assert.Equal(t, map[string]string{"username": "insurer", "accessToken": testHubToken}, credential, "the keys ECR reads")

	public := plantest.Named(t, res, token.ECRPullThroughCacheRule, "c-cache-ecr-public").Props()
	assert.Equal(t, "public.ecr.aws", public["upstreamRegistryUrl"])
	assert.NotContains(t, public, "credentialArn", "ECR Public takes no credential")
	assert.Len(t, plantest.Every(t, res, token.SecretsManagerSecret, 2), 2, "a secret for Docker Hub and GitHub only")

	// ECR's pull-through role decrypts the credentials only through Secrets Manager
	// (TestWithCachedCredentialsECRsPullThroughRoleDecryptsThemOnlyThroughSecretsManager).
	keySids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "c").Props()["policy"])
	assert.Contains(t, keySids, "PullThroughCacheReadsCredentials", "the cluster key names the cache role")
}

func TestCachedRepositoriesGetTheStacksControlsFromACreationTemplate(t *testing.T) {
	res, _ := run(t, testClusterArgs(), nil, plan.Up)
	for _, prefix := range []string{"docker-hub", "ghcr", "ecr-public"} {
		tpl := plantest.Named(t, res, token.ECRRepositoryCreationTemplate, "c-cache-"+prefix)
		p := tpl.Props()
		assert.Equal(t, prefix, p["prefix"])
		assert.Equal(t, []any{"PULL_THROUGH_CACHE"}, p["appliedFors"])
		assert.Equal(t, []any{map[string]any{"encryptionType": "KMS", "kmsKey": testClusterKey}}, p["encryptionConfigurations"])
		assert.Equal(t, "MUTABLE", p["imageTagMutability"], "ECR keeps a cached tag in step with its upstream only while tags are mutable")
		assert.Equal(t, "arn:aws:iam::123456789012:c-cache", p["customRoleArn"], "KMS in a template needs a creation role")
		assert.Equal(t, map[string]any{"Environment": "prod"}, p["resourceTags"])
		var lifecycle struct {
			Rules []struct{ Selection map[string]any } `json:"rules"`
		}
		require.NoError(t, json.Unmarshal([]byte(p["lifecyclePolicy"].(string)), &lifecycle))
		require.Len(t, lifecycle.Rules, 1)
		assert.Equal(t, "untagged", lifecycle.Rules[0].Selection["tagStatus"], "a tag a service runs never expires")
	}
	var doc struct {
		Statement []struct {
			Action    []string
			Resource  []string
			Condition map[string]map[string]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(plantest.Named(t, res, token.IAMRolePolicy, "c-cache").Props()["policy"].(string)), &doc))
	g := map[string][]string{}
	for _, st := range doc.Statement {
		for _, a := range st.Action {
			g[a] = append(g[a], st.Resource...)
		}
		if st.Action[0] == "kms:CreateGrant" {
			assert.Equal(t, true, st.Condition["Bool"]["kms:GrantIsForAWSResource"], "grants only for the repositories ECR creates")
		}
		if strings.HasPrefix(st.Action[0], "kms:") {
			assert.Equal(t, "ecr.us-east-1.amazonaws.com", st.Condition["StringEquals"]["kms:ViaService"], "the key only through ECR: %v", st.Action)
		}
	}
	prefixes := []string{"arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/*", "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/*", "arn:aws:ecr:us-east-1:123456789012:repository/ghcr/*"}
	assert.Equal(t, map[string][]string{
		"ecr:CreateRepository": prefixes, "ecr:TagResource": prefixes,
		"kms:CreateGrant": {testClusterKey}, "kms:RetireGrant": {testClusterKey}, "kms:DescribeKey": {testClusterKey},
	}, g, "the creation role reaches only the cache's prefixes and the cluster key")
	scan := plantest.Named(t, res, token.ECRRegistryScanningConfiguration, "c-scanning").Props()
	assert.Equal(t, "BASIC", scan["scanType"])
	assert.Equal(t, []any{map[string]any{"scanFrequency": "SCAN_ON_PUSH",
		"repositoryFilters": []any{map[string]any{"filter": "*", "filterType": "WILDCARD"}}}}, scan["rules"], "scan on push, cached repositories included")
}

func TestUpstreamImagesRunFromTheCacheInAWSAndOnPremises(t *testing.T) {
	services := testServicesArgs()
	api := services.Settings.Services["claims-api"]
	api.ImageTag, api.Image = "", "nginx:1.27"
	services.Settings.Services["claims-api"] = api
	res, _ := run(t, testClusterArgs(), services, plan.Up)
	for name, want := range map[string]string{
		"s-claims-api": "123456789012.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27",
		"s-scanner":    "123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/insurer/scanner:2.0.1",
	} {
		var defs []map[string]any
		require.NoError(t, json.Unmarshal([]byte(plantest.Named(t, res, token.ECSTaskDefinition, name).Props()["containerDefinitions"].(string)), &defs))
		assert.Equal(t, want, defs[0]["image"], name)
	}
	assert.Empty(t, res.OfType(token.ECRRepository), "no service has its own repository any more")
	g, _ := grants(t, res, "s-claims-api-execution")
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:repository/docker-hub/library/nginx"}, g["ecr:CreateRepository"])
}

func TestBadImageCacheSettingsAreRefusedNamingTheUpstream(t *testing.T) {
	cases := map[string]struct {
		upstream CacheUpstream
		want     string
	}{
		"unsupported":         {CacheUpstream{Registry: "gcr.io"}, `"gcr.io" is not a registry ECR's pull-through cache supports`},
		"missing credential":  {CacheUpstream{Registry: "docker.io"}, "ECR caches docker.io only with a credential"},
		"half a credential":   {CacheUpstream{Registry: "ghcr.io", Username: "ci"}, "a credential needs both username and accessToken"},
		"needless credential": {CacheUpstream{Registry: "quay.io", Username: "x", AccessToken: "y"}, "ECR caches quay.io without a credential and takes none"},
	}
	for name, tc := range cases {
		args := testClusterArgs()
		args.Settings.ImageCache.Upstreams = map[string]CacheUpstream{"up": tc.upstream}
		err := runErr(args, nil)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), `image cache upstream "up": `+tc.want, name)
	}
	args := testClusterArgs()
	args.Settings.ImageCache.Upstreams["hub2"] = CacheUpstream{Registry: "index.docker.io", Username: "a", AccessToken: "b"}
	assert.ErrorContains(t, runErr(args, nil), `docker.io is cached under "docker-hub" already`)

	services := testServicesArgs()
	scanner := services.Settings.Services["scanner"]
	scanner.Image = "registry.corp.example/scanner:2.0.1"
	services.Settings.Services["scanner"] = scanner
	assert.ErrorContains(t, runErr(testClusterArgs(), services), "no pull-through cache rule caches its registry")
}
