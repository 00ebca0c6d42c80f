package config

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/compute/spec"
)

const computeKey = "hybridcloud:compute"

// requireComputeProblem patches one field of hybridcloud:compute in a stack file and requires one line of
// the error to name wantKey and say wantMsg: with every problem joined, a key and a message found on
// different lines would prove nothing.
func requireComputeProblem(t *testing.T, stack, field string, value any, wantKey, wantMsg string) {
	t.Helper()
	_, err := parse(patch(t, stackConfig(t, stack), computeKey, field, value))
	require.Error(t, err)
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(line, wantKey+": ") && strings.Contains(line, wantMsg) {
			return
		}
	}
	t.Errorf("no line names %s and says %q:\n%s", wantKey, wantMsg, err)
}

func TestComputeSectionOfEachStackFile(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			c, err := parse(stackConfig(t, stack))
			require.NoError(t, err)
			var inAWS, onPrem int
			for _, s := range c.Services.Services {
				if s.OnPrem {
					onPrem++
				} else {
					inAWS++
				}
			}
			assert.Positive(t, inAWS, "a service in AWS exercises the load balancer path")
			assert.Positive(t, onPrem, "a service on premises exercises ECS Anywhere")
			assert.True(t, c.Cluster.Anywhere.Enabled)
			assert.Equal(t, "ecs-hosts", c.Cluster.PatchGroup)
			assert.Equal(t, "ecs-anywhere", c.Cluster.Anywhere.PatchGroup, "its own group: the window drains its hosts one at a time, apart from other servers")
			assert.Equal(t, []spec.HostOS{spec.HostRHEL}, c.Cluster.Anywhere.HostOS, "the prod and dev hosts are RHEL")
			assert.Equal(t, c.Cluster.LogRetentionDays, c.Services.LogRetentionDays, "one retention for the cluster's and the services' logs")
			assert.Equal(t, c.Cluster.Protect, c.Services.Protect, "one protect flag for the cluster and its services")
		})
	}
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Empty(t, dev.Cluster.LoadBalancer.CertificateARN, "dev serves plain HTTP")
	assert.NotEmpty(t, prod.Cluster.LoadBalancer.CertificateARN, "prod serves HTTPS")
	assert.False(t, dev.Cluster.Protect)
	assert.False(t, dev.Services.Protect)
	assert.True(t, prod.Cluster.Protect)
	assert.Len(t, dev.Cluster.InstanceTypes, 1, "dev: one small type")
	assert.Greater(t, prod.Cluster.Hosts.Min, dev.Cluster.Hosts.Min, "prod keeps a host per AZ")
	assert.GreaterOrEqual(t, prod.Cluster.LogRetentionDays, 365)
	assert.Equal(t, []string{"claims-api", "document-scanner", "policy-portal"}, slices.Sorted(maps.Keys(prod.Services.Services)), "services keyed by name")
}

func TestComputeDefaults(t *testing.T) {
	cfg := stackConfig(t, "dev")
	for _, field := range []string{"targetCapacity", "rootVolumeGiB", "ecr", "protect", "services.claims-api.targetCpuPercent",
		"services.claims-api.files", "services.claims-api.filesPrefix", "services.claims-api.exec"} {
		cfg = patch(t, cfg, computeKey, field, nil)
	}
	c, err := parse(cfg)
	require.NoError(t, err)
	assert.Equal(t, compute.DefaultTargetCapacityPercent, c.Cluster.TargetCapacityPercent)
	assert.Equal(t, 100, c.Cluster.TargetCapacityPercent)
	assert.Equal(t, 30, c.Cluster.RootVolumeGiB)
	assert.Equal(t, 30, c.Services.ECR.KeepImages)
	assert.True(t, c.Cluster.Protect, "protected unless turned off")
	assert.True(t, c.Services.Protect, "the services follow the cluster")
	s := c.Services.Services["claims-api"]
	assert.Equal(t, 70, s.TargetCPUPercent)
	assert.Equal(t, spec.FilesNone, s.Files)
	assert.Nil(t, s.ReadonlyRootFilesystem)
	assert.True(t, s.ReadonlyRoot(), "read-only root unless turned off")
	other := c.Services.Services["document-scanner"]
	assert.Equal(t, 70, other.TargetCPUPercent, "every service starts from the defaults, not only the first")
}

func TestExecServicesDefaultToAWritableRoot(t *testing.T) {
	c, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	s := c.Services.Services["claims-api"]
	require.True(t, s.Exec, "dev's claims-api allows ECS Exec")
	assert.False(t, s.ReadonlyRoot(), "ECS Exec's SSM agent writes to the container's root")
}

