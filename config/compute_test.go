package config

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute"
)

const computeKey = "hybridcloud:compute"

// patchService returns a copy of cfg whose compute services[i] has one field replaced (removed for nil).
func patchService(t *testing.T, cfg map[string]string, i int, field string, value any) map[string]string {
	t.Helper()
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(cfg[computeKey]), &obj))
	services := obj["services"].([]any)
	svc := services[i].(map[string]any)
	if value == nil {
		delete(svc, field)
	} else {
		svc[field] = value
	}
	return patch(t, cfg, computeKey, "services", services)
}

// patchAnywhere returns a copy of cfg whose ecsAnywhere has one field replaced.
func patchAnywhere(t *testing.T, cfg map[string]string, field string, value any) map[string]string {
	t.Helper()
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(cfg[computeKey]), &obj))
	anywhere := obj["ecsAnywhere"].(map[string]any)
	anywhere[field] = value
	return patch(t, cfg, computeKey, "ecsAnywhere", anywhere)
}

func TestComputeSectionOfEachStackFile(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			c, err := parse(stackConfig(t, stack))
			require.NoError(t, err)
			var inAWS, onPrem int
			for _, s := range c.Compute.Services {
				if s.OnPrem {
					onPrem++
				} else {
					inAWS++
				}
			}
			assert.Positive(t, inAWS, "a service in AWS exercises the load balancer path")
			assert.Positive(t, onPrem, "a service on premises exercises ECS Anywhere")
			assert.True(t, c.Compute.Anywhere.Enabled)
			assert.Equal(t, time.Date(2026, time.December, 20, 0, 0, 0, 0, time.UTC), c.Compute.Anywhere.ExpiresAt)
			assert.Equal(t, "ecs-hosts", c.Compute.HostPatchGroup)
			assert.Equal(t, "onprem-linux", c.Compute.AnywherePatchGroup)
		})
	}
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Empty(t, dev.Compute.LoadBalancer.CertificateArn, "dev serves plain HTTP")
	assert.NotEmpty(t, prod.Compute.LoadBalancer.CertificateArn, "prod serves HTTPS")
	assert.False(t, dev.Compute.Protect)
	assert.True(t, prod.Compute.Protect)
	assert.Len(t, dev.Compute.Hosts.InstanceTypes, 1, "dev: one small type")
	assert.Greater(t, prod.Compute.Hosts.MinSize, dev.Compute.Hosts.MinSize, "prod keeps a host per AZ")
	assert.GreaterOrEqual(t, prod.Compute.LogRetentionDays, 365)
}

func TestComputeDefaults(t *testing.T) {
	cfg := stackConfig(t, "dev")
	for _, field := range []string{"targetCapacity", "rootVolumeGiB", "ecr", "protect"} {
		cfg = patch(t, cfg, computeKey, field, nil)
	}
	cfg = patchService(t, cfg, 0, "targetCpuPercent", nil)
	cfg = patchService(t, cfg, 0, "files", nil)
	cfg = patchService(t, cfg, 0, "exec", nil)
	c, err := parse(cfg)
	require.NoError(t, err)
	assert.Equal(t, 100, c.Compute.Hosts.TargetCapacityPercent)
	assert.Equal(t, 30, c.Compute.Hosts.RootVolumeGiB)
	assert.Equal(t, 30, c.Compute.KeepImages)
	assert.True(t, c.Compute.Protect, "protected unless turned off")
	s := c.Compute.Services[0]
	assert.Equal(t, 70, s.TargetCPUPercent)
	assert.Equal(t, compute.FilesNone, s.Files)
	assert.True(t, s.ReadonlyRootFilesystem, "read-only root unless turned off")
}

func TestExecServicesDefaultToAWritableRoot(t *testing.T) {
	c, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	s := c.Compute.Services[0]
	require.True(t, s.Exec, "dev's claims-api allows ECS Exec")
	assert.False(t, s.ReadonlyRootFilesystem, "ECS Exec's SSM agent writes to the container's root")
}

