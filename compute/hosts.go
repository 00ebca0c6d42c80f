package compute

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/ecrtemplate"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// AmiParameter is the public SSM parameter holding the current x86_64 ECS-optimized Amazon Linux 2023
// AMI: what a new launch template starts from when no amiId is pinned.
const AmiParameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"

const (
	// rootDevice is the root device name of Amazon Linux 2023 AMIs.
	rootDevice = "/dev/xvda"
	// metadataHopLimit 1 keeps IMDSv2 answers on the host: the ECS agent runs in the host's network
	// namespace and needs no second hop, and tasks get their role's credentials from the agent's endpoint
	// (169.254.170.2, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI), not from IMDS (ECS developer guide, "Task IAM
	// role"), so no container reaches the host role's credentials. awsvpc tasks are also blocked by
	// ECS_AWSVPC_BLOCK_IMDS in the user data.
	metadataHopLimit = 1
	// warmupSeconds is how long a new host takes to join the cluster before it counts for scaling.
	warmupSeconds = 300
	// maxScalingStep bounds how many hosts managed scaling adds or removes at once.
	maxScalingStep = 10
)

// hostMetrics are the Auto Scaling group metrics published to CloudWatch (free at 1-minute granularity).
var hostMetrics = []string{"GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"}

// keyPolicy is the policy of the cluster's key (keys.Policy): the administrators manage it and let AWS
// services use it for resources they create (ECR repositories encrypt their images through such grants);
// EC2 Auto Scaling's service-linked role uses it for the hosts' volumes, exactly as AWS documents (EC2 Auto
// Scaling user guide, "Required AWS KMS key policy for use with encrypted volumes"); the creation roles of
// the repository creation templates (the pull-through cache's, the DR registry's) let ECR create the
// repositories' grants on it. With cacheSecrets, ECR's pull-through cache role decrypts the upstream
// credentials through Secrets Manager: its AWS managed policy grants no KMS access, so only the key policy
// can; ECR creates that role with the first rule, after the key, so it is matched by ARN.
func keyPolicy(admins keys.Administration, partition, accountID, region string, creationRoles []string, cacheSecrets bool) (string, error) {
	autoScaling := fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", partition, accountID)
	users := []keys.User{{Sid: "AutoScalingUsesForVolumes", Principals: []string{autoScaling}, Direct: true, Grants: true}}
	if len(creationRoles) > 0 {
		users = append(users, ecrtemplate.KeyUser(partition, accountID, region, creationRoles))
	}
	if cacheSecrets {
		users = append(users, keys.User{Sid: "PullThroughCacheReadsCredentials",
			PrincipalPatterns: []string{fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/pullthroughcache.ecr.amazonaws.com/AWSServiceRoleForECRPullThroughCache", partition, accountID)},
			Actions:           []string{"kms:Decrypt"}, ViaServices: []string{"secretsmanager." + region + ".amazonaws.com"}})
	}
	return keys.Policy{Account: accountID, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: users}.JSON()
}

// execKeyPolicy is the policy of the ECS Exec key, which encrypts only the session channels: the task roles
// that open sessions decrypt the channel (their SSM agent calls KMS itself), and the account's operators, as
// their IAM policies allow, generate the session's data key when they start one (ECS developer guide,
// "Monitor Amazon ECS containers with ECS Exec": kms:GenerateDataKey for the caller), which encrypts but
// never decrypts. A key of its own: a session user reaches no volume or image (issue 21).
func execKeyPolicy(admins keys.Administration, partition, accountID string, execTaskRoles []string) (string, error) {
	users := []keys.User{
		{Sid: "ExecTasksDecryptSessions", PrincipalPatterns: keys.RolePatterns(partition, accountID, execTaskRoles), Actions: []string{"kms:Decrypt"}, Direct: true},
		{Sid: "OperatorsStartExecSessions", Principals: []string{iamdoc.AccountRoot(partition, accountID)}, Actions: []string{"kms:GenerateDataKey"}, Direct: true},
	}
	return keys.Policy{Account: accountID, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: users}.JSON()
}

// userData joins a host to the cluster. Task metadata is on for the agent's introspection, and awsvpc tasks
// are kept away from the host's instance metadata (and so from its role's credentials).
func userData(cluster string) string {
	script := "#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\n" +
		"ECS_CLUSTER=" + cluster + "\n" +
		"ECS_ENABLE_CONTAINER_METADATA=true\n" +
		"ECS_AWSVPC_BLOCK_IMDS=true\n" +
		"ECS_ENABLE_TASK_IAM_ROLE=true\n" +
		"EOF\n"
	return base64.StdEncoding.EncodeToString([]byte(script))
}

// declareHosts declares the hosts' role, launch template and Auto Scaling group, and the capacity provider
// the cluster places tasks with by default.
func (c *Cluster) declareHosts(ctx *pulumi.Context, name string, cluster *ecs.Cluster, keyARN pulumi.StringOutput, hostSG pulumi.IDOutput, args *ClusterArgs, parent pulumi.ResourceOption) error {
	role, err := declareContainerInstanceRole(ctx, name+"-hosts", "ECS container instances of "+name+": the ECS agent and SSM Session Manager",
		"ec2.amazonaws.com", cluster.Arn, args, parent)
	if err != nil {
		return err
	}
	c.HostRoleName = role.role.Name
	profile, err := iam.NewInstanceProfile(ctx, name+"-hosts", &iam.InstanceProfileArgs{Role: role.role.Name}, parent)
	if err != nil {
		return err
	}

	s, tags := args.Settings, hostTags(name, args.Settings, args.InstanceTags)
	image, templateOpts := hostImage(ctx, s, pulumi.Parent(c))
	lt, err := ec2.NewLaunchTemplate(ctx, name+"-hosts", launchTemplateArgs(name, s, tags, hostRefs{
		ProfileARN:      profile.Arn,
		ImageID:         image,
		KeyARN:          keyARN,
		SecurityGroupID: hostSG,
		UserData:        cluster.Name.ApplyT(userData).(pulumi.StringOutput),
	}), append(templateOpts, parent)...)
	if err != nil {
		return err
	}

	// The group follows the template's latest version, so a new amiId or setting starts an instance refresh
	// (at least 100% healthy: replacements launch before ECS drains the old hosts).
	version := lt.LatestVersion.ApplyT(strconv.Itoa).(pulumi.StringOutput)
	// ECS managed scaling owns the desired capacity once the group exists.
	asg, err := autoscaling.NewGroup(ctx, name+"-hosts", groupArgs(s, args.AppSubnetIDs, lt.ID(), version, tags), parent,
		pulumi.IgnoreChanges([]string{"desiredCapacity"}))
	if err != nil {
		return err
	}

	provider, err := ecs.NewCapacityProvider(ctx, name, capacityProviderArgs(s, asg.Arn), parent)
	if err != nil {
		return err
	}
	attached, err := ecs.NewClusterCapacityProviders(ctx, name, &ecs.ClusterCapacityProvidersArgs{
		ClusterName:       cluster.Name,
		CapacityProviders: pulumi.StringArray{provider.Name},
		DefaultCapacityProviderStrategies: ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArray{
			ecs.ClusterCapacityProvidersDefaultCapacityProviderStrategyArgs{
				CapacityProvider: provider.Name,
				Weight:           pulumi.Int(1),
				Base:             pulumi.Int(0),
			},
		},
	}, parent)
	if err != nil {
		return err
	}
	c.CapacityProviderName = attached.CapacityProviders.Index(pulumi.Int(0))
	return nil
}

// hostImage is the hosts' AMI: the pinned one, or the recommended one at creation with later changes of
// the parameter ignored (a new AMI is rolled out by setting amiId, never by an unrelated up).
func hostImage(ctx *pulumi.Context, s ClusterSettings, invokeParent pulumi.InvokeOption) (pulumi.StringInput, []pulumi.ResourceOption) {
	if s.AMIID != "" {
		return pulumi.String(s.AMIID), nil
	}
	ami := ssm.LookupParameterOutput(ctx, ssm.LookupParameterOutputArgs{Name: pulumi.String(AmiParameter)}, invokeParent)
	return ami.InsecureValue(), []pulumi.ResourceOption{pulumi.IgnoreChanges([]string{"imageId"})} // a public AMI id: nothing secret
}

// hostTags are the tags of the hosts and their volumes: a Name, the stack's tags and the patch group.
func hostTags(name string, s ClusterSettings, extra map[string]string) map[string]string {
	tags := map[string]string{"Name": name + "-host"}
	maps.Copy(tags, extra)
	if s.PatchGroup != "" {
		tags[spec.PatchGroupTag] = s.PatchGroup
	}
	return tags
}

// hostRefs are what the hosts' launch template takes from other resources.
type hostRefs struct {
	// ProfileARN is the hosts' instance profile; ImageID the AMI; KeyARN encrypts the root volume.
	ProfileARN, ImageID, KeyARN pulumi.StringInput
	// SecurityGroupID guards the hosts; UserData (base64) joins them to the cluster.
	SecurityGroupID, UserData pulumi.StringInput
}

// launchTemplateArgs are the hosts' launch template: IMDSv2 only, no public IP, an encrypted gp3 root of the
// configured size, detailed monitoring, and tags on the volumes (the group tags the instances).
func launchTemplateArgs(name string, s ClusterSettings, volumeTags map[string]string, refs hostRefs) *ec2.LaunchTemplateArgs {
	return &ec2.LaunchTemplateArgs{
		Description:        pulumi.String("ECS container instances of " + name),
		ImageId:            refs.ImageID,
		InstanceType:       pulumi.String(s.InstanceTypes[0]),
		IamInstanceProfile: &ec2.LaunchTemplateIamInstanceProfileArgs{Arn: refs.ProfileARN},
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(metadataHopLimit),
			InstanceMetadataTags:    pulumi.String("disabled"),
		},
		NetworkInterfaces: ec2.LaunchTemplateNetworkInterfaceArray{
			ec2.LaunchTemplateNetworkInterfaceArgs{
				DeviceIndex:              pulumi.Int(0),
				AssociatePublicIpAddress: pulumi.String("false"),
				DeleteOnTermination:      pulumi.String("true"),
				SecurityGroups:           pulumi.StringArray{refs.SecurityGroupID},
			},
		},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{
			ec2.LaunchTemplateBlockDeviceMappingArgs{
				DeviceName: pulumi.String(rootDevice),
				Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
					VolumeType:          pulumi.String("gp3"),
					VolumeSize:          pulumi.Int(s.RootVolumeGiB),
					Encrypted:           pulumi.String("true"),
					KmsKeyId:            refs.KeyARN,
					DeleteOnTermination: pulumi.String("true"),
				},
			},
		},
		Monitoring: &ec2.LaunchTemplateMonitoringArgs{Enabled: pulumi.Bool(true)},
		UserData:   refs.UserData,
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{
			ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: pulumi.ToStringMap(volumeTags)},
		},
		UpdateDefaultVersion: pulumi.Bool(true),
	}
}

