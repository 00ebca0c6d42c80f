package compute

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// testPlacement is a cluster's placement as plain values, for the builder tests.
var testPlacement = placement{
	clusterARN: pulumi.String("arn:cluster"), capacityProviderName: pulumi.String("cp"),
	subnetIDs: pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b")}, taskSecurityGroupID: pulumi.String("sg-tasks"),
}

// statement is one statement of an IAM policy document, as the tests read it.
type statement struct {
	Effect    string
	Action    []string
	Resource  []string
	Condition map[string]map[string]string
}

// grants maps each action of the role policy named name to the resources it is allowed on.
func grants(t *testing.T, res *plan.Result, name string) (map[string][]string, []statement) {
	t.Helper()
	var doc struct{ Statement []statement }
	require.NoError(t, json.Unmarshal([]byte(plantest.Named(t, res, token.IAMRolePolicy, name).Props()["policy"].(string)), &doc))
	out := map[string][]string{}
	for _, s := range doc.Statement {
		for _, a := range s.Action {
			out[a] = append(out[a], s.Resource...)
		}
	}
	return out, doc.Statement
}

func TestServiceArgsFollowWhereTheServiceRuns(t *testing.T) {
	t.Run("in AWS: on the capacity provider, in the app subnets, behind its target group", func(t *testing.T) {
		args := serviceArgs(testService("claims-api"), testPlacement, pulumi.String("arn:td"), pulumi.String("arn:tg"))
		assert.Nil(t, args.LaunchType, "the capacity provider strategy places it")
		assert.Equal(t, pulumi.String("arn:cluster"), args.Cluster)
		assert.Equal(t, pulumi.String("arn:td"), args.TaskDefinition)
		assert.Equal(t, ecs.ServiceCapacityProviderStrategyArray{
			ecs.ServiceCapacityProviderStrategyArgs{CapacityProvider: pulumi.String("cp"), Weight: pulumi.Int(1)},
		}, args.CapacityProviderStrategies)
		assert.Equal(t, &ecs.ServiceNetworkConfigurationArgs{
			Subnets: testPlacement.subnetIDs, SecurityGroups: pulumi.StringArray{pulumi.String("sg-tasks")}, AssignPublicIp: pulumi.Bool(false),
		}, args.NetworkConfiguration, "no public IP, the task security group")
		assert.Equal(t, ecs.ServiceLoadBalancerArray{ecs.ServiceLoadBalancerArgs{
			TargetGroupArn: pulumi.String("arn:tg"), ContainerName: pulumi.String("claims-api"), ContainerPort: pulumi.Int(8080),
		}}, args.LoadBalancers)
		assert.Equal(t, pulumi.Int(100), args.DeploymentMinimumHealthyPercent, "new tasks start before old ones stop")
		assert.Equal(t, pulumi.Int(200), args.DeploymentMaximumPercent)
		assert.Equal(t, pulumi.String("ENABLED"), args.AvailabilityZoneRebalancing)
		assert.Equal(t, &ecs.ServiceDeploymentCircuitBreakerArgs{Enable: pulumi.Bool(true), Rollback: pulumi.Bool(true)}, args.DeploymentCircuitBreaker)
		assert.Equal(t, pulumi.Bool(false), args.EnableExecuteCommand)
		assert.Equal(t, pulumi.Bool(true), args.WaitForSteadyState, "a deployment that never stabilises fails pulumi up")
	})
	t.Run("on premises: EXTERNAL, without load balancer or awsvpc", func(t *testing.T) {
		args := serviceArgs(testService("scanner"), testPlacement, pulumi.String("arn:td"), nil)
		assert.Equal(t, pulumi.String("EXTERNAL"), args.LaunchType)
		assert.Nil(t, args.CapacityProviderStrategies)
		assert.Nil(t, args.NetworkConfiguration, "ECS Anywhere has no awsvpc")
		assert.Nil(t, args.LoadBalancers)
		assert.Nil(t, args.HealthCheckGracePeriodSeconds)
		assert.Equal(t, pulumi.Int(0), args.DeploymentMinimumHealthyPercent, "one task per host, and a minimum of one")
		assert.Equal(t, &ecs.ServiceDeploymentCircuitBreakerArgs{Enable: pulumi.Bool(true), Rollback: pulumi.Bool(true)}, args.DeploymentCircuitBreaker)
		assert.Equal(t, pulumi.Bool(true), args.EnableExecuteCommand)
		assert.Equal(t, pulumi.Bool(true), args.WaitForSteadyState)
	})
}

