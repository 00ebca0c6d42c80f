package compute

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/dbuser"
	"github.com/insurance/hybridcloud/internal/deploy/ecrtemplate"
)

const (
	// healthCheckGraceSeconds lets a new task start before failed health checks count against it.
	healthCheckGraceSeconds = 60
	// Autoscaling reacts to load within a minute and gives capacity back slowly.
	scaleOutCooldownSeconds = 60
	scaleInCooldownSeconds  = 300
)

// declareService declares one service: its repository, log group, roles, task definition, route, ECS
// service and autoscaling. Child names start with name-<service>, so a service's resources keep their names
// when others are added or removed.
func (s *Services) declareService(ctx *pulumi.Context, name string, svc namedService, args *ServicesArgs, parent pulumi.ResourceOption) error {
	p, settings := args.Cluster.placement, args.Settings
	prefix := name + "-" + svc.Name

	image, cachedARN, dependsOn, err := p.cachedImage(svc)
	if err != nil {
		return err
	}
	repositoryARN := pulumi.String("").ToStringOutput()
	if repo, ok := args.Repositories[svc.Name]; ok && svc.ImageTag != "" {
		image, repositoryARN = pulumi.Sprintf("%s:%s", repo.URL, svc.ImageTag), repo.ARN
	} else if svc.ImageTag != "" {
		repo, err := declareRepository(ctx, prefix, settings, p.keyARN, parent)
		if err != nil {
			return err
		}
		s.RepositoryURLs[svc.Name] = repo.RepositoryUrl
		image = pulumi.Sprintf("%s:%s", repo.RepositoryUrl, svc.ImageTag)
		repositoryARN = repo.Arn
	}

	logs, err := cloudwatch.NewLogGroup(ctx, prefix, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(settings.LogRetentionDays),
		KmsKeyId:        p.logsKeyARN,
	}, parent, pulumi.RetainOnDelete(settings.Protect))
	if err != nil {
		return err
	}
	execution, executionPolicy, err := declareExecutionRole(ctx, prefix, svc, executionRefs{repositoryARN, cachedARN, logs.Arn}, args, parent)
	if err != nil {
		return err
	}
	task, taskPolicy, err := declareTaskRole(ctx, prefix, svc, args, parent)
	if err != nil {
		return err
	}

	dbHost, dbPort := pulumi.String("").ToStringOutput(), pulumi.Int(0).ToIntOutput()
	if svc.Database {
		dbHost, dbPort = args.Database.Address.ToStringOutput(), args.Database.Port.ToIntOutput()
	}
	containers := pulumi.All(image, logs.Name, dbHost, dbPort).ApplyT(func(v []any) (string, error) {
		rt := containerRuntime{Image: v[0].(string), LogGroup: v[1].(string), Region: p.region}
		if svc.Database {
			rt.Database = &databaseConnection{Host: v[2].(string), Port: v[3].(int), Name: args.Database.Name, User: dbuser.Name(svc.Name)}
		}
		return containerDefinitions(svc, rt)
	}).(pulumi.StringOutput)
	definition, err := ecs.NewTaskDefinition(ctx, prefix, taskDefinitionArgs(prefix, svc, containers, execution.Arn, task.Arn), parent)
	if err != nil {
		return err
	}

	// The service may start only once its execution role can pull and log, and its task role holds the
	// application's file and ECS Exec permissions (a task started before them fails or cannot be exec'd).
	dependsOn = append(dependsOn, executionPolicy)
	if taskPolicy != nil {
		dependsOn = append(dependsOn, taskPolicy)
	}
	var targetGroupARN pulumi.StringInput
	if !svc.OnPrem {
		rule, target, err := declareRoute(ctx, prefix, svc, p, parent)
		if err != nil {
			return err
		}
		dependsOn = append(dependsOn, rule) // ECS refuses a target group no listener uses
		targetGroupARN = target.Arn
	}
	// Autoscaling owns the desired count once the service exists.
	service, err := ecs.NewService(ctx, prefix, serviceArgs(svc, p, definition.Arn, targetGroupARN), parent,
		pulumi.DependsOn(dependsOn), pulumi.IgnoreChanges([]string{"desiredCount"}))
	if err != nil {
		return err
	}
	s.DeployedTaskDefinitions[svc.Name] = pulumi.All(definition.Arn, service.TaskDefinition).ApplyT(func(v []any) (string, error) {
		running := ""
		if r, ok := v[1].(*string); ok && r != nil {
			running = *r
		}
		return deployedRevision(svc.Name, v[0].(string), running)
	}).(pulumi.StringOutput)
	return declareAutoscaling(ctx, prefix, svc, p.clusterName, service.Name, parent)
}

