package platform

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func TestComputeIsPrivateAndHardenedInBothStacks(t *testing.T) {
	services := map[string]int{"dev": 2, "prod": 3}
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			t.Run(stack+"/"+mode.String(), func(t *testing.T) {
				res := primaryOf(runStack(t, stack, mode))
				lt := plantest.Named(t, res, token.EC2LaunchTemplate, stack+"-compute-hosts").Props()
				assert.Equal(t, "required", lt["metadataOptions"].(map[string]any)["httpTokens"])
				nics := lt["networkInterfaces"].([]any)
				require.Len(t, nics, 1)
				assert.Equal(t, "false", nics[0].(map[string]any)["associatePublicIpAddress"], "no public IP on hosts")
				assert.Equal(t, "true", lt["blockDeviceMappings"].([]any)[0].(map[string]any)["ebs"].(map[string]any)["encrypted"])

				assert.Equal(t, true, plantest.Named(t, res, token.LBLoadBalancer, stack+"-compute").Props()["internal"])
				ecsServices := plantest.Every(t, res, token.ECSService, services[stack])
				assert.Len(t, ecsServices, services[stack])
				inAWS := 0
				for _, svc := range ecsServices {
					if nc, ok := svc.Props()["networkConfiguration"].(map[string]any); ok {
						inAWS++
						assert.Equal(t, false, nc["assignPublicIp"], "%s: no public IP on tasks", svc.Name)
					}
					assert.Equal(t, map[string]any{"enable": true, "rollback": true}, svc.Props()["deploymentCircuitBreaker"], svc.Name)
				}
				assert.Equal(t, services[stack]-1, inAWS, "every service but the scanner runs in AWS")
				for _, rule := range plantest.Every(t, res, token.VPCSecurityGroupIngressRule, 4) {
					assert.NotEqual(t, "0.0.0.0/0", rule.Props()["cidrIpv4"], rule.Name)
				}
			})
		}
	}
}

func TestListenerProtocolAndDeletionProtectionFollowTheEnvironment(t *testing.T) {
	dev := runStack(t, "dev", plan.Up)
	assert.Len(t, dev.OfType(token.LBListener), 1)
	assert.Equal(t, "HTTP", plantest.Named(t, dev, token.LBListener, "dev-compute-http").Props()["protocol"], "dev has no certificate")
	assert.Equal(t, false, plantest.Named(t, dev, token.LBLoadBalancer, "dev-compute").Props()["enableDeletionProtection"])

	prod := primaryOf(runStack(t, "prod", plan.Up))
	https := plantest.Named(t, prod, token.LBListener, "prod-compute-https").Props()
	assert.Equal(t, "HTTPS", https["protocol"])
	assert.Equal(t, "ELBSecurityPolicy-TLS13-1-2-2021-06", https["sslPolicy"])
	assert.Equal(t, "redirect", plantest.Named(t, prod, token.LBListener, "prod-compute-http").Props()["defaultActions"].([]any)[0].(map[string]any)["type"],
		"prod's port 80 only redirects")
	assert.Equal(t, true, plantest.Named(t, prod, token.LBLoadBalancer, "prod-compute").Props()["enableDeletionProtection"])
	for _, rule := range plantest.Every(t, prod, token.LBListenerRule, 2) {
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:prod-compute-https", rule.Props()["listenerArn"], "%s routes HTTPS traffic", rule.Name)
	}
	for _, typ := range []string{token.ECRRepository, token.S3BucketV2} {
		for _, r := range plantest.Every(t, prod, typ, 3) {
			assert.True(t, r.Protect, "prod protects %s %s", typ, r.Name)
		}
	}
}

func TestServicesRunWhereConfiguredWithAutoscaling(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	cases := []struct{ name, where string }{
		{"claims-api", "aws"}, {"policy-portal", "aws"}, {"document-scanner", "onPrem"},
	}
	for _, tc := range cases {
		svc := plantest.Named(t, res, token.ECSService, "prod-services-"+tc.name).Props()
		if tc.where == "onPrem" {
			assert.Equal(t, "EXTERNAL", svc["launchType"], tc.name)
			assert.Equal(t, []any{"EXTERNAL"}, plantest.Named(t, res, token.ECSTaskDefinition, "prod-services-"+tc.name).Props()["requiresCompatibilities"])
		} else {
			assert.Equal(t, "prod-compute", svc["capacityProviderStrategies"].([]any)[0].(map[string]any)["capacityProvider"], tc.name)
		}
		target := plantest.Named(t, res, token.AppAutoScalingTarget, "prod-services-"+tc.name).Props()
		assert.Equal(t, "service/prod-compute/prod-services-"+tc.name, target["resourceId"])
		plantest.Named(t, res, token.AppAutoScalingPolicy, "prod-services-"+tc.name+"-cpu")
	}
	cp := plantest.Named(t, res, token.ECSCapacityProvider, "prod-compute").Props()["autoScalingGroupProvider"].(map[string]any)
	assert.Equal(t, "ENABLED", cp["managedTerminationProtection"])
	assert.Equal(t, float64(80), cp["managedScaling"].(map[string]any)["targetCapacity"])
	assert.Equal(t, true, plantest.Named(t, res, token.AutoScalingGroup, "prod-compute-hosts").Props()["protectFromScaleIn"])
}