func TestTaskDefinitionArgsFollowWhereTheServiceRuns(t *testing.T) {
	cases := []struct {
		service, networkMode, compatibility string
	}{
		{"claims-api", "awsvpc", "EC2"},
		{"scanner", "bridge", "EXTERNAL"},
	}
	for _, tc := range cases {
		t.Run(tc.service, func(t *testing.T) {
			svc := testService(tc.service)
			td := taskDefinitionArgs("s-"+tc.service, svc, pulumi.String("[]"), pulumi.String("arn:execution"), pulumi.String("arn:task"))
			assert.Equal(t, pulumi.String("s-"+tc.service), td.Family)
			assert.Equal(t, pulumi.String(tc.networkMode), td.NetworkMode)
			assert.Equal(t, pulumi.StringArray{pulumi.String(tc.compatibility)}, td.RequiresCompatibilities)
			assert.Equal(t, pulumi.String(strconv.Itoa(svc.CPU)), td.Cpu)
			assert.Equal(t, pulumi.String(strconv.Itoa(svc.MemoryMiB)), td.Memory)
			assert.Equal(t, pulumi.String("arn:execution"), td.ExecutionRoleArn)
			assert.Equal(t, pulumi.String("arn:task"), td.TaskRoleArn)
			assert.Equal(t, ecs.TaskDefinitionVolumeArray{ecs.TaskDefinitionVolumeArgs{Name: pulumi.String(tmpVolume)}}, td.Volumes, "a writable /tmp")
			assert.Equal(t, pulumi.Bool(true), td.SkipDestroy, "the previous revision stays registered: the circuit breaker's rollback target")
		})
	}
}

func TestTargetGroupProbesTheHealthCheckPathUnderANameThatFits(t *testing.T) {
	tg := targetGroupArgs("s-claims-api", testService("claims-api"), pulumi.String("vpc-1"))
	assert.Equal(t, pulumi.String("s-claims-api-8080"), tg.Name, "explicit: an autoname would not fit 32 characters")
	assert.Equal(t, pulumi.String("ip"), tg.TargetType, "awsvpc tasks register their own ENI")
	assert.Equal(t, pulumi.Int(8080), tg.Port)
	assert.Equal(t, pulumi.String("vpc-1"), tg.VpcId)
	hc := tg.HealthCheck.(*lb.TargetGroupHealthCheckArgs)
	assert.Equal(t, pulumi.String("/health"), hc.Path)
	assert.Equal(t, pulumi.String("traffic-port"), hc.Port)
}

func TestEveryRepositoryIsImmutableScannedEncryptedAndExpiresOldImages(t *testing.T) {
	res, d := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	repos := plantest.Every(t, res, token.ECRRepository, 1)
	require.Len(t, repos, 1, "only the service built here (ImageTag) gets a repository")
	for _, r := range repos {
		p := r.Props()
		assert.Equal(t, "IMMUTABLE", p["imageTagMutability"], r.Name)
		assert.Equal(t, map[string]any{"scanOnPush": true}, p["imageScanningConfiguration"], r.Name)
		assert.Equal(t, []any{map[string]any{"encryptionType": "KMS", "kmsKey": testClusterKey}}, p["encryptionConfigurations"], r.Name)
		assert.True(t, r.Protect, "%s: images are kept through a destroy when protected", r.Name)
		assert.Equal(t, false, p["forceDelete"], r.Name)
	}
	lifecycle := plantest.Named(t, res, token.ECRLifecyclePolicy, "s-claims-api").Props()
	assert.Equal(t, "s-claims-api", lifecycle["repository"])
	// Issue 15: only untagged images expire, so no rule removes a tag a service still runs.
	assert.JSONEq(t, `{"rules":[{"rulePriority":1,"description":"Keep the newest 30 untagged images; never expire a tag","selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}`,
		lifecycle["policy"].(string))

	url := plantest.Await(t, d.services.RepositoryURLs["claims-api"])
	assert.Equal(t, "123456789012.dkr.ecr.us-east-1.amazonaws.com/s-claims-api", url.Value)
	assert.NotContains(t, d.services.RepositoryURLs, "scanner", "an external image has no repository")
}

