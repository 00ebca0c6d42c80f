package compute

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

// statement is one statement of an IAM policy document, as the tests read it.
type statement struct {
	Effect    string
	Action    []string
	Resource  []string
	Condition map[string]map[string]string
}

// policyStatements parses the policy of the role policy named name.
func policyStatements(t *testing.T, res *plan.Result, name string) []statement {
	t.Helper()
	var doc struct{ Statement []statement }
	require.NoError(t, json.Unmarshal([]byte(one(t, res, typeRolePolicy, name)["policy"].(string)), &doc))
	return doc.Statement
}

// grants maps each action of a policy to the resources it is allowed on.
func grants(statements []statement) map[string][]string {
	out := map[string][]string{}
	for _, s := range statements {
		for _, a := range s.Action {
			out[a] = append(out[a], s.Resource...)
		}
	}
	return out
}

func TestEveryRepositoryIsImmutableScannedEncryptedAndExpiresOldImages(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	repos := d.res.OfType(typeRepository)
	require.Len(t, repos, 1, "only the service built here (ImageTag) gets a repository")
	for _, r := range repos {
		p := r.Props()
		assert.Equal(t, "IMMUTABLE", p["imageTagMutability"], r.Name)
		assert.Equal(t, map[string]any{"scanOnPush": true}, p["imageScanningConfiguration"], r.Name)
		assert.Equal(t, []any{map[string]any{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:123456789012:c"}}, p["encryptionConfigurations"], r.Name)
		assert.True(t, r.Protect, "%s: images are kept through a destroy when protected", r.Name)
		assert.Equal(t, false, p["forceDelete"], r.Name)
	}
	lifecycle := one(t, d.res, typeLifecyclePolicy, "s-claims-api")
	assert.Equal(t, "s-claims-api", lifecycle["repository"])
	assert.JSONEq(t, `{"rules":[{"rulePriority":1,"description":"Keep the newest 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`,
		lifecycle["policy"].(string))

	url := plantest.Await(t, d.services.RepositoryURLs["claims-api"])
	assert.Equal(t, "123456789012.dkr.ecr.us-east-1.amazonaws.com/s-claims-api", url.Value)
}

func TestServiceInAWSRunsOnTheCapacityProviderBehindTheListener(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	svc := one(t, d.res, typeService, "s-claims-api")
	assert.NotContains(t, svc, "launchType", "the capacity provider strategy places it")
	assert.Equal(t, []any{map[string]any{"capacityProvider": "c", "weight": float64(1)}}, svc["capacityProviderStrategies"])
	assert.Equal(t, map[string]any{
		"assignPublicIp": false,
		"subnets":        []any{"subnet-a", "subnet-b", "subnet-c"},
		"securityGroups": []any{"c-tasks_id"},
	}, svc["networkConfiguration"])
	assert.Equal(t, []any{map[string]any{"targetGroupArn": "arn:aws:lb:us-east-1:123456789012:s-claims-api", "containerName": "claims-api", "containerPort": float64(8080)}}, svc["loadBalancers"])
	assert.Equal(t, map[string]any{"enable": true, "rollback": true}, svc["deploymentCircuitBreaker"])
	assert.Equal(t, float64(100), svc["deploymentMinimumHealthyPercent"], "new tasks start before old ones stop")
	assert.Equal(t, "arn:aws:ecs:us-east-1:123456789012:c", svc["cluster"])
	assert.Equal(t, false, svc["enableExecuteCommand"])

	td := one(t, d.res, typeTaskDefinition, "s-claims-api")
	assert.Equal(t, "awsvpc", td["networkMode"])
	assert.Equal(t, []any{"EC2"}, td["requiresCompatibilities"])
	assert.Equal(t, "512", td["cpu"])
	assert.Equal(t, "1024", td["memory"])
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:s-claims-api-execution", td["executionRoleArn"])
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:s-claims-api-task", td["taskRoleArn"])

	tg := one(t, d.res, typeTargetGroup, "s-claims-api")
	assert.Equal(t, "s-claims-api-8080", tg["name"], "explicit: an autoname would not fit 32 characters")
	assert.Equal(t, "ip", tg["targetType"])
	assert.Equal(t, float64(8080), tg["port"])
	assert.Equal(t, "vpc-1", tg["vpcId"])
	assert.Equal(t, "/health", tg["healthCheck"].(map[string]any)["path"])

	rule := one(t, d.res, typeListenerRule, "s-claims-api")
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-https", rule["listenerArn"])
	assert.Equal(t, []any{map[string]any{"pathPattern": map[string]any{"values": []any{"/claims-api", "/claims-api/*"}}}}, rule["conditions"])
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:s-claims-api", rule["actions"].([]any)[0].(map[string]any)["targetGroupArn"])
}

func TestServiceOnPremisesRunsExternalWithoutLoadBalancer(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	svc := one(t, d.res, typeService, "s-scanner")
	assert.Equal(t, "EXTERNAL", svc["launchType"])
	for _, k := range []string{"capacityProviderStrategies", "networkConfiguration", "loadBalancers"} {
		assert.NotContains(t, svc, k, "ECS Anywhere has no %s", k)
	}
	assert.Equal(t, map[string]any{"enable": true, "rollback": true}, svc["deploymentCircuitBreaker"])
	assert.Equal(t, true, svc["enableExecuteCommand"])

	td := one(t, d.res, typeTaskDefinition, "s-scanner")
	assert.Equal(t, []any{"EXTERNAL"}, td["requiresCompatibilities"])
	assert.Equal(t, "bridge", td["networkMode"])
	_, hasTarget := d.res.Named(typeTargetGroup, "s-scanner")
	assert.False(t, hasTarget)
	_, hasRepo := d.res.Named(typeRepository, "s-scanner")
	assert.False(t, hasRepo, "an external image needs no repository")
}

func TestEveryServiceAutoscalesOnCPU(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	for _, s := range testServices() {
		target := one(t, d.res, typeScalingTarget, "s-"+s.Name)
		assert.Equal(t, "service/c/s-"+s.Name, target["resourceId"])
		assert.Equal(t, "ecs:service:DesiredCount", target["scalableDimension"])
		assert.Equal(t, float64(s.MinCount), target["minCapacity"], s.Name)
		assert.Equal(t, float64(s.MaxCount), target["maxCapacity"], s.Name)

		policy := one(t, d.res, typeScalingPolicy, "s-"+s.Name+"-cpu")
		assert.Equal(t, "TargetTrackingScaling", policy["policyType"])
		tracking := policy["targetTrackingScalingPolicyConfiguration"].(map[string]any)
		assert.Equal(t, float64(s.TargetCPUPercent), tracking["targetValue"], s.Name)
		assert.Equal(t, "ECSServiceAverageCPUUtilization", tracking["predefinedMetricSpecification"].(map[string]any)["predefinedMetricType"])
	}
}

func TestExecutionRoleReadsOnlyItsRepositoryLogsAndSecrets(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	statements := policyStatements(t, d.res, "s-claims-api-execution")
	g := grants(statements)
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:s-claims-api"}, g["ecr:BatchGetImage"])
	// (The mocks build a log group's ARN from its type's module: cloudwatch.)
	assert.Equal(t, []string{"arn:aws:cloudwatch:us-east-1:123456789012:s-claims-api:*"}, g["logs:PutLogEvents"])
	assert.Equal(t, []string{testSecret, testDBSecret}, g["secretsmanager:GetSecretValue"], "its configured secret and the database secret, nothing else")
	assert.Equal(t, []string{testDBKey}, g["kms:Decrypt"])
	for _, s := range statements {
		if s.Action[0] == "kms:Decrypt" {
			assert.Equal(t, "secretsmanager.us-east-1.amazonaws.com", s.Condition["StringEquals"]["kms:ViaService"], "the key only through Secrets Manager")
		}
	}

	scanner := grants(policyStatements(t, d.res, "s-scanner-execution"))
	assert.NotContains(t, scanner, "ecr:BatchGetImage", "an external image needs no ECR access")
	assert.NotContains(t, scanner, "secretsmanager:GetSecretValue", "no database, no secrets")
	assert.NotContains(t, scanner, "kms:Decrypt")
}

func TestTaskRoleReachesOnlyTheFileBucketAndItsKey(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	reader := grants(policyStatements(t, d.res, "s-claims-api-task"))
	assert.Equal(t, map[string][]string{
		"s3:ListBucket": {testBucket},
		"s3:GetObject":  {testBucket + "/*"},
		"kms:Decrypt":   {testBucketKey},
	}, reader, "read access: list, get, decrypt")

	writer := grants(policyStatements(t, d.res, "s-scanner-task"))
	assert.Equal(t, []string{testBucket + "/*"}, writer["s3:PutObject"])
	assert.Equal(t, []string{testBucket + "/*"}, writer["s3:DeleteObject"])
	assert.Equal(t, []string{testBucketKey}, writer["kms:GenerateDataKey"])
	assert.ElementsMatch(t, []string{testBucketKey, "arn:aws:kms:us-east-1:123456789012:c"}, writer["kms:Decrypt"], "the file key, and the cluster key for ECS Exec")
	assert.Equal(t, []string{"arn:aws:cloudwatch:us-east-1:123456789012:c-exec:*"}, writer["logs:PutLogEvents"], "exec sessions log to the cluster's group")
}

func TestServiceWithoutFilesOrExecHasAnEmptyTaskRole(t *testing.T) {
	args := testServicesArgs()
	args.Services = args.Services[:1]
	args.Services[0].Files = FilesNone
	d := run(t, testClusterArgs(), args, plan.Up)
	_, ok := d.res.Named(typeRole, "s-claims-api-task")
	assert.True(t, ok)
	_, ok = d.res.Named(typeRolePolicy, "s-claims-api-task")
	assert.False(t, ok, "no permissions at all")
}

func TestServicePortsOpenOnlyFromTheLoadBalancer(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	in := one(t, d.res, typeIngress, "s-tasks-8080-from-alb")
	assert.Equal(t, "c-tasks_id", in["securityGroupId"])
	assert.Equal(t, "c-alb_id", in["referencedSecurityGroupId"])
	assert.NotContains(t, in, "cidrIpv4")
	out := one(t, d.res, typeEgress, "s-alb-8080-to-tasks")
	assert.Equal(t, "c-alb_id", out["securityGroupId"])
	assert.Equal(t, "c-tasks_id", out["referencedSecurityGroupId"])
	_, ok := d.res.Named(typeIngress, "s-tasks-9000-from-alb")
	assert.False(t, ok, "the on-premises service's port is not opened in AWS")
}

func TestServicesLogToTheirOwnEncryptedGroup(t *testing.T) {
	d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	for _, s := range testServices() {
		group, ok := d.res.Named(typeLogGroup, "s-"+s.Name)
		require.True(t, ok, s.Name)
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group.Props()["kmsKeyId"])
		assert.Equal(t, float64(365), group.Props()["retentionInDays"])
		assert.True(t, group.RetainOnDelete, "kept through a destroy when protected")

		var defs []containerDefinition
		require.NoError(t, json.Unmarshal([]byte(one(t, d.res, typeTaskDefinition, "s-"+s.Name)["containerDefinitions"].(string)), &defs))
		require.Len(t, defs, 1)
		assert.Equal(t, "s-"+s.Name, defs[0].LogConfiguration.Options["awslogs-group"])
	}
}

func TestServicesArgsAreValidated(t *testing.T) {
	cases := []struct {
		name    string
		mutate  func(a *ServicesArgs, c *ClusterArgs)
		wantErr string
	}{
		{"the database without its secret", func(a *ServicesArgs, _ *ClusterArgs) { a.DatabaseSecretArn = nil }, `"claims-api" uses the database`},
		{"files without the bucket", func(a *ServicesArgs, _ *ClusterArgs) { a.FileBucketKmsKeyArn = nil }, `"claims-api" uses the file bucket`},
		{"on premises without ECS Anywhere", func(_ *ServicesArgs, c *ClusterArgs) { c.Anywhere = AnywhereSettings{} }, `"scanner" runs on premises`},
		{"a name twice", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[1].Name = "claims-api" }, "declared twice"},
		{"both an image and a tag", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[0].Image = "nginx:1.27" }, "exactly one of Image and ImageTag"},
		{"desired above max", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[0].DesiredCount = 7 }, "min <= desired <= max"},
		{"no health check behind the load balancer", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[0].HealthCheckPath = "" }, "health check path"},
		{"an unknown file access", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[0].Files = "append" }, `unknown file access "append"`},
		{"no image retention", func(a *ServicesArgs, _ *ClusterArgs) { a.KeepImages = 0 }, "KeepImages"},
		{"ECS Exec on a read-only root", func(a *ServicesArgs, _ *ClusterArgs) { a.Services[1].ReadonlyRootFilesystem = true }, "ECS Exec needs a writable root"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args, cluster := testServicesArgs(), testClusterArgs()
			tc.mutate(args, cluster)
			_, err := declare(cluster, args, plan.Preview)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "compute: services s: ")
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestDeploymentBoundsFollowWhereTheServiceRuns(t *testing.T) {
	cases := []struct {
		name                string
		svc                 Service
		wantMin, wantMaxPct int
	}{
		{"in AWS: start new tasks before stopping old ones", Service{MinCount: 1}, 100, 200},
		{"on premises, several tasks: half at a time", Service{OnPrem: true, MinCount: 2}, 50, 100},
		{"on premises, maybe one task: replace it", Service{OnPrem: true, MinCount: 1}, 0, 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			minHealthy, maximum := deploymentPercents(tc.svc)
			assert.Equal(t, tc.wantMin, minHealthy)
			assert.Equal(t, tc.wantMaxPct, maximum)
		})
	}
}