func TestServicesGetTheFileBucketOnlyAsTheirAccessSays(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	policy := func(name string) string {
		return plantest.Named(t, res, token.IAMRolePolicy, name).Props()["policy"].(string)
	}
	reader := policy("prod-services-claims-api-task")
	assert.Contains(t, reader, `"arn:aws:s3:::prod-files-bucket/claims/*"`, "claims-api reads the claims share's prefix")
	assert.Contains(t, policy("prod-services-document-scanner-task"), `"arn:aws:s3:::prod-files-bucket/documents/*"`, "the scanner writes the documents share's")
	assert.Contains(t, reader, `"arn:aws:kms:us-east-1:123456789012:prod-files"`, "the file bucket's key")
	assert.NotContains(t, reader, "s3:PutObject", "claims-api only reads files")
	assert.Contains(t, policy("prod-services-document-scanner-task"), "s3:PutObject", "the scanner writes them")
	assert.NotContains(t, policy("prod-services-policy-portal-task"), "s3:", "policy-portal has no file access")
	assert.NotContains(t, policy("prod-services-document-scanner-execution"), "secretsmanager", "no secrets configured, none granted")
}

func TestDatabaseAdmitsTheClustersHostsAndTasks(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	var sources []any
	for _, in := range plantest.Named(t, res, token.EC2SecurityGroup, "prod-db").Props()["ingress"].([]any) {
		groups, _ := in.(map[string]any)["securityGroups"].([]any) // the on-premises rule has CIDRs instead
		sources = append(sources, groups...)
	}
	assert.ElementsMatch(t, []any{"prod-compute-hosts_id", "prod-compute-tasks_id"}, sources)
}

func TestHostsJoinTheirPatchGroups(t *testing.T) {
	assert.Equal(t, hybrid.PatchGroupTag, spec.PatchGroupTag, "the cluster tags hosts with the tag the patch baselines read")
	res := runStack(t, "prod", plan.Up)
	tags := map[string]any{}
	for _, tag := range plantest.Named(t, res, token.AutoScalingGroup, "prod-compute-hosts").Props()["tags"].([]any) {
		tags[tag.(map[string]any)["key"].(string)] = tag.(map[string]any)["value"]
	}
	assert.Equal(t, "ecs-hosts", tags["Patch Group"])
	assert.Equal(t, "prod", tags["Environment"], "the mandatory tags reach the hosts")

	act := plantest.Named(t, res, token.SSMActivation, "prod-compute-anywhere").Props()
	assert.Equal(t, "ecs-anywhere", act["tags"].(map[string]any)["Patch Group"], "registered hosts inherit the activation's tags")
	assert.Equal(t, float64(4), act["registrationLimit"])
}

func TestSessionLoggingReachesEveryNodeRoleTheClusterHas(t *testing.T) {
	roles := func(res *plan.Result) []any {
		var out []any
		for _, a := range plantest.Every(t, res, token.IAMRolePolicyAttachment, 1) {
			if a.Props()["policyArn"] == "arn:aws:iam::123456789012:dev-management-sessions" {
				out = append(out, a.Props()["role"])
			}
		}
		return out
	}
	assert.ElementsMatch(t, []any{"dev-compute-hosts", "dev-compute-anywhere", "dev-management-onprem"}, roles(runStack(t, "dev", plan.Up)),
		"the EC2 hosts, the ECS Anywhere hosts and the other on-premises servers")

	// Without ECS Anywhere the cluster has no such role, and the scanner must run in AWS.
	st := withPath(t, stackFiles(t, "dev"), "hybridcloud:compute", "ecsAnywhere.enabled", false)
	st = withPath(t, st, "hybridcloud:compute", "services.document-scanner.onPrem", false)
	res, err := plan.Run(Program(func() time.Time { return testNow }), withHealthCheck(t, st), plan.Up)
	require.NoError(t, err)
	_, ok := res.Named(token.SSMActivation, "dev-compute-anywhere")
	assert.False(t, ok, "no ECS Anywhere, no activation")
	assert.ElementsMatch(t, []any{"dev-compute-hosts", "dev-management-onprem"}, roles(res), "only the EC2 hosts beside the other servers")
}

// withHealthCheck gives dev's document scanner the health check a service in AWS needs.
func withHealthCheck(t *testing.T, st plan.Stack) plan.Stack {
	t.Helper()
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(st.Config["hybridcloud:compute"]), &obj))
	obj["services"].(map[string]any)["document-scanner"].(map[string]any)["healthCheckPath"] = "/health"
	b, err := json.Marshal(obj)
	require.NoError(t, err)
	return withConfig(st, "hybridcloud:compute", string(b))
}

func TestUnsafeComputeConfigIsRefused(t *testing.T) {
	cases := []struct {
		name, stack, path string
		value             any
		wantErr           string
	}{
		{"prod without a certificate", "prod", "alb.certificateArn", "", "hybridcloud:compute.alb.certificateArn: required in prod"},
		{"prod unprotected", "prod", "protect", false, "hybridcloud:compute.protect: must be true in prod"},
		{"an activation that would lapse before it renews", "prod", "ecsAnywhere.rotationDays", 30, "hybridcloud:compute.ecsAnywhere.rotationDays: 30 is outside 1-28"},
		{"a service with no CPU", "dev", "services.claims-api.cpu", 0, "hybridcloud:compute.services.claims-api.cpu: 0 is not positive"},
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

func TestEachStackEmitsTheRHELRegistrationCommandForItsOnPremisesHosts(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			out, ok := runStack(t, stack, mode).Outputs["ecsAnywhereRegistrationCommands"]
			require.True(t, ok, "%s %s", stack, mode)
			assert.True(t, out.Secret, "%s %s: the commands hold the activation code", stack, mode)
			if mode == plan.Up {
				commands, isMap := out.Value.(map[string]string)
				require.True(t, isMap, "%s: %T", stack, out.Value)
				require.Len(t, commands, 1, "%s: the hosts are RHEL only", stack)
				assert.Contains(t, commands["rhel"], `--docker-install-source "none"`, stack)
			}
		}
	}
}