func TestServicesAreWiredToTheClusterAndTheirRoutes(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	svc := plantest.Named(t, res, token.ECSService, "s-claims-api").Props()
	assert.Equal(t, "arn:aws:ecs:us-east-1:123456789012:c", svc["cluster"])
	assert.Equal(t, "arn:aws:ecs:us-east-1:123456789012:s-claims-api", svc["taskDefinition"])
	assert.Equal(t, []any{map[string]any{"capacityProvider": "c", "weight": float64(1)}}, svc["capacityProviderStrategies"])
	assert.Equal(t, []any{"c-tasks_id"}, svc["networkConfiguration"].(map[string]any)["securityGroups"])
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:s-claims-api", svc["loadBalancers"].([]any)[0].(map[string]any)["targetGroupArn"])
	assert.Equal(t, "EXTERNAL", plantest.Named(t, res, token.ECSService, "s-scanner").Props()["launchType"])

	td := plantest.Named(t, res, token.ECSTaskDefinition, "s-claims-api").Props()
	assert.Equal(t, "arn:aws:iam::123456789012:s-claims-api-execution", td["executionRoleArn"])
	assert.Equal(t, "arn:aws:iam::123456789012:s-claims-api-task", td["taskRoleArn"])
	assert.Equal(t, "vpc-1", plantest.Named(t, res, token.LBTargetGroup, "s-claims-api").Props()["vpcId"])

	rule := plantest.Named(t, res, token.LBListenerRule, "s-claims-api").Props()
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:c-https", rule["listenerArn"])
	assert.Equal(t, []any{map[string]any{"pathPattern": map[string]any{"values": []any{"/claims-api", "/claims-api/*"}}}}, rule["conditions"])
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:s-claims-api", rule["actions"].([]any)[0].(map[string]any)["targetGroupArn"])

	for _, name := range []string{"s-scanner"} {
		_, ok := res.Named(token.LBTargetGroup, name)
		assert.False(t, ok, "%s: on premises, no target group", name)
		_, ok = res.Named(token.ECRRepository, name)
		assert.False(t, ok, "%s: an external image needs no repository", name)
	}
}

func TestEveryServiceAutoscalesOnCPU(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	assert.Len(t, plantest.Every(t, res, token.AppAutoScalingTarget, 2), 2)
	for name, s := range testServices() {
		target := plantest.Named(t, res, token.AppAutoScalingTarget, "s-"+name).Props()
		assert.Equal(t, "service/c/s-"+name, target["resourceId"])
		assert.Equal(t, "ecs:service:DesiredCount", target["scalableDimension"])
		assert.Equal(t, float64(s.MinCount), target["minCapacity"], name)
		assert.Equal(t, float64(s.MaxCount), target["maxCapacity"], name)

		policy := plantest.Named(t, res, token.AppAutoScalingPolicy, "s-"+name+"-cpu").Props()
		assert.Equal(t, "TargetTrackingScaling", policy["policyType"])
		tracking := policy["targetTrackingScalingPolicyConfiguration"].(map[string]any)
		assert.Equal(t, float64(s.TargetCPUPercent), tracking["targetValue"], name)
		assert.Equal(t, "ECSServiceAverageCPUUtilization", tracking["predefinedMetricSpecification"].(map[string]any)["predefinedMetricType"])
	}
}