// orEmpty is in, or a known empty string when in is not set (the input is optional).
func orEmpty(in pulumi.StringInput) pulumi.StringOutput {
	if in == nil {
		return pulumi.String("").ToStringOutput()
	}
	return in.ToStringOutput()
}

// taskDefinitionArgs are the service's task definition: awsvpc on the EC2 hosts in AWS, bridge networking
// on ECS Anywhere hosts (which have no awsvpc), and a scratch volume for /tmp.
func taskDefinitionArgs(prefix string, svc namedService, containers, executionRoleARN, taskRoleARN pulumi.StringInput) *ecs.TaskDefinitionArgs {
	networkMode, compatibility := "awsvpc", "EC2"
	if svc.OnPrem {
		networkMode, compatibility = "bridge", "EXTERNAL"
	}
	return &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(prefix),
		ContainerDefinitions:    containers,
		Cpu:                     pulumi.String(strconv.Itoa(svc.CPU)),
		Memory:                  pulumi.String(strconv.Itoa(svc.MemoryMiB)),
		NetworkMode:             pulumi.String(networkMode),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String(compatibility)},
		ExecutionRoleArn:        executionRoleARN,
		TaskRoleArn:             taskRoleARN,
		Volumes:                 ecs.TaskDefinitionVolumeArray{ecs.TaskDefinitionVolumeArgs{Name: pulumi.String(tmpVolume)}},
		// A new revision replaces this one: the old one stays ACTIVE, so the circuit breaker can roll back to
		// it (ECS cannot update a service to an INACTIVE revision, DeregisterTaskDefinition API reference).
		SkipDestroy: pulumi.Bool(true),
	}
}

// serviceArgs are the ECS service of svc: a rolling deployment with a circuit breaker that rolls back, ECS
// Exec as configured, and its tags propagated to the tasks. In AWS it runs on the cluster's capacity
// provider in the app subnets, spread over AZs, behind its target group (targetGroupARN); on premises it
// runs EXTERNAL on ECS Anywhere hosts, and targetGroupARN is nil.
func serviceArgs(svc namedService, p placement, definitionARN, targetGroupARN pulumi.StringInput) *ecs.ServiceArgs {
	minHealthy, maximum := spec.DeploymentPercents(svc.OnPrem, svc.MinCount)
	args := &ecs.ServiceArgs{
		Cluster:        p.clusterARN,
		TaskDefinition: definitionARN,
		DesiredCount:   pulumi.Int(svc.DesiredCount),
		// A deployment whose tasks keep failing stops and rolls back to the last working revision.
		DeploymentCircuitBreaker:        &ecs.ServiceDeploymentCircuitBreakerArgs{Enable: pulumi.Bool(true), Rollback: pulumi.Bool(true)},
		DeploymentMinimumHealthyPercent: pulumi.Int(minHealthy),
		DeploymentMaximumPercent:        pulumi.Int(maximum),
		EnableExecuteCommand:            pulumi.Bool(svc.Exec),
		// `pulumi up` waits until the deployment is stable, so a release whose tasks never start fails the
		// update instead of being rolled back silently minutes later. A rollback the breaker completes within
		// the wait also reads as stable: docs/operations.md says how to check the running revision.
		WaitForSteadyState:   pulumi.Bool(true),
		EnableEcsManagedTags: pulumi.Bool(true),
		PropagateTags:        pulumi.String("SERVICE"),
	}
	if svc.OnPrem {
		args.LaunchType = pulumi.String("EXTERNAL")
		return args
	}
	args.CapacityProviderStrategies = ecs.ServiceCapacityProviderStrategyArray{
		ecs.ServiceCapacityProviderStrategyArgs{CapacityProvider: p.capacityProviderName, Weight: pulumi.Int(1)},
	}
	args.NetworkConfiguration = &ecs.ServiceNetworkConfigurationArgs{
		Subnets:        p.subnetIDs,
		SecurityGroups: pulumi.StringArray{p.taskSecurityGroupID},
		AssignPublicIp: pulumi.Bool(false),
	}
	args.LoadBalancers = ecs.ServiceLoadBalancerArray{
		ecs.ServiceLoadBalancerArgs{TargetGroupArn: targetGroupARN, ContainerName: pulumi.String(svc.Name), ContainerPort: pulumi.Int(svc.Port)},
	}
	args.HealthCheckGracePeriodSeconds = pulumi.Int(healthCheckGraceSeconds)
	args.AvailabilityZoneRebalancing = pulumi.String("ENABLED")
	args.OrderedPlacementStrategies = ecs.ServiceOrderedPlacementStrategyArray{
		ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("spread"), Field: pulumi.String("attribute:ecs.availability-zone")},
		ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("binpack"), Field: pulumi.String("memory")},
	}
	return args
}

