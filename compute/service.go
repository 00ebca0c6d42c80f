package compute

import (
	"encoding/json"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/appautoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

const (
	// healthCheckGraceSeconds lets a new task start before failed health checks count against it.
	healthCheckGraceSeconds = 60
	// deregistrationDelaySeconds is how long the load balancer lets in-flight requests finish.
	deregistrationDelaySeconds = 30
	// Autoscaling reacts to load within a minute and gives capacity back slowly.
	scaleOutCooldownSeconds = 60
	scaleInCooldownSeconds  = 300
)

// deploymentPercents are the rolling-deployment bounds of s (minimum healthy, maximum, as % of desired).
// In AWS a deployment starts new tasks before stopping old ones. On premises each host serves a service on
// a fixed port, so there is no room for extra tasks: half are replaced at a time, and a service that may
// run a single task is briefly down (ECS rounds the minimum up, so 50% of one task would never progress).
func deploymentPercents(s Service) (minHealthy, maximum int) {
	switch {
	case !s.OnPrem:
		return 100, 200
	case s.MinCount <= 1:
		return 0, 100
	default:
		return 50, 100
	}
}

// routes are the listener rule's path patterns for s: /<name> and everything under it.
func routes(s Service) []string { return []string{"/" + s.Name, "/" + s.Name + "/*"} }

// lifecyclePolicy keeps the newest keep images of a repository and expires the rest.
func lifecyclePolicy(keep int) (string, error) {
	b, err := json.Marshal(map[string]any{"rules": []map[string]any{{
		"rulePriority": 1,
		"description":  "Keep the newest " + strconv.Itoa(keep) + " images",
		"selection":    map[string]any{"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": keep},
		"action":       map[string]any{"type": "expire"},
	}}})
	return string(b), err
}

// orEmpty is in, or a known empty string when in is not set (the input is optional).
func orEmpty(in pulumi.StringInput) pulumi.StringOutput {
	if in == nil {
		return pulumi.String("").ToStringOutput()
	}
	return in.ToStringOutput()
}

// declareService declares one service. Child names start with name-<service>, so a service's resources
// keep their names when others are added or removed.
func (s *Services) declareService(ctx *pulumi.Context, name string, svc Service, args *ServicesArgs, parent pulumi.ResourceOption) error {
	c := args.Cluster
	p := c.placement
	prefix := name + "-" + svc.Name

	image := pulumi.String(svc.Image).ToStringOutput()
	repositoryArn := pulumi.String("").ToStringOutput()
	if svc.ImageTag != "" {
		repo, err := ecr.NewRepository(ctx, prefix, &ecr.RepositoryArgs{
			ImageTagMutability:         pulumi.String("IMMUTABLE"),
			ImageScanningConfiguration: &ecr.RepositoryImageScanningConfigurationArgs{ScanOnPush: pulumi.Bool(true)},
			EncryptionConfigurations: ecr.RepositoryEncryptionConfigurationArray{
				ecr.RepositoryEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: c.KeyArn},
			},
			ForceDelete: pulumi.Bool(!p.protect), // dev: a destroy may delete the images
		}, parent, pulumi.Protect(p.protect))
		if err != nil {
			return err
		}
		policy, err := lifecyclePolicy(args.KeepImages)
		if err != nil {
			return err
		}
		if _, err := ecr.NewLifecyclePolicy(ctx, prefix, &ecr.LifecyclePolicyArgs{Repository: repo.Name, Policy: pulumi.String(policy)}, parent); err != nil {
			return err
		}
		s.RepositoryURLs[svc.Name] = repo.RepositoryUrl
		image = pulumi.Sprintf("%s:%s", repo.RepositoryUrl, svc.ImageTag)
		repositoryArn = repo.Arn
	}

	logs, err := cloudwatch.NewLogGroup(ctx, prefix, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        p.logsKeyArn,
	}, parent, pulumi.RetainOnDelete(p.protect))
	if err != nil {
		return err
	}

	execution, executionPolicy, err := declareExecutionRole(ctx, prefix, svc, repositoryArn, logs.Arn, args, parent)
	if err != nil {
		return err
	}
	task, taskPolicy, err := declareTaskRole(ctx, prefix, svc, args, parent)
	if err != nil {
		return err
	}

	dbSecret := pulumi.String("").ToStringOutput()
	if svc.Database {
		dbSecret = orEmpty(args.DatabaseSecretArn)
	}
	containers := pulumi.All(image, logs.Name, dbSecret).ApplyT(func(v []any) (string, error) {
		return containerDefinitions(svc, containerRuntime{Image: v[0].(string), LogGroup: v[1].(string), Region: p.region, DatabaseSecretArn: v[2].(string)})
	}).(pulumi.StringOutput)
	networkMode, compatibility := "awsvpc", "EC2"
	if svc.OnPrem {
		networkMode, compatibility = "bridge", "EXTERNAL" // ECS Anywhere has no awsvpc
	}
	definition, err := ecs.NewTaskDefinition(ctx, prefix, &ecs.TaskDefinitionArgs{
		Family:                  pulumi.String(prefix),
		ContainerDefinitions:    containers,
		Cpu:                     pulumi.String(strconv.Itoa(svc.CPU)),
		Memory:                  pulumi.String(strconv.Itoa(svc.MemoryMiB)),
		NetworkMode:             pulumi.String(networkMode),
		RequiresCompatibilities: pulumi.StringArray{pulumi.String(compatibility)},
		ExecutionRoleArn:        execution.Arn,
		TaskRoleArn:             task.Arn,
		Volumes:                 ecs.TaskDefinitionVolumeArray{ecs.TaskDefinitionVolumeArgs{Name: pulumi.String(tmpVolume)}},
	}, parent)
	if err != nil {
		return err
	}

	minHealthy, maximum := deploymentPercents(svc)
	service := &ecs.ServiceArgs{
		Cluster:        c.ClusterArn,
		TaskDefinition: definition.Arn,
		DesiredCount:   pulumi.Int(svc.DesiredCount),
		// A deployment whose tasks keep failing stops and rolls back to the last working revision.
		DeploymentCircuitBreaker:        &ecs.ServiceDeploymentCircuitBreakerArgs{Enable: pulumi.Bool(true), Rollback: pulumi.Bool(true)},
		DeploymentMinimumHealthyPercent: pulumi.Int(minHealthy),
		DeploymentMaximumPercent:        pulumi.Int(maximum),
		EnableExecuteCommand:            pulumi.Bool(svc.Exec),
		EnableEcsManagedTags:            pulumi.Bool(true),
		PropagateTags:                   pulumi.String("SERVICE"),
	}
	// The service may start only once its execution role can pull and log, and its task role holds the
	// application's file and ECS Exec permissions (a task started before them fails or cannot be exec'd).
	dependsOn := []pulumi.Resource{executionPolicy}
	if taskPolicy != nil {
		dependsOn = append(dependsOn, taskPolicy)
	}
	if svc.OnPrem {
		service.LaunchType = pulumi.String("EXTERNAL")
	} else {
		rule, target, err := declareRoute(ctx, prefix, svc, args, parent)
		if err != nil {
			return err
		}
		dependsOn = append(dependsOn, rule) // ECS refuses a target group no listener uses
		service.CapacityProviderStrategies = ecs.ServiceCapacityProviderStrategyArray{
			ecs.ServiceCapacityProviderStrategyArgs{CapacityProvider: c.CapacityProviderName, Weight: pulumi.Int(1)},
		}
		service.NetworkConfiguration = &ecs.ServiceNetworkConfigurationArgs{
			Subnets:        p.subnetIDs,
			SecurityGroups: pulumi.StringArray{c.TaskSecurityGroupID},
			AssignPublicIp: pulumi.Bool(false),
		}
		service.LoadBalancers = ecs.ServiceLoadBalancerArray{
			ecs.ServiceLoadBalancerArgs{TargetGroupArn: target.Arn, ContainerName: pulumi.String(svc.Name), ContainerPort: pulumi.Int(svc.Port)},
		}
		service.HealthCheckGracePeriodSeconds = pulumi.Int(healthCheckGraceSeconds)
		service.AvailabilityZoneRebalancing = pulumi.String("ENABLED")
		service.OrderedPlacementStrategies = ecs.ServiceOrderedPlacementStrategyArray{
			ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("spread"), Field: pulumi.String("attribute:ecs.availability-zone")},
			ecs.ServiceOrderedPlacementStrategyArgs{Type: pulumi.String("binpack"), Field: pulumi.String("memory")},
		}
	}
	// Autoscaling owns the desired count once the service exists.
	ecsService, err := ecs.NewService(ctx, prefix, service, parent, pulumi.DependsOn(dependsOn), pulumi.IgnoreChanges([]string{"desiredCount"}))
	if err != nil {
		return err
	}
	return declareAutoscaling(ctx, prefix, svc, c.ClusterName, ecsService.Name, parent)
}