// groupArgs are the hosts' Auto Scaling group across the app subnets: protected from scale-in (ECS decides
// which hosts go), refreshed by rolling replacement when the template changes, and with a mixed-instances
// policy when more than one instance type is configured. tags reach every host it launches.
func groupArgs(s ClusterSettings, subnets pulumi.StringArrayInput, templateID, version pulumi.StringPtrInput, tags map[string]string) *autoscaling.GroupArgs {
	group := &autoscaling.GroupArgs{
		VpcZoneIdentifiers: subnets,
		MinSize:            pulumi.Int(s.Hosts.Min),
		MaxSize:            pulumi.Int(s.Hosts.Max),
		DesiredCapacity:    pulumi.Int(s.Hosts.Desired),
		// ECS decides which hosts may go: managed termination protection needs scale-in protection here.
		ProtectFromScaleIn:     pulumi.Bool(true),
		HealthCheckType:        pulumi.String("EC2"),
		HealthCheckGracePeriod: pulumi.Int(warmupSeconds),
		DefaultCooldown:        pulumi.Int(warmupSeconds),
		DefaultInstanceWarmup:  pulumi.Int(warmupSeconds),
		EnabledMetrics:         pulumi.ToStringArray(hostMetrics),
		InstanceRefresh: &autoscaling.GroupInstanceRefreshArgs{
			Strategy: pulumi.String("Rolling"),
			Preferences: &autoscaling.GroupInstanceRefreshPreferencesArgs{
				// Launch replacements before terminating (capacity never drops), and replace hosts ECS
				// protects too: ECS drains their tasks first (managed draining).
				MinHealthyPercentage:      pulumi.Int(100),
				MaxHealthyPercentage:      pulumi.Int(200),
				ScaleInProtectedInstances: pulumi.String("Refresh"),
				InstanceWarmup:            pulumi.String(strconv.Itoa(warmupSeconds)),
			},
		},
		Tags: groupTags(tags),
		// Without protection (dev) a destroy must not hang on hosts ECS still protects.
		ForceDelete: pulumi.Bool(!s.Protect),
	}
	if len(s.InstanceTypes) == 1 {
		group.LaunchTemplate = &autoscaling.GroupLaunchTemplateArgs{Id: templateID, Version: version}
		return group
	}
	overrides := autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArray{}
	for _, t := range s.InstanceTypes {
		overrides = append(overrides, autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String(t)})
	}
	group.MixedInstancesPolicy = &autoscaling.GroupMixedInstancesPolicyArgs{
		LaunchTemplate: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs{
			LaunchTemplateSpecification: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs{
				LaunchTemplateId: templateID,
				Version:          version,
			},
			Overrides: overrides,
		},
		// On-demand only, in the listed order of preference: hosts run stateful workloads' tasks.
		InstancesDistribution: &autoscaling.GroupMixedInstancesPolicyInstancesDistributionArgs{
			OnDemandAllocationStrategy:          pulumi.String("prioritized"),
			OnDemandPercentageAboveBaseCapacity: pulumi.Int(100),
		},
	}
	return group
}