func TestExecutionRoleReadsOnlyItsRepositoryLogsAndSecrets(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	g, statements := grants(t, res, "s-claims-api-execution")
	assert.Equal(t, []string{"arn:aws:ecr:us-east-1:123456789012:s-claims-api"}, g["ecr:BatchGetImage"])
	// (The mocks build a log group's ARN from its type's module: cloudwatch.)
	assert.Equal(t, []string{"arn:aws:logs:us-east-1:123456789012:log-group:s-claims-api:*"}, g["logs:PutLogEvents"])
	assert.Equal(t, []string{testSecret}, g["secretsmanager:GetSecretValue"], "its configured secret, and never the database master secret")
	assert.NotContains(t, g, "kms:Decrypt", "no database secret to decrypt")
	assert.Len(t, statements, 4, "ecr token, ecr pull, logs, secrets")

	scanner, _ := grants(t, res, "s-scanner-execution")
	cached := "arn:aws:ecr:us-east-1:123456789012:repository/ghcr/insurer/scanner"
	for _, action := range []string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability", "ecr:CreateRepository", "ecr:BatchImportUpstreamImage"} {
		assert.Equal(t, []string{cached}, scanner[action], "%s only on the image's cached repository: its first pull creates it and imports the image", action)
	}
	assert.Equal(t, []string{"*"}, scanner["ecr:GetAuthorizationToken"])
	assert.NotContains(t, scanner, "secretsmanager:GetSecretValue", "no database, no secrets")
	assert.NotContains(t, scanner, "kms:Decrypt")
}

func TestTaskRoleReachesOnlyItsPrefixOfTheFileBucketAndItsKeyThroughS3(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	reader := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "s-claims-api-task").Props()["policy"])
	assert.Len(t, reader, 4, "read access: list, get, decrypt; and its own database role")
	assert.Equal(t, []any{"s3:ListBucket"}, reader["ListOwnPrefix"]["Action"])
	assert.Equal(t, []any{testBucket}, reader["ListOwnPrefix"]["Resource"])
	assert.Equal(t, map[string]any{"StringLike": map[string]any{"s3:prefix": "claims/*"}}, reader["ListOwnPrefix"]["Condition"], "it lists only its own prefix")
	assert.Equal(t, []any{"s3:GetObject"}, reader["OwnPrefixObjects"]["Action"])
	assert.Equal(t, []any{testBucket + "/claims/*"}, reader["OwnPrefixObjects"]["Resource"])
	assert.Equal(t, []any{"kms:Decrypt"}, reader["BucketKeyThroughS3"]["Action"])
	assert.Equal(t, []any{testBucketKey}, reader["BucketKeyThroughS3"]["Resource"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:ViaService": "s3.us-east-1.amazonaws.com"}}, reader["BucketKeyThroughS3"]["Condition"])
	assert.Equal(t, []any{"rds-db:connect"}, reader["ConnectAsOwnDatabaseRole"]["Action"])
	assert.Equal(t, []any{"arn:aws:rds-db:us-east-1:123456789012:dbuser:" + testDBResource + "/svc_claims_api"}, reader["ConnectAsOwnDatabaseRole"]["Resource"])

	writer, _ := grants(t, res, "s-scanner-task")
	assert.Equal(t, []string{testBucket + "/documents/*"}, writer["s3:PutObject"])
	assert.Equal(t, []string{testBucket + "/documents/*"}, writer["s3:GetObject"])
	assert.NotContains(t, writer, "s3:DeleteObject", "the scanner adds documents; it deletes nothing")
	assert.Equal(t, []string{testBucketKey}, writer["kms:GenerateDataKey"])
	assert.ElementsMatch(t, []string{testBucketKey, testExecKey}, writer["kms:Decrypt"], "the file key, and the exec key for ECS Exec, never the cluster key")
	assert.Equal(t, []string{"arn:aws:logs:us-east-1:123456789012:log-group:c-exec:*"}, writer["logs:PutLogEvents"], "exec sessions log to the cluster's group")
}

func TestAServiceWithFilesNeedsAPrefixOfItsOwn(t *testing.T) {
	for prefix, ok := range map[string]bool{"claims/": true, "": false, "/claims/": false, "claims": false, "cl*/": false} {
		err := spec.CheckFilesPrefix(spec.FilesRead, prefix)
		assert.Equal(t, ok, err == nil, "%q: %v", prefix, err)
	}
	assert.Error(t, spec.CheckFilesPrefix(spec.FilesNone, "claims/"), "a prefix without access is a mistake")
	assert.NoError(t, spec.CheckFilesPrefix(spec.FilesNone, ""))
}

func TestServiceWithoutFilesDatabaseOrExecHasAnEmptyTaskRole(t *testing.T) {
	args := testServicesArgs()
	svc := args.Settings.Services["claims-api"]
	svc.Files, svc.FilesPrefix, svc.Database = spec.FilesNone, "", false
	args.Settings.Services = map[string]Service{"claims-api": svc}
	res, _ := run(t, testClusterArgs(), args, plan.Up)
	plantest.Named(t, res, token.IAMRole, "s-claims-api-task")
	_, ok := res.Named(token.IAMRolePolicy, "s-claims-api-task")
	assert.False(t, ok, "no permissions at all")
}

func TestServicePortsOpenOnlyFromTheLoadBalancer(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	in := plantest.Named(t, res, token.VPCSecurityGroupIngressRule, "s-tasks-8080-from-alb").Props()
	assert.Equal(t, "c-tasks_id", in["securityGroupId"])
	assert.Equal(t, "c-alb_id", in["referencedSecurityGroupId"])
	assert.NotContains(t, in, "cidrIpv4")
	out := plantest.Named(t, res, token.VPCSecurityGroupEgressRule, "s-alb-8080-to-tasks").Props()
	assert.Equal(t, "c-alb_id", out["securityGroupId"])
	assert.Equal(t, "c-tasks_id", out["referencedSecurityGroupId"])
	_, ok := res.Named(token.VPCSecurityGroupIngressRule, "s-tasks-9000-from-alb")
	assert.False(t, ok, "the on-premises service's port is not opened in AWS")
}

func TestServicesLogToTheirOwnEncryptedGroupKeptWhenProtected(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testServicesArgs()
		args.Settings.Protect = protect
		res, _ := run(t, testClusterArgs(), args, plan.Up)
		for name := range testServices() {
			group := plantest.Named(t, res, token.CloudWatchLogGroup, "s-"+name)
			assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group.Props()["kmsKeyId"])
			assert.Equal(t, float64(365), group.Props()["retentionInDays"])
			assert.Equal(t, protect, group.RetainOnDelete, "%s: kept through a destroy when protected", name)

			var defs []containerDefinition
			require.NoError(t, json.Unmarshal([]byte(plantest.Named(t, res, token.ECSTaskDefinition, "s-"+name).Props()["containerDefinitions"].(string)), &defs))
			require.Len(t, defs, 1)
			assert.Equal(t, "s-"+name, defs[0].LogConfiguration.Options["awslogs-group"])
		}
		repo := plantest.Named(t, res, token.ECRRepository, "s-claims-api")
		assert.Equal(t, protect, repo.Protect)
		assert.Equal(t, !protect, repo.Props()["forceDelete"], "unprotected, a destroy deletes the images")
	}
}

func TestNewServicesRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Preview, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Services, error) {
		return NewServices(ctx, "s", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "compute: services s: args are required")

	edit := func(name string, change func(s *Service)) func(*ServicesArgs, *ClusterArgs) {
		return func(a *ServicesArgs, _ *ClusterArgs) {
			s := a.Settings.Services[name]
			change(&s)
			a.Settings.Services[name] = s
		}
	}
	writable, readonly := false, true
	cases := []struct {
		name    string
		mutate  func(a *ServicesArgs, c *ClusterArgs)
		wantErr string
	}{
		{"the database without its endpoint", func(a *ServicesArgs, _ *ClusterArgs) { a.Database = nil }, `"claims-api": it uses the database`},
		{"the database without its resource id", func(a *ServicesArgs, _ *ClusterArgs) { a.Database.ResourceID = nil }, `"claims-api": it uses the database`},
		{"files without the bucket", func(a *ServicesArgs, _ *ClusterArgs) { a.FileBucketKeyARN = nil }, `"claims-api": it uses the file bucket`},
		{"on premises without ECS Anywhere", func(_ *ServicesArgs, c *ClusterArgs) { c.Settings.Anywhere = AnywhereSettings{} }, `"scanner": on-premises services need ECS Anywhere`},
		{"both an image and a tag", edit("claims-api", func(s *Service) { s.Image = "nginx:1.27" }), "set image or imageTag, not both"},
		{"desired above max", edit("claims-api", func(s *Service) { s.DesiredCount = 7 }), "DesiredCount: 7 is outside MinCount..MaxCount (2-6)"},
		{"no port", edit("claims-api", func(s *Service) { s.Port = 0 }), "Port: 0 is outside 1-65535"},
		{"no health check behind the load balancer", edit("claims-api", func(s *Service) { s.HealthCheckPath = "" }), `HealthCheckPath: "" is not a path`},
		{"an unknown file access", edit("claims-api", func(s *Service) { s.Files = "append" }), `Files: unknown file access "append"`},
		{"no file access at all", edit("claims-api", func(s *Service) { s.Files = "" }), `Files: unknown file access ""`},
		{"no image retention", func(a *ServicesArgs, _ *ClusterArgs) { a.Settings.ECR.KeepImages = 0 }, "ECR.KeepImages"},
		{"no log retention", func(a *ServicesArgs, _ *ClusterArgs) { a.Settings.LogRetentionDays = 0 }, "a log retention is required"},
		{"ECS Exec on a read-only root", edit("scanner", func(s *Service) { s.ReadonlyRootFilesystem = &readonly }), "ECS Exec does not work on a read-only root"},
		{"a role name too long", func(a *ServicesArgs, _ *ClusterArgs) {
			a.Settings.Services["claims-adjudication-engine-v2-with-a-long-name"] = a.Settings.Services["claims-api"]
		}, "longer than IAM's 64 characters"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args, cluster := testServicesArgs(), testClusterArgs()
			tc.mutate(args, cluster)
			err := runErr(cluster, args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "compute: services s: ")
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}

	args := testServicesArgs()
	edit("scanner", func(s *Service) { s.ReadonlyRootFilesystem = &writable })(args, nil)
	assert.NoError(t, runErr(testClusterArgs(), args), "ECS Exec on a writable root is fine")
}

func TestReadonlyRootDefaultsToTheOppositeOfExec(t *testing.T) {
	on, off := true, false
	assert.True(t, Service{}.ReadonlyRoot(), "read-only unless asked otherwise")
	assert.False(t, Service{Exec: true}.ReadonlyRoot(), "ECS Exec's SSM agent writes to the root")
	assert.False(t, Service{ReadonlyRootFilesystem: &off}.ReadonlyRoot())
	assert.True(t, Service{Exec: true, ReadonlyRootFilesystem: &on}.ReadonlyRoot(), "as set, even where config refuses it")
}

func TestServiceRolesTrustOnlyThisAccountsECSInTheRegion(t *testing.T) {
	res, _ := run(t, testClusterArgs(), testServicesArgs(), plan.Up)
	for _, role := range []string{"s-claims-api-execution", "s-claims-api-task", "s-scanner-execution", "s-scanner-task"} {
		trust := plantest.Trust(t, plantest.Named(t, res, token.IAMRole, role).Props()["assumeRolePolicy"])
		assert.Equal(t, map[string]any{"Service": "ecs-tasks.amazonaws.com"}, trust["Principal"], role)
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ecs:us-east-1:123456789012:*"},
		}, trust["Condition"], role)
	}
}