func TestBadComputeConfigNamesTheKey(t *testing.T) {
	services := computeKey + ".services"
	tests := []struct {
		name    string
		stack   string
		mutate  func(t *testing.T, cfg map[string]string) map[string]string
		wantKey string
		wantMsg string
	}{
		{"duplicate service names", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 1, "name", "claims-api")
		}, services + "[1].name", `"claims-api" is already services[0]'s name`},
		{"min above max", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "minCount", 3)
		}, services + "[0]", "minCount 3 is greater than maxCount 2"},
		{"desired outside min..max", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "desiredCount", 5)
		}, services + "[0].desiredCount", "5 is outside minCount..maxCount (1-2)"},
		{"cpu not positive", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "cpu", 0)
		}, services + "[0].cpu", "0 is not positive"},
		{"memory not positive", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "memory", -512)
		}, services + "[0].memory", "-512 is not positive"},
		{"memory below the cpu's minimum", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "cpu", 2048)
		}, services + "[0].memory", "512 MiB is below the minimum for 2048 CPU units (1024 MiB"},
		{"memory below ECS's minimum", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "memory", 64)
		}, services + "[0].memory", "64 MiB is below the minimum"},
		{"port zero", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "port", 0)
		}, services + "[0].port", "0 is outside 1-65535"},
		{"port above 65535", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "port", 70000)
		}, services + "[0].port", "70000 is outside 1-65535"},
		{"no certificate in prod", "prod", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "alb", map[string]any{"accessLogRetentionDays": 365})
		}, computeKey + ".alb.certificateArn", "required in prod"},
		{"a certificate that is not an ACM ARN", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "alb", map[string]any{"certificateArn": "arn:aws:iam::123456789012:server-certificate/x", "accessLogRetentionDays": 30})
		}, computeKey + ".alb.certificateArn", "not an ACM certificate ARN"},
		{"an activation expired", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchAnywhere(t, c, "expiresOn", "2026-11-30")
		}, computeKey + ".ecsAnywhere.expiresOn", "2026-11-30 has passed"},
		{"an activation expiring more than 30 days out", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchAnywhere(t, c, "expiresOn", "2027-01-15")
		}, computeKey + ".ecsAnywhere.expiresOn", "more than 30 days after 2026-12-01"},
		{"an activation date that is not one", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchAnywhere(t, c, "expiresOn", "20/12/2026")
		}, computeKey + ".ecsAnywhere.expiresOn", "not a date"},
		{"a registration limit below 1", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchAnywhere(t, c, "registrationLimit", 0)
		}, computeKey + ".ecsAnywhere.registrationLimit", "0 is outside 1-1000"},
		{"an on-premises service without ECS Anywhere", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchAnywhere(t, c, "enabled", false)
		}, services + "[1].onPrem", "need ecsAnywhere.enabled"},
		{"a password in the environment", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "environment", map[string]string{"SMTP_PASSWORD": "hunter2"})
		}, services + "[0].environment.SMTP_PASSWORD", "looks like a credential (PASSWORD): pass it in secrets"},
		{"an API key in the environment", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "environment", map[string]string{"partner_api_key": "abc"})
		}, services + "[0].environment.partner_api_key", "looks like a credential (KEY)"},
		{"a secret that is not an ARN", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "secrets", map[string]string{"PARTNER_TOKEN": "s3cr3t"})
		}, services + "[0].secrets.PARTNER_TOKEN", `"s3cr3t" is not a Secrets Manager secret or SSM parameter ARN`},
		{"a secret overriding the database credentials", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "secrets", map[string]string{"DB_PASSWORD": "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf"})
		}, services + "[0].secrets.DB_PASSWORD", "set from the database secret"},
		{"both an image and a tag", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "image", "registry.corp.example/claims:1.0.0")
		}, services + "[0]", "set image or imageTag, not both"},
		{"neither an image nor a tag", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "imageTag", nil)
		}, services + "[0]", "set image (a pinned reference) or imageTag"},
		{"the latest tag", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "imageTag", "latest")
		}, services + "[0]", `"latest" is not a version`},
		{"an image without a tag", "dev", func(t *testing.T, c map[string]string) map[string]string {
			c = patchService(t, c, 0, "imageTag", nil)
			return patchService(t, c, 0, "image", "registry.corp.example:5000/claims")
		}, services + "[0].image", "not an image pinned to a tag or digest"},
		{"an upper-case service name", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "name", "ClaimsAPI")
		}, services + "[0].name", `"ClaimsAPI" is not a service name`},
		{"no health check behind the load balancer", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "healthCheckPath", nil)
		}, services + "[0].healthCheckPath", "not a path the load balancer can probe"},
		{"a health check on premises", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 1, "healthCheckPath", "/health")
		}, services + "[1].healthCheckPath", "no load balancer"},
		{"an unknown file access", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "files", "admin")
		}, services + "[0].files", `unknown file access "admin"`},
		{"a target CPU above 100%", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "targetCpuPercent", 120)
		}, services + "[0].targetCpuPercent", "120% is outside 1-100"},
		{"a Graviton instance type", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "instanceTypes", []string{"t4g.medium"})
		}, computeKey + ".instanceTypes[0]", "Graviton"},
		{"no instance type", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "instanceTypes", []string{})
		}, computeKey + ".instanceTypes", "at least one"},
		{"hosts desired above max", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "hosts", map[string]int{"min": 1, "max": 2, "desired": 3})
		}, computeKey + ".hosts.desired", "3 is outside min..max (1-2)"},
		{"hosts min above max", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "hosts", map[string]int{"min": 3, "max": 2, "desired": 2})
		}, computeKey + ".hosts", "min 3 is greater than max 2"},
		{"a root volume smaller than the AMI", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "rootVolumeGiB", 8)
		}, computeKey + ".rootVolumeGiB", "8 GiB is outside 30-16384"},
		{"protection off in prod", "prod", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "protect", false)
		}, computeKey + ".protect", "must be true in prod"},
		{"a patch group no baseline has", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "patchGroup", "ecs-hostz")
		}, computeKey + ".patchGroup", `"ecs-hostz" is in no patch baseline's patchGroups`},
		{"a retention CloudWatch does not accept", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patch(t, c, computeKey, "logRetentionDays", 10)
		}, computeKey + ".logRetentionDays", "not a CloudWatch Logs retention"},
		{"ECS Exec on a read-only root file system", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "readonlyRootFilesystem", true)
		}, services + "[0].readonlyRootFilesystem", "ECS Exec (exec: true) does not work on a read-only root"},
		{"an unknown field", "dev", func(t *testing.T, c map[string]string) map[string]string {
			return patchService(t, c, 0, "privileged", true)
		}, computeKey, `unknown field "privileged"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(tt.mutate(t, stackConfig(t, tt.stack)))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantKey+": ", "the error names the key")
			assert.Contains(t, err.Error(), tt.wantMsg)
		})
	}
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

func TestMissingComputeSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, computeKey)
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), computeKey+": required but not set")
}