// capacityProviderArgs put the hosts' group under ECS managed scaling (to the target capacity), managed
// termination protection and managed draining.
func capacityProviderArgs(s ClusterSettings, groupARN pulumi.StringInput) *ecs.CapacityProviderArgs {
	return &ecs.CapacityProviderArgs{
		AutoScalingGroupProvider: &ecs.CapacityProviderAutoScalingGroupProviderArgs{
			AutoScalingGroupArn:          groupARN,
			ManagedTerminationProtection: pulumi.String("ENABLED"),
			ManagedDraining:              pulumi.String("ENABLED"),
			ManagedScaling: &ecs.CapacityProviderAutoScalingGroupProviderManagedScalingArgs{
				Status:                 pulumi.String("ENABLED"),
				TargetCapacity:         pulumi.Int(s.TargetCapacityPercent),
				MinimumScalingStepSize: pulumi.Int(1),
				MaximumScalingStepSize: pulumi.Int(maxScalingStep),
				InstanceWarmupPeriod:   pulumi.Int(warmupSeconds),
			},
		},
	}
}

// groupTags are the Auto Scaling group's tags, sorted by key: AmazonECSManaged marks it as managed by a
// capacity provider, and every tag is propagated to the hosts it launches.
func groupTags(hostTags map[string]string) autoscaling.GroupTagArray {
	tags := map[string]string{"AmazonECSManaged": ""}
	maps.Copy(tags, hostTags)
	out := make(autoscaling.GroupTagArray, 0, len(tags))
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		out = append(out, autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: pulumi.String(tags[k]), PropagateAtLaunch: pulumi.Bool(true)})
	}
	return out
}
