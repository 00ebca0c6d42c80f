package platform

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// props returns the inputs of the resource of typ named name.
func props(t *testing.T, res *plan.Result, typ, name string) map[string]any {
	t.Helper()
	r, ok := res.Named(typ, name)
	require.True(t, ok, "no %s named %s", typ, name)
	return r.Props()
}

func TestComputeIsPrivateAndHardenedInBothStacks(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
			t.Run(stack+"/"+mode.String(), func(t *testing.T) {
				res := runStack(t, stack, mode)
				lt := props(t, res, "aws:ec2/launchTemplate:LaunchTemplate", stack+"-compute-hosts")
				assert.Equal(t, "required", lt["metadataOptions"].(map[string]any)["httpTokens"])
				for _, nic := range lt["networkInterfaces"].([]any) {
					assert.Equal(t, "false", nic.(map[string]any)["associatePublicIpAddress"], "no public IP on hosts")
				}
				assert.Equal(t, "true", lt["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["encrypted"])

				assert.Equal(t, true, props(t, res, "aws:lb/loadBalancer:LoadBalancer", stack+"-compute")["internal"])
				for _, svc := range res.OfType("aws:ecs/service:Service") {
					if nc, ok := svc.Props()["networkConfiguration"].(map[string]any); ok {
						assert.Equal(t, false, nc["assignPublicIp"], "%s: no public IP on tasks", svc.Name)
					}
					assert.Equal(t, map[string]any{"enable": true, "rollback": true}, svc.Props()["deploymentCircuitBreaker"], svc.Name)
				}
				for _, rule := range res.OfType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") {
					assert.NotEqual(t, "0.0.0.0/0", rule.Props()["cidrIpv4"], rule.Name)
				}
			})
		}
	}
}

func TestListenerProtocolAndDeletionProtectionFollowTheEnvironment(t *testing.T) {
	dev := runStack(t, "dev", plan.Up)
	assert.Len(t, dev.OfType("aws:lb/listener:Listener"), 1)
	assert.Equal(t, "HTTP", props(t, dev, "aws:lb/listener:Listener", "dev-compute-http")["protocol"], "dev has no certificate")
	assert.Equal(t, false, props(t, dev, "aws:lb/loadBalancer:LoadBalancer", "dev-compute")["enableDeletionProtection"])

	prod := runStack(t, "prod", plan.Up)
	https := props(t, prod, "aws:lb/listener:Listener", "prod-compute-https")
	assert.Equal(t, "HTTPS", https["protocol"])
	assert.Equal(t, "ELBSecurityPolicy-TLS13-1-2-2021-06", https["sslPolicy"])
	assert.Equal(t, "redirect", props(t, prod, "aws:lb/listener:Listener", "prod-compute-http")["defaultActions"].([]any)[0].(map[string]any)["type"],
		"prod's port 80 only redirects")
	assert.Equal(t, true, props(t, prod, "aws:lb/loadBalancer:LoadBalancer", "prod-compute")["enableDeletionProtection"])
	for _, rule := range prod.OfType("aws:lb/listenerRule:ListenerRule") {
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:prod-compute-https", rule.Props()["listenerArn"], "%s routes HTTPS traffic", rule.Name)
	}
	for _, typ := range []string{"aws:ecr/repository:Repository", "aws:s3/bucketV2:BucketV2"} {
		for _, r := range prod.OfType(typ) {
			assert.True(t, r.Protect, "prod protects %s %s", typ, r.Name)
		}
	}
}

func TestEveryRepositoryIsImmutableAndScanned(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		repos := res.OfType("aws:ecr/repository:Repository")
		require.NotEmpty(t, repos, stack)
		for _, r := range repos {
			assert.Equal(t, "IMMUTABLE", r.Props()["imageTagMutability"], r.Name)
			assert.Equal(t, map[string]any{"scanOnPush": true}, r.Props()["imageScanningConfiguration"], r.Name)
			assert.Equal(t, "KMS", r.Props()["encryptionConfigurations"].([]any)[0].(map[string]any)["encryptionType"], r.Name)
		}
	}
}

func TestServicesRunWhereConfiguredWithAutoscaling(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	cases := []struct{ name, where string }{
		{"claims-api", "aws"}, {"policy-portal", "aws"}, {"document-scanner", "onPrem"},
	}
	for _, tc := range cases {
		svc := props(t, res, "aws:ecs/service:Service", "prod-services-"+tc.name)
		if tc.where == "onPrem" {
			assert.Equal(t, "EXTERNAL", svc["launchType"], tc.name)
			assert.Equal(t, []any{"EXTERNAL"}, props(t, res, "aws:ecs/taskDefinition:TaskDefinition", "prod-services-"+tc.name)["requiresCompatibilities"])
		} else {
			assert.Equal(t, "prod-compute", svc["capacityProviderStrategies"].([]any)[0].(map[string]any)["capacityProvider"], tc.name)
		}
		target := props(t, res, "aws:appautoscaling/target:Target", "prod-services-"+tc.name)
		assert.Equal(t, "service/prod-compute/prod-services-"+tc.name, target["resourceId"])
		_, ok := res.Named("aws:appautoscaling/policy:Policy", "prod-services-"+tc.name+"-cpu")
		assert.True(t, ok, "%s scales on CPU", tc.name)
	}
	cp := props(t, res, "aws:ecs/capacityProvider:CapacityProvider", "prod-compute")["autoScalingGroupProvider"].(map[string]any)
	assert.Equal(t, "ENABLED", cp["managedTerminationProtection"])
	assert.Equal(t, float64(80), cp["managedScaling"].(map[string]any)["targetCapacity"])
	assert.Equal(t, true, props(t, res, "aws:autoscaling/group:Group", "prod-compute-hosts")["protectFromScaleIn"])
}