// declareExecutionRole declares the role ECS uses to start the service's tasks, with exactly the access
// executionStatements grants.
func declareExecutionRole(ctx *pulumi.Context, prefix string, svc Service, repositoryArn, logGroupArn pulumi.StringOutput, args *ServicesArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	p := args.Cluster.placement
	role, err := iam.NewRole(ctx, prefix+"-execution", &iam.RoleArgs{
		Description:      pulumi.String("Starts " + prefix + " tasks: image pull, logs, secrets"),
		AssumeRolePolicy: iamdoc.AssumeRole("ecs-tasks.amazonaws.com", p.accountID),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	dbSecret, dbKey := pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if svc.Database {
		dbSecret, dbKey = orEmpty(args.DatabaseSecretArn), orEmpty(args.DatabaseKeyArn)
	}
	doc := pulumi.All(repositoryArn, logGroupArn, dbSecret, dbKey).ApplyT(func(v []any) (string, error) {
		secrets := make([]string, 0, len(svc.Secrets)+1)
		for _, arn := range svc.Secrets {
			secrets = append(secrets, arn)
		}
		if secret := v[2].(string); secret != "" {
			secrets = append(secrets, secret)
		}
		return iamdoc.JSON(executionStatements(executionAccess{
			RepositoryArn: v[0].(string), LogGroupArn: v[1].(string), Secrets: secrets, DatabaseKeyArn: v[3].(string), Region: p.region,
		})...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, prefix+"-execution", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	if err != nil {
		return nil, nil, err
	}
	return role, policy, nil
}

// declareTaskRole declares the application's own role, with the file and ECS Exec access taskStatements
// grants; a service that needs neither gets a role with no permissions (and a nil policy).
func declareTaskRole(ctx *pulumi.Context, prefix string, svc Service, args *ServicesArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	c := args.Cluster
	role, err := iam.NewRole(ctx, prefix+"-task", &iam.RoleArgs{
		Description:      pulumi.String("The " + prefix + " application"),
		AssumeRolePolicy: iamdoc.AssumeRole("ecs-tasks.amazonaws.com", c.placement.accountID),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	files := svc.Files == FilesRead || svc.Files == FilesWrite
	if !files && !svc.Exec {
		return role, nil, nil
	}
	bucket, bucketKey := pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if files {
		bucket, bucketKey = orEmpty(args.FileBucketArn), orEmpty(args.FileBucketKmsKeyArn)
	}
	doc := pulumi.All(bucket, bucketKey, c.ExecLogGroupArn, c.KeyArn).ApplyT(func(v []any) (string, error) {
		return iamdoc.JSON(taskStatements(taskAccess{
			Files: svc.Files, BucketArn: v[0].(string), BucketKeyArn: v[1].(string),
			Exec: svc.Exec, ExecLogGroupArn: v[2].(string), ExecKeyArn: v[3].(string),
		})...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, prefix+"-task", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	return role, policy, err
}

// declareRoute declares the service's target group (its tasks' IPs, health-checked) and the listener rule
// that forwards /<name> and /<name>/* to it.
func declareRoute(ctx *pulumi.Context, prefix string, svc Service, args *ServicesArgs, parent pulumi.ResourceOption) (*lb.ListenerRule, *lb.TargetGroup, error) {
	c := args.Cluster
	target, err := lb.NewTargetGroup(ctx, prefix, &lb.TargetGroupArgs{
		Name:                pulumi.String(targetGroupName(prefix, svc.Port)),
		VpcId:               c.placement.vpcID,
		TargetType:          pulumi.String("ip"), // awsvpc tasks register their own ENI
		Port:                pulumi.Int(svc.Port),
		Protocol:            pulumi.String("HTTP"),
		DeregistrationDelay: pulumi.Int(deregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Path:               pulumi.String(svc.HealthCheckPath),
			Protocol:           pulumi.String("HTTP"),
			Port:               pulumi.String("traffic-port"),
			Matcher:            pulumi.String("200-399"),
			Interval:           pulumi.Int(15),
			Timeout:            pulumi.Int(5),
			HealthyThreshold:   pulumi.Int(2),
			UnhealthyThreshold: pulumi.Int(3),
		},
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	// No priority: the provider takes the next free one, so adding or removing a service never renumbers
	// the others' rules; paths of distinct services never overlap, so the order does not matter.
	rule, err := lb.NewListenerRule(ctx, prefix, &lb.ListenerRuleArgs{
		ListenerArn: c.ListenerArn,
		Actions: lb.ListenerRuleActionArray{
			lb.ListenerRuleActionArgs{Type: pulumi.String("forward"), TargetGroupArn: target.Arn},
		},
		Conditions: lb.ListenerRuleConditionArray{
			lb.ListenerRuleConditionArgs{PathPattern: &lb.ListenerRuleConditionPathPatternArgs{Values: pulumi.ToStringArray(routes(svc))}},
		},
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	return rule, target, nil
}

// declareAutoscaling keeps the service's average CPU at its target, between its minimum and maximum count.
func declareAutoscaling(ctx *pulumi.Context, prefix string, svc Service, cluster, service pulumi.StringOutput, parent pulumi.ResourceOption) error {
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