// declareAutoscaling keeps the service's average CPU at its target, between its minimum and maximum count.
func declareAutoscaling(ctx *pulumi.Context, prefix string, svc namedService, cluster pulumi.StringInput, service pulumi.StringOutput, parent pulumi.ResourceOption) error {
	target, err := appautoscaling.NewTarget(ctx, prefix, &appautoscaling.TargetArgs{
		ServiceNamespace:  pulumi.String("ecs"),
		ScalableDimension: pulumi.String("ecs:service:DesiredCount"),
		ResourceId:        pulumi.Sprintf("service/%s/%s", cluster, service),
		MinCapacity:       pulumi.Int(svc.MinCount),
		MaxCapacity:       pulumi.Int(svc.MaxCount),
	}, parent)
	if err != nil {
		return err
	}
	_, err = appautoscaling.NewPolicy(ctx, prefix+"-cpu", &appautoscaling.PolicyArgs{
		PolicyType:        pulumi.String("TargetTrackingScaling"),
		ServiceNamespace:  target.ServiceNamespace,
		ScalableDimension: target.ScalableDimension,
		ResourceId:        target.ResourceId,
		TargetTrackingScalingPolicyConfiguration: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationArgs{
			TargetValue: pulumi.Float64(float64(svc.TargetCPUPercent)),
			PredefinedMetricSpecification: &appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs{
				PredefinedMetricType: pulumi.String("ECSServiceAverageCPUUtilization"),
			},
			ScaleOutCooldown: pulumi.Int(scaleOutCooldownSeconds),
			ScaleInCooldown:  pulumi.Int(scaleInCooldownSeconds),
		},
	}, parent)
	return err
}

// cachedImage is where a service's upstream image runs from: the account's pull-through cache, never the
// internet, with the cached repository's ARN and the cache rules a pull needs first. A service of the
// stack's own repository (no Image) gets the empty image, ARN and no dependency.
func (p placement) cachedImage(svc namedService) (image, cachedARN pulumi.StringOutput, dependsOn []pulumi.Resource, err error) {
	image, cachedARN = pulumi.String(svc.Image).ToStringOutput(), pulumi.String("").ToStringOutput()
	if svc.Image == "" {
		return image, cachedARN, nil, nil
	}
	ref, cachePrefix, err := spec.ResolveImage(svc.Image, p.cachePrefixes)
	if err != nil {
		return image, cachedARN, nil, fmt.Errorf("service %q: %w", svc.Name, err)
	}
	repository := ref.CacheRepository(cachePrefix)
	image = pulumi.Sprintf("%s.dkr.ecr.%s.amazonaws.com/%s%s", p.accountID, p.region, repository, ref.Version)
	cachedARN = p.accountID.ToStringOutput().ApplyT(func(account string) string {
		return ecrtemplate.RepositoryARN(p.partition, p.region, account, repository)
	}).(pulumi.StringOutput)
	return image, cachedARN, slices.Clone(p.cacheRules), nil
}

// deployedRevision fails an up whose deployment the circuit breaker rolled back: waiting for steady state
// succeeds on the previous revision too, so the service must run the one it declared (the provider's own
// wait cannot tell, hashicorp/terraform-provider-aws#20858; terraform-aws-modules checks the same with a
// postcondition). The ECS API may report the revision by family:revision or by ARN.
func deployedRevision(service, declared, running string) (string, error) {
	if running == declared || strings.HasSuffix(declared, "/"+running) {
		return running, nil
	}
	return "", fmt.Errorf("service %s runs %s, not the task definition this up declared (%s): the deployment failed and ECS rolled it back; see its events (aws ecs describe-services) and docs/operations.md", service, running, declared)
}
