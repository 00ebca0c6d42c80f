package compute

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// AmiParameter is the public SSM parameter holding the current x86_64 ECS-optimized Amazon Linux 2023
// AMI: no AMI id is written in code, and each `pulumi up` rolls the hosts onto the latest patched image.
const AmiParameter = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"

const (
	// rootDevice is the root device name of Amazon Linux 2023 AMIs.
	rootDevice = "/dev/xvda"
	// metadataHopLimit 2 lets the ECS agent's containers reach IMDSv2; awsvpc tasks are blocked from it
	// by ECS_AWSVPC_BLOCK_IMDS in the user data.
	metadataHopLimit = 2
	// warmupSeconds is how long a new host takes to join the cluster before it counts for scaling.
	warmupSeconds = 300
	// maxScalingStep bounds how many hosts managed scaling adds or removes at once.
	maxScalingStep = 10
)

// hostMetrics are the Auto Scaling group metrics published to CloudWatch (free at 1-minute granularity).
var hostMetrics = []string{"GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances", "GroupTerminatingInstances", "GroupTotalInstances"}

// keyPolicy is the policy of the cluster's key: the account administers it (IAM policies grant its use to
// roles, ECR uses it through grants), and EC2 Auto Scaling's service-linked role may use it for the
// volumes it creates for this account's hosts.
func keyPolicy(partition, accountID string) (string, error) {
	autoScaling := fmt.Sprintf("arn:%s:iam::%s:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", partition, accountID)
	return iamdoc.JSON(
		keys.AccountAdministers(partition, accountID),
		iamdoc.Statement{
			"Sid":       "AutoScalingUsesForVolumes",
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": autoScaling},
			"Action":    []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
			"Resource":  "*",
		},
		iamdoc.Statement{
			"Sid":       "AutoScalingAttachesVolumes",
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": autoScaling},
			"Action":    "kms:CreateGrant",
			"Resource":  "*",
			"Condition": map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}},
		},
	)
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
func (c *Cluster) declareHosts(ctx *pulumi.Context, name string, cluster *ecs.Cluster, keyArn pulumi.StringOutput, hostSG pulumi.IDOutput, args *ClusterArgs, parent pulumi.ResourceOrInvokeOption) error {
	role, err := declareContainerInstanceRole(ctx, name+"-hosts", "ECS container instances of "+name+": the ECS agent and SSM Session Manager",
		"ec2.amazonaws.com", args, parent)
	if err != nil {
		return err
	}
	c.HostRoleName = role.Name
	profile, err := iam.NewInstanceProfile(ctx, name+"-hosts", &iam.InstanceProfileArgs{Role: role.Name}, parent)
	if err != nil {
		return err
	}

	ami := ssm.LookupParameterOutput(ctx, ssm.LookupParameterOutputArgs{Name: pulumi.String(AmiParameter)}, parent)
	tags := pulumi.StringMap{"Name": pulumi.String(name + "-host")}
	for k, v := range args.InstanceTags {
		tags[k] = pulumi.String(v)
	}
	h := args.Hosts
	lt, err := ec2.NewLaunchTemplate(ctx, name+"-hosts", &ec2.LaunchTemplateArgs{
		Description:  pulumi.String("ECS container instances of " + name),
		ImageId:      ami.InsecureValue(), // a public AMI id: nothing secret
		InstanceType: pulumi.String(h.InstanceTypes[0]),
		IamInstanceProfile: &ec2.LaunchTemplateIamInstanceProfileArgs{
			Arn: profile.Arn,
		},
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
				SecurityGroups:           pulumi.StringArray{hostSG},
			},
		},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{
			ec2.LaunchTemplateBlockDeviceMappingArgs{
				DeviceName: pulumi.String(rootDevice),
				Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
					VolumeType:          pulumi.String("gp3"),
					VolumeSize:          pulumi.Int(h.RootVolumeGiB),
					Encrypted:           pulumi.String("true"),
					KmsKeyId:            keyArn,
					DeleteOnTermination: pulumi.String("true"),
				},
			},
		},
		Monitoring: &ec2.LaunchTemplateMonitoringArgs{Enabled: pulumi.Bool(true)},
		UserData:   cluster.Name.ApplyT(userData).(pulumi.StringOutput),
		// The group tags the hosts; only volumes need tagging here.
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{
			ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: tags},
		},
		UpdateDefaultVersion: pulumi.Bool(true),
	}, parent)
	if err != nil {
		return err
	}

	// The group follows the template's latest version, so a new AMI or setting starts an instance refresh.
	version := lt.LatestVersion.ApplyT(strconv.Itoa).(pulumi.StringOutput)
	group := &autoscaling.GroupArgs{
		VpcZoneIdentifiers: args.AppSubnetIDs,
		MinSize:            pulumi.Int(h.MinSize),
		MaxSize:            pulumi.Int(h.MaxSize),
		DesiredCapacity:    pulumi.Int(h.DesiredCapacity),
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
		Tags: groupTags(name, args.InstanceTags),
		// Without protection (dev) a destroy must not hang on hosts ECS still protects.
		ForceDelete: pulumi.Bool(!args.Protect),
	}
	if len(h.InstanceTypes) == 1 {
		group.LaunchTemplate = &autoscaling.GroupLaunchTemplateArgs{Id: lt.ID(), Version: version}
	} else {
		overrides := autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArray{}
		for _, t := range h.InstanceTypes {
			overrides = append(overrides, autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String(t)})
		}
		group.MixedInstancesPolicy = &autoscaling.GroupMixedInstancesPolicyArgs{
			LaunchTemplate: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs{
				LaunchTemplateSpecification: &autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs{
					LaunchTemplateId: lt.ID(),
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
	}
	// ECS managed scaling owns the desired capacity once the group exists.
	asg, err := autoscaling.NewGroup(ctx, name+"-hosts", group, parent, pulumi.IgnoreChanges([]string{"desiredCapacity"}))
	if err != nil {
		return err
	}

	provider, err := ecs.NewCapacityProvider(ctx, name, &ecs.CapacityProviderArgs{
		AutoScalingGroupProvider: &ecs.CapacityProviderAutoScalingGroupProviderArgs{
			AutoScalingGroupArn:          asg.Arn,
			ManagedTerminationProtection: pulumi.String("ENABLED"),
			ManagedDraining:              pulumi.String("ENABLED"),
			ManagedScaling: &ecs.CapacityProviderAutoScalingGroupProviderManagedScalingArgs{
				Status:                 pulumi.String("ENABLED"),
				TargetCapacity:         pulumi.Int(h.TargetCapacityPercent),
				MinimumScalingStepSize: pulumi.Int(1),
				MaximumScalingStepSize: pulumi.Int(maxScalingStep),
				InstanceWarmupPeriod:   pulumi.Int(warmupSeconds),
			},
		},
	}, parent)
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

// groupTags are the Auto Scaling group's tags: AmazonECSManaged marks it as managed by a capacity provider,
// and every tag is propagated to the hosts it launches.
func groupTags(name string, extra map[string]string) autoscaling.GroupTagArray {
	tags := map[string]string{"AmazonECSManaged": "", "Name": name + "-host"}
	for k, v := range extra {
		tags[k] = v
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make(autoscaling.GroupTagArray, 0, len(keys))
	for _, k := range keys {
		out = append(out, autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: pulumi.String(tags[k]), PropagateAtLaunch: pulumi.Bool(true)})
	}
	return out
}