// ECS Anywhere's activation is sized to the container hosts the stack file lists.
func TestTheAnywhereLimitIsTheNumberOfItsHosts(t *testing.T) {
	for stack, limit := range map[string]int{"dev": 2, "prod": 4} {
		c, err := parse(stackConfig(t, stack))
		require.NoError(t, err, stack)
		assert.Len(t, c.Cluster.Anywhere.Hosts, limit, stack)
		assert.Equal(t, limit, c.Cluster.Anywhere.RegistrationLimit(), "%s: one registration per listed host", stack)
	}
}

func TestBadComputeConfigNamesTheKey(t *testing.T) {
	tests := []struct {
		name, stack, field string
		value              any
		wantKey, wantMsg   string
	}{
		{"no certificate in prod", "prod", "alb", map[string]any{"accessLogRetentionDays": 365},
			computeKey + ".alb.certificateArn", "required in prod"},
		{"a certificate that is not an ACM ARN", "dev", "alb.certificateArn", "arn:aws:iam::123456789012:server-certificate/x",
			computeKey + ".alb.certificateArn", "not an ACM certificate ARN"},
		{"no access-log retention", "dev", "alb", map[string]any{},
			computeKey + ".alb.accessLogRetentionDays", "required: a positive number of days"},
		{"an activation that would lapse before it renews", "dev", "ecsAnywhere.rotationDays", 29,
			computeKey + ".ecsAnywhere.rotationDays", "29 is outside 1-28: an activation lives at most 30 days"},
		{"an activation that renews every 0 days", "dev", "ecsAnywhere.rotationDays", 0,
			computeKey + ".ecsAnywhere.rotationDays", "0 is outside 1-28"},
		{"a dated activation of the old shape", "dev", "ecsAnywhere.expiresOn", "2026-12-20",
			computeKey + ".ecsAnywhere.expiresOn", "unknown field (known: enabled, hosts, patchGroup, rotationDays)"},
		{"an explicit registration limit above the inventory", "prod", "ecsAnywhere.registrationLimit", 10,
			computeKey + ".ecsAnywhere.registrationLimit", "unknown field (known: enabled, hosts, patchGroup, rotationDays)"},
		{"ECS Anywhere for no host", "dev", "ecsAnywhere.hosts", []any{},
			computeKey + ".ecsAnywhere.hosts", "0 hosts listed, want 1-1000 (the registration limit is the number of hosts)"},
		{"an ECS Anywhere inventory over AWS's limit", "dev", "ecsAnywhere.hosts", manyHosts(1001),
			computeKey + ".ecsAnywhere.hosts", "1001 hosts listed, want 1-1000"},
		{"an ECS Anywhere host listed twice", "prod", "ecsAnywhere.hosts", []any{"dc1-ecs-01", "dc1-ecs-01"},
			computeKey + ".ecsAnywhere.hosts[1]", `"dc1-ecs-01" is listed twice`},
		{"an ECS Anywhere host that is a dev server too", "dev", "ecsAnywhere.hosts", []any{"dev-ecs-01", "dev-lnx-03"},
			computeKey + ".ecsAnywhere.hosts[1]", `"dev-lnx-03" is a host of hybridcloud:management.activations.onprem-linux too: a host registers with one activation`},
		{"an ECS Anywhere host that is a prod Windows server too", "prod", "ecsAnywhere.hosts", []any{"dc1-win-04"},
			computeKey + ".ecsAnywhere.hosts[0]", `"dc1-win-04" is a host of hybridcloud:management.activations.onprem-windows too`},
		{"an ECS Anywhere host that is no host name", "prod", "ecsAnywhere.hosts", []any{"dc1_ecs_01"},
			computeKey + ".ecsAnywhere.hosts[0]", `"dc1_ecs_01" is not a host name`},
		{"an ECS Anywhere patch group no baseline has", "dev", "ecsAnywhere.patchGroup", "onprem-linuxx",
			computeKey + ".ecsAnywhere.patchGroup", `"onprem-linuxx" is in no patch baseline's patchGroups`},
		{"a Graviton instance type", "dev", "instanceTypes", []string{"t4g.medium"},
			computeKey + ".instanceTypes[0]", "Graviton"},
		{"no instance type", "dev", "instanceTypes", []string{},
			computeKey + ".instanceTypes", "at least one"},
		{"an instance type twice", "dev", "instanceTypes", []string{"t3.medium", "t3.medium"},
			computeKey + ".instanceTypes[1]", "listed twice"},
		{"no hosts", "dev", "hosts", nil,
			computeKey + ".hosts", "required: {min, max, desired}"},
		{"hosts desired above max", "dev", "hosts", map[string]int{"min": 1, "max": 2, "desired": 3},
			computeKey + ".hosts.desired", "3 is outside min..max (1-2)"},
		{"hosts min above max", "dev", "hosts", map[string]int{"min": 3, "max": 2, "desired": 2},
			computeKey + ".hosts", "min 3 is greater than max 2"},
		{"no host at the maximum", "dev", "hosts", map[string]int{"min": 0, "max": 0, "desired": 1},
			computeKey + ".hosts.max", "0: at least one host is needed"},
		{"a target capacity above 100%", "dev", "targetCapacity", 120,
			computeKey + ".targetCapacity", "120% is outside 1-100"},
		{"a root volume smaller than the AMI", "dev", "rootVolumeGiB", 8,
			computeKey + ".rootVolumeGiB", "8 GiB is outside 30-16384"},
		{"no images kept", "dev", "ecr.keepImages", 0,
			computeKey + ".ecr.keepImages", "0 is outside 1-1000"},
		{"protection off in prod", "prod", "protect", false,
			computeKey + ".protect", "must be true in prod"},
		{"a patch group no baseline has", "dev", "patchGroup", "ecs-hostz",
			computeKey + ".patchGroup", `"ecs-hostz" is in no patch baseline's patchGroups`},
		{"a retention CloudWatch does not accept", "dev", "logRetentionDays", 10,
			computeKey + ".logRetentionDays", "not a CloudWatch Logs retention"},
		{"an unknown field", "dev", "privileged", true,
			computeKey + ".privileged", "unknown field (known: alb, amiId, ecr, ecsAnywhere,"},
		{"a field in the wrong case", "dev", "EcsAnywhere", map[string]any{},
			computeKey + ".EcsAnywhere", `did you mean "ecsAnywhere"?`},
		{"services as a list, the old shape", "dev", "services", []any{map[string]any{"name": "claims-api"}},
			computeKey + ".services", "got a list, want an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireComputeProblem(t, tt.stack, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestAFieldThatFailsToDecodeGetsNoFollowOnErrors(t *testing.T) {
	_, err := parse(patch(t, stackConfig(t, "dev"), computeKey, "hosts", "three"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), computeKey+".hosts: got a string \"three\", want an object")
	assert.NotContains(t, err.Error(), "required: {min, max, desired}", "the decode error says it all")
	assert.Equal(t, 1, strings.Count(err.Error(), "\n"), "one problem: %s", err)
}

func TestMissingComputeSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, computeKey)
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), computeKey+": required but not set")
}