func TestServicesGetTheDataTiersSecretAndBucketOnly(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	policy := func(name string) string {
		return props(t, res, "aws:iam/rolePolicy:RolePolicy", name)["policy"].(string)
	}
	execution := policy("prod-services-claims-api-execution")
	assert.Contains(t, execution, `"arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-prod-db"`, "the RDS-managed master secret")
	assert.Contains(t, execution, `"arn:aws:kms:us-east-1:123456789012:prod-db"`, "the key that encrypts it")

	var defs []struct {
		Secrets []struct{ Name, ValueFrom string }
	}
	require.NoError(t, json.Unmarshal([]byte(props(t, res, "aws:ecs/taskDefinition:TaskDefinition", "prod-services-claims-api")["containerDefinitions"].(string)), &defs))
	assert.Contains(t, defs[0].Secrets, struct{ Name, ValueFrom string }{"DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-prod-db:password::"})

	reader := policy("prod-services-claims-api-task")
	assert.Contains(t, reader, `"arn:aws:s3:::prod-files-bucket/*"`)
	assert.NotContains(t, reader, "s3:PutObject", "claims-api only reads files")
	assert.Contains(t, policy("prod-services-document-scanner-task"), "s3:PutObject", "the scanner writes them")
	_, ok := res.Named("aws:iam/rolePolicy:RolePolicy", "prod-services-policy-portal-task")
	assert.False(t, ok, "policy-portal has no file access: no task permissions")
	assert.NotContains(t, policy("prod-services-document-scanner-execution"), "secretsmanager", "no database, no secret")
}

func TestDatabaseAdmitsTheClustersHostsAndTasks(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	var sources []any
	for _, in := range props(t, res, "aws:ec2/securityGroup:SecurityGroup", "prod-db")["ingress"].([]any) {
		groups, _ := in.(map[string]any)["securityGroups"].([]any) // the on-premises rule has CIDRs instead
		sources = append(sources, groups...)
	}
	assert.ElementsMatch(t, []any{"prod-compute-hosts_id", "prod-compute-tasks_id"}, sources)
}

func TestHostsJoinTheirPatchGroups(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	tags := map[string]any{}
	for _, tag := range props(t, res, "aws:autoscaling/group:Group", "prod-compute-hosts")["tags"].([]any) {
		tags[tag.(map[string]any)["key"].(string)] = tag.(map[string]any)["value"]
	}
	assert.Equal(t, "ecs-hosts", tags["Patch Group"])
	assert.Equal(t, "prod", tags["Environment"], "the mandatory tags reach the hosts")

	act := props(t, res, "aws:ssm/activation:Activation", "prod-compute-anywhere")
	assert.Equal(t, "onprem-linux", act["tags"].(map[string]any)["Patch Group"], "registered hosts inherit the activation's tags")
	assert.Equal(t, float64(4), act["registrationLimit"])
	assert.Equal(t, "2026-12-20T00:00:00Z", act["expirationDate"])
}

func TestUnsafeComputeConfigIsRefused(t *testing.T) {
	cases := []struct {
		name, stack, path string
		value             any
		wantErr           string
	}{
		{"prod without a certificate", "prod", "alb.certificateArn", "", "hybridcloud:compute.alb.certificateArn: required in prod"},
		{"prod unprotected", "prod", "protect", false, "hybridcloud:compute.protect: must be true in prod"},
		{"an activation already expired", "dev", "ecsAnywhere.expiresOn", "2026-11-01", "hybridcloud:compute.ecsAnywhere.expiresOn: 2026-11-01 has passed"},
		{"an activation beyond AWS's 30 days", "prod", "ecsAnywhere.expiresOn", "2027-02-01", "hybridcloud:compute.ecsAnywhere.expiresOn: 2027-02-01 is more than 30 days"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := withPath(t, stackFiles(t, tc.stack), "hybridcloud:compute", tc.path, tc.value)
			_, err := plan.Run(Program(func() time.Time { return testNow }), st, plan.Preview)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			assert.Contains(t, err.Error(), "config: invalid stack configuration", "refused by config, before any resource")
		})
	}
}
