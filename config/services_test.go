package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serviceKey is the full key of a dev service, or of one of its fields.
func serviceKey(name string, field ...string) string {
	return strings.Join(append([]string{computeKey + ".services." + name}, field...), ".")
}

func TestBadServiceConfigNamesTheKey(t *testing.T) {
	const api, scanner = "services.claims-api.", "services.document-scanner."
	tests := []struct {
		name, field      string
		value            any
		wantKey, wantMsg string
	}{
		{"min above max", api + "minCount", 3, serviceKey("claims-api"), "minCount 3 is greater than maxCount 2"},
		{"desired outside min..max", api + "desiredCount", 5, serviceKey("claims-api", "desiredCount"), "5 is outside minCount..maxCount (1-2)"},
		{"no task at the maximum", api + "maxCount", 0, serviceKey("claims-api", "maxCount"), "0: at least one task is needed"},
		{"cpu not positive", api + "cpu", 0, serviceKey("claims-api", "cpu"), "0 is not positive"},
		{"cpu above ECS's maximum", api + "cpu", 200000, serviceKey("claims-api", "cpu"), "200000 CPU units is outside 128-196608"},
		{"memory not positive", api + "memory", -512, serviceKey("claims-api", "memory"), "-512 is not positive"},
		{"memory below the cpu's minimum", api + "cpu", 2048, serviceKey("claims-api", "memory"), "512 MiB is below the minimum for 2048 CPU units (1024 MiB"},
		{"memory below ECS's minimum", api + "memory", 64, serviceKey("claims-api", "memory"), "64 MiB is below the minimum"},
		{"port zero", api + "port", 0, serviceKey("claims-api", "port"), "0 is outside 1-65535"},
		{"port above 65535", api + "port", 70000, serviceKey("claims-api", "port"), "70000 is outside 1-65535"},
		{"an on-premises service without ECS Anywhere", "ecsAnywhere.enabled", false, serviceKey("document-scanner", "onPrem"), "need ECS Anywhere on the cluster"},
		{"a password in the environment", api + "environment", map[string]string{"SMTP_PASSWORD": "hunter2"},
			serviceKey("claims-api", "environment", "SMTP_PASSWORD"), "looks like a credential (PASSWORD): pass it in secrets"},
		{"an API key in the environment", api + "environment", map[string]string{"partner_api_key": "abc"},
			serviceKey("claims-api", "environment", "partner_api_key"), "looks like a credential (KEY)"},
		{"an environment variable name that is not one", api + "environment", map[string]string{"LOG-LEVEL": "debug"},
			serviceKey("claims-api", "environment", "LOG-LEVEL"), `"LOG-LEVEL" is not an environment variable name`},
		{"a secret that is not an ARN", api + "secrets", map[string]string{"PARTNER_TOKEN": "s3cr3t"},
			serviceKey("claims-api", "secrets", "PARTNER_TOKEN"), `"s3cr3t" is not a Secrets Manager secret or SSM parameter ARN`},
		{"a secret overriding the database credentials", api + "secrets", map[string]string{"DB_PASSWORD": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf"},
			serviceKey("claims-api", "secrets", "DB_PASSWORD"), "set from the database secret"},
		{"a secret also in the environment", api + "secrets", map[string]string{"LOG_LEVEL": "arn:aws:ssm:us-east-1:123456789012:parameter/log-level"},
			serviceKey("claims-api", "secrets", "LOG_LEVEL"), "is also in environment"},
		{"both an image and a tag", api + "image", "registry.corp.example/claims:1.0.0", serviceKey("claims-api"), "set image or imageTag, not both"},
		{"neither an image nor a tag", api + "imageTag", nil, serviceKey("claims-api"), "set image (a pinned reference) or imageTag"},
		{"the latest tag", api + "imageTag", "latest", serviceKey("claims-api"), `"latest" is not a version`},
		{"a tag that is not one", api + "imageTag", "1.0 beta", serviceKey("claims-api", "imageTag"), `"1.0 beta" is not an image tag`},
		{"no health check behind the load balancer", api + "healthCheckPath", nil, serviceKey("claims-api", "healthCheckPath"), "not a path the load balancer can probe"},
		{"a health check on premises", scanner + "healthCheckPath", "/health", serviceKey("document-scanner", "healthCheckPath"), "no load balancer"},
		{"an unknown file access", api + "files", "admin", serviceKey("claims-api", "files"), `unknown file access "admin"`},
		{"file access to the whole bucket", api + "filesPrefix", nil, serviceKey("claims-api", "filesPrefix"), `want the key prefix the service reaches`},
		{"a prefix with a wildcard", scanner + "filesPrefix", "doc*/", serviceKey("document-scanner", "filesPrefix"), `without wildcards`},
		{"a target CPU above 100%", api + "targetCpuPercent", 120, serviceKey("claims-api", "targetCpuPercent"), "120% is outside 1-100"},
		{"ECS Exec on a read-only root file system", api + "readonlyRootFilesystem", true, serviceKey("claims-api", "readonlyRootFilesystem"),
			"ECS Exec does not work on a read-only root file system"},
		{"an unknown field", api + "privileged", true, serviceKey("claims-api", "privileged"), "unknown field (known: cpu, database,"},
		{"a name field, the old shape", api + "name", "claims-api", serviceKey("claims-api", "name"), "unknown field"},
		{"an upper-case service name", "services.ClaimsAPI", map[string]any{}, serviceKey("ClaimsAPI"), `"ClaimsAPI" is not a service name`},
		{"a service name too long for its roles", "services.claims-adjudication-engine-v2", map[string]any{},
			serviceKey("claims-adjudication-engine-v2"), "at most 24 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireComputeProblem(t, "dev", tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestAServiceNamedTwiceIsRefused(t *testing.T) {
	cfg := stackConfig(t, "dev")
	// A YAML stack file cannot hold the same key twice; pulumi config set --path on raw JSON can.
	raw := cfg[computeKey]
	i := strings.Index(raw, `"services":{`) + len(`"services":{`)
	require.Greater(t, i, len(`"services":{`)-1, "the services object is in %s", raw)
	cfg[computeKey] = raw[:i] + `"claims-api":{},` + raw[i:]
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), serviceKey("claims-api")+": set twice; keep one")
}

func TestImagesMustBePinned(t *testing.T) {
	cases := []struct {
		image string
		want  bool
	}{
		{"registry.corp.example/claims:1.0.0", true},
		{"registry.corp.example:5000/claims:1.0.0", true},
		{"public.ecr.aws/nginx/nginx@sha256:" + sha, true},
		{"registry.corp.example:5000/claims", false}, // a port is not a tag
		{"nginx", false},
		{"nginx:1.27 --privileged", false},
		{"nginx@sha256:abc", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, pinned(tc.image), tc.image)
	}
}

const sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