// Issue 20's bad input: each refused with a message naming the key.
func TestBadImageCacheAndUpstreamImagesNameTheKey(t *testing.T) {
	const api, hub = "services.claims-api.", "imageCache.upstreams.docker-hub."
	tests := []struct {
		name, field      string
		value            any
		wantKey, wantMsg string
	}{
		{"an unsupported upstream", "imageCache.upstreams.gcr", map[string]any{"registry": "gcr.io"},
			computeKey + ".imageCache.upstreams.gcr.registry", `"gcr.io" is not a registry ECR's pull-through cache supports`},
		{"a credential ECR would refuse", "imageCache.upstreams.quay", map[string]any{"registry": "quay.io", "username": "u", "accessToken": "t"},
			computeKey + ".imageCache.upstreams.quay", "ECR caches quay.io without a credential and takes none"},
		{"Docker Hub without its credential", hub + "accessToken", nil,
			computeKey + ".imageCache.upstreams.docker-hub.accessToken", "required: set it with pulumi config set --secret --path 'hybridcloud:compute.imageCache.upstreams[\"docker-hub\"].accessToken'"},
		{"Docker Hub without any credential", "imageCache.upstreams.docker-hub", map[string]any{"registry": "docker.io"},
			computeKey + ".imageCache.upstreams.docker-hub", "ECR caches docker.io only with a credential"},
		{"a registry cached twice", "imageCache.upstreams.hub", map[string]any{"registry": "index.docker.io", "username": "u"},
			computeKey + ".imageCache.upstreams.hub.registry", `docker.io is cached under "docker-hub" already`},
		{"a bad prefix", "imageCache.upstreams.Hub", map[string]any{"registry": "quay.io"},
			computeKey + ".imageCache.upstreams.Hub", `"Hub" is not an ECR repository prefix`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireComputeProblem(t, "dev", tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}

	images := []struct{ name, image, wantKey, wantMsg string }{
		{"a Docker Hub image without a tag", "nginx", serviceKey("claims-api", "image"), `"nginx" has no tag`},
		{"a Docker Hub image on latest", "docker.io/library/nginx:latest", serviceKey("claims-api"), `"latest" is not a version`},
		{"an image of no configured upstream", "ghcr.io/insurer/claims:1.0.0", serviceKey("claims-api", "image"),
			"no pull-through cache rule caches its registry: add the registry to imageCache.upstreams"},
		{"an image of another registry", "registry.corp.example/claims:1.0.0", serviceKey("claims-api", "image"), "is from registry.corp.example"},
	}
	for _, tc := range images {
		t.Run(tc.name, func(t *testing.T) {
			cfg := patch(t, patch(t, stackConfig(t, "dev"), computeKey, api+"imageTag", nil), computeKey, api+"image", tc.image)
			_, err := parse(cfg)
			require.Error(t, err)
			found := false
			for _, line := range strings.Split(err.Error(), "\n") {
				found = found || strings.HasPrefix(line, tc.wantKey+": ") && strings.Contains(line, tc.wantMsg)
			}
			assert.True(t, found, "no line names %s and says %q:\n%s", tc.wantKey, tc.wantMsg, err)
		})
	}

	t.Run("Docker Hub images run from the cache", func(t *testing.T) {
		cfg := patch(t, patch(t, stackConfig(t, "prod"), computeKey, api+"imageTag", nil), computeKey, api+"image", "nginx:1.27")
		c, err := parse(cfg)
		require.NoError(t, err)
		assert.Equal(t, "nginx:1.27", c.Services.Services["claims-api"].Image)
	})
	t.Run("a credential in plain text in prod", func(t *testing.T) {
		prod := patch(t, stackConfig(t, "prod"), computeKey, hub+"accessToken", "dckr_pat_abc")
		_, err := Parse("hybridcloud", "prod", source(prod))
		require.Error(t, err)
		assert.Contains(t, err.Error(), computeKey+".imageCache.upstreams.docker-hub.accessToken: is a secret and must not be in plain text in prod")
		assert.NotContains(t, err.Error(), "dckr_pat_abc", "the value is never shown")
		_, err = Parse("hybridcloud", "prod", source(prod, computeKey, "hybridcloud:fileShare", "hybridcloud:hybrid"))
		require.NoError(t, err, "the same value stored as a secret passes")
	})
}

// Issue 17's compute bad input, and issue 15's pinned AMI: each refused naming the key.
func TestComputeInputsThatWouldFailAtUpAreRefused(t *testing.T) {
	const scanner = "services.document-scanner."
	tests := []struct {
		name, stack, field string
		value              any
		wantKey, wantMsg   string
	}{
		{"an instance type typo", "prod", "instanceTypes", []string{"m7i.lage"}, computeKey + ".instanceTypes[0]", "m7i.lage: m7i comes in large, xlarge"},
		{"a family that does not exist", "prod", "instanceTypes", []string{"m7ii.large"}, computeKey + ".instanceTypes[0]", "unknown"},
		{"an arm64 family without a g", "prod", "instanceTypes", []string{"a1.large"}, computeKey + ".instanceTypes[0]", "a1.large is arm64 (AWS Graviton)"},
		{"an AMI id that is not one", "prod", "amiId", "ami-123", computeKey + ".amiId", `"ami-123" is not an AMI id`},
		{"more on-premises tasks than hosts may register", "prod", scanner + "desiredCount", 5, serviceKey("document-scanner", "desiredCount"),
			"5 tasks need 5 hosts, and ecsAnywhere.hosts lists 4"},
		{"two on-premises services on one host port", "prod", "services.ocr", map[string]any{"image": "nginx:1.27", "cpu": 256, "memory": 512, "port": 9000,
			"desiredCount": 1, "minCount": 1, "maxCount": 1, "onPrem": true}, serviceKey("ocr", "port"), `9000 is "document-scanner"'s host port too`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.wantMsg == "unknown" { // not catalogued: a warning, AWS decides
				c, err := parse(patch(t, stackConfig(t, tt.stack), computeKey, tt.field, tt.value))
				require.NoError(t, err)
				assert.Contains(t, strings.Join(c.Warnings, "\n"), tt.wantKey+": m7ii.large: family m7ii is not listed (did you mean m7i?)")
				return
			}
			requireComputeProblem(t, tt.stack, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
	c, err := parse(patch(t, stackConfig(t, "prod"), computeKey, "amiId", "ami-0123456789abcdef0"))
	require.NoError(t, err)
	assert.Equal(t, "ami-0123456789abcdef0", c.Cluster.AMIID)
}

func TestAContainerHostGroupIsNeverAServerActivationToo(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		requireComputeProblem(t, stack, "ecsAnywhere",
			map[string]any{"enabled": true, "hosts": []any{"dc1-ecs-09"}, "rotationDays": 14, "patchGroup": "onprem-linux"},
			computeKey+".ecsAnywhere.patchGroup", "also a server activation")
	}
	requireComputeProblem(t, "prod", "ecsAnywhere",
		map[string]any{"enabled": true, "hosts": []any{"dc1-ecs-09"}, "rotationDays": 14, "patchGroup": "onprem-windows"},
		computeKey+".ecsAnywhere.patchGroup", "registers Linux hosts only")
}