func TestAnUpFailsWhenTheCircuitBreakerRolledTheDeploymentBack(t *testing.T) {
	const declared = "arn:aws:ecs:us-east-1:123456789012:task-definition/s-claims-api:8"
	got, err := deployedRevision("claims-api", declared, declared)
	require.NoError(t, err)
	assert.Equal(t, declared, got)
	_, err = deployedRevision("claims-api", declared, "s-claims-api:8")
	assert.NoError(t, err, "the API may name the revision by family:revision")
	_, err = deployedRevision("claims-api", declared, "arn:aws:ecs:us-east-1:123456789012:task-definition/s-claims-api:7")
	assert.ErrorContains(t, err, "service claims-api runs arn:aws:ecs:us-east-1:123456789012:task-definition/s-claims-api:7, not the task definition this up declared")

	for _, mode := range plantest.Modes {
		res, d := run(t, testClusterArgs(), testServicesArgs(), mode)
		require.Contains(t, d.services.DeployedTaskDefinitions, "claims-api", mode)
		if mode == plan.Up {
			assert.Equal(t, plantest.Named(t, res, token.ECSService, "s-claims-api").Props()["taskDefinition"],
				plantest.Await(t, d.services.DeployedTaskDefinitions["claims-api"]).Value, "an up that deployed what it declared passes the check")
		}
	}
}
