package compute

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// ClusterArgs configures a Cluster.
type ClusterArgs struct {
	// VpcID is the VPC of the security groups, load balancer and target groups. Required.
	VpcID pulumi.StringInput
	// VpcCIDR may reach the load balancer, and tasks may reach anything in it. Required.
	VpcCIDR netip.Prefix
	// AppSubnetIDs are the private app subnets, one per AZ: hosts, tasks and the load balancer live there.
	// Required, at least two (the load balancer needs two AZs).
	AppSubnetIDs pulumi.StringArray
	// OnPremisesCIDRs may reach the load balancer too. Optional.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyArn encrypts every log group (the stack's log key). Required.
	LogsKeyArn pulumi.StringInput
	// AccountID, Region and Partition place ARNs and policies. Required.
	AccountID         pulumi.StringInput
	Region, Partition string
	// Hosts size the container instances. Required.
	Hosts HostSettings
	// LoadBalancer configures the listener and its access logs. Required.
	LoadBalancer LoadBalancerSettings
	// Anywhere configures ECS Anywhere. Optional (off).
	Anywhere AnywhereSettings
	// LogRetentionDays is how long ECS Exec session logs are kept. Required.
	LogRetentionDays int
	// Protect turns on the load balancer's deletion protection, pulumi protect on the access-log bucket,
	// keeps it and the log groups through a destroy, and stops a destroy from force-deleting hosts that
	// still run tasks. Default false; the config requires it in prod.
	Protect bool
	// InstanceTags are put on the hosts and their volumes, which the provider's default tags do not reach.
	// Optional.
	InstanceTags map[string]string
}

// Cluster is the ECS cluster: EC2 capacity behind an internal load balancer, and optionally ECS Anywhere.
type Cluster struct {
	pulumi.ResourceState

	// ClusterArn and ClusterName identify the ECS cluster.
	ClusterArn  pulumi.StringOutput
	ClusterName pulumi.StringOutput
	// CapacityProviderName is the cluster's default capacity provider (the hosts' Auto Scaling group); it
	// resolves once the cluster uses it, so services placed on it are created after.
	CapacityProviderName pulumi.StringOutput
	// HostRoleName is the EC2 container instances' role.
	HostRoleName pulumi.StringOutput
	// HostSecurityGroupID guards the EC2 container instances; TaskSecurityGroupID the awsvpc tasks.
	HostSecurityGroupID pulumi.IDOutput
	TaskSecurityGroupID pulumi.IDOutput
	// AlbArn, AlbDNSName and AlbSecurityGroupID are the internal load balancer's.
	AlbArn             pulumi.StringOutput
	AlbDNSName         pulumi.StringOutput
	AlbSecurityGroupID pulumi.IDOutput
	// ListenerArn is the listener services attach their rules to (HTTPS, or HTTP in dev without a
	// certificate).
	ListenerArn pulumi.StringOutput
	// KeyArn encrypts the hosts' volumes, ECS Exec sessions and the services' images.
	KeyArn pulumi.StringOutput
	// ExecLogGroupArn receives ECS Exec session logs.
	ExecLogGroupArn pulumi.StringOutput
	// AnywhereActivationID, AnywhereActivationCode (secret) and AnywhereRegistrationCommand (secret, the
	// exact command to run on a data-centre host) register hosts; AnywhereRoleName is the hosts' role.
	// Set only when ECS Anywhere is enabled.
	AnywhereActivationID        pulumi.StringOutput
	AnywhereActivationCode      pulumi.StringOutput
	AnywhereRoleName            pulumi.StringOutput
	AnywhereRegistrationCommand pulumi.StringOutput

	// placement is what services need of the cluster's arguments.
	placement placement
}

// placement is the network and account context services are declared in.
type placement struct {
	vpcID             pulumi.StringInput
	subnetIDs         pulumi.StringArray
	logsKeyArn        pulumi.StringInput
	accountID         pulumi.StringInput
	region, partition string
	anywhere          bool
	protect           bool
}

// minLoadBalancerSubnets is the number of AZs an Application Load Balancer needs.
const minLoadBalancerSubnets = 2

func (a *ClusterArgs) validate(name string) error {
	var errs []error
	if !fitsAutoname(name, elbNameMax) {
		errs = append(errs, fmt.Errorf("the load balancer's name %q plus Pulumi's suffix is longer than ELB's %d characters", name, elbNameMax))
	}
	if p := reservedPrefix(name, capacityProviderReserved); p != "" {
		errs = append(errs, fmt.Errorf("the capacity provider is named after %q, and ECS refuses capacity provider names starting with %q", name, p))
	}
	if a.VpcID == nil || !a.VpcCIDR.IsValid() {
		errs = append(errs, errors.New("a VPC id and CIDR are required"))
	}
	if len(a.AppSubnetIDs) < minLoadBalancerSubnets {
		errs = append(errs, fmt.Errorf("%d app subnet(s) given; the load balancer needs at least %d", len(a.AppSubnetIDs), minLoadBalancerSubnets))
	}
	if a.LogsKeyArn == nil || a.AccountID == nil || a.Region == "" || a.Partition == "" {
		errs = append(errs, errors.New("the logs key, account, region and partition are required"))
	}
	h := a.Hosts
	if len(h.InstanceTypes) == 0 {
		errs = append(errs, errors.New("at least one instance type is required"))
	}
	if h.MinSize < 0 || h.MinSize > h.DesiredCapacity || h.DesiredCapacity > h.MaxSize || h.MaxSize < 1 {
		errs = append(errs, fmt.Errorf("hosts min %d, desired %d, max %d: want 0 <= min <= desired <= max, max >= 1", h.MinSize, h.DesiredCapacity, h.MaxSize))
	}
	if h.TargetCapacityPercent < 1 || h.TargetCapacityPercent > 100 || h.RootVolumeGiB <= 0 {
		errs = append(errs, errors.New("a target capacity of 1-100% and a root volume size are required"))
	}
	if a.LoadBalancer.AccessLogRetentionDays <= 0 || a.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("access-log and exec-log retentions are required"))
	}
	if a.Anywhere.Enabled && (a.Anywhere.RegistrationLimit < 1 || a.Anywhere.ExpiresAt.IsZero()) {
		errs = append(errs, errors.New("ECS Anywhere needs a registration limit of at least 1 and an expiry"))
	}
	return errors.Join(errs...)
}

// NewCluster declares the cluster, its hosts and capacity provider, the load balancer and, when enabled,
// ECS Anywhere.
func NewCluster(ctx *pulumi.Context, name string, args *ClusterArgs, opts ...pulumi.ResourceOption) (*Cluster, error) {
	if args == nil {
		return nil, errors.New("compute: cluster args are required")
	}
	if err := args.validate(name); err != nil {
		return nil, fmt.Errorf("compute: cluster %s: %w", name, err)
	}
	c := &Cluster{placement: placement{
		vpcID: args.VpcID, subnetIDs: args.AppSubnetIDs, logsKeyArn: args.LogsKeyArn, accountID: args.AccountID,
		region: args.Region, partition: args.Partition, anywhere: args.Anywhere.Enabled, protect: args.Protect,
	}}
	if err := ctx.RegisterComponentResource("hybridcloud:compute:Cluster", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	policy := args.AccountID.ToStringOutput().ApplyT(func(account string) (string, error) {
		return keyPolicy(args.Partition, account)
	}).(pulumi.StringOutput)
	// Protected with the repositories: without the key their images cannot be read.
	key, err := keys.New(ctx, name, "Encrypts the "+name+" hosts' volumes, ECS Exec sessions and images", policy, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	c.KeyArn = key.Arn

	execLogs, err := cloudwatch.NewLogGroup(ctx, name+"-exec", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.LogsKeyArn,
	}, parent, pulumi.RetainOnDelete(args.Protect))
	if err != nil {
		return nil, err
	}
	c.ExecLogGroupArn = execLogs.Arn

	cluster, err := ecs.NewCluster(ctx, name, &ecs.ClusterArgs{
		Settings: ecs.ClusterSettingArray{
			ecs.ClusterSettingArgs{Name: pulumi.String("containerInsights"), Value: pulumi.String("enabled")},
		},
		// ECS Exec sessions are encrypted with the cluster's key and every command is logged (FSBP B33).
		Configuration: &ecs.ClusterConfigurationArgs{
			ExecuteCommandConfiguration: &ecs.ClusterConfigurationExecuteCommandConfigurationArgs{
				KmsKeyId: key.Arn,
				Logging:  pulumi.String("OVERRIDE"),
				LogConfiguration: &ecs.ClusterConfigurationExecuteCommandConfigurationLogConfigurationArgs{
					CloudWatchEncryptionEnabled: pulumi.Bool(true),
					CloudWatchLogGroupName:      execLogs.Name,
				},
			},
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	c.ClusterArn = cluster.Arn
	c.ClusterName = cluster.Name

	groups, err := declareSecurityGroups(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	c.HostSecurityGroupID = groups.hosts.ID()
	c.TaskSecurityGroupID = groups.tasks.ID()
	c.AlbSecurityGroupID = groups.alb.ID()

	if err := c.declareHosts(ctx, name, cluster, key.Arn, groups.hosts.ID(), args, parent); err != nil {
		return nil, err
	}
	if err := c.declareLoadBalancer(ctx, name, groups.alb.ID(), args, parent); err != nil {
		return nil, err
	}
	if args.Anywhere.Enabled {
		if err := c.declareAnywhere(ctx, name, args, parent); err != nil {
			return nil, err
		}
	}

	outputs := pulumi.Map{
		"clusterArn":           c.ClusterArn,
		"clusterName":          c.ClusterName,
		"capacityProviderName": c.CapacityProviderName,
		"hostRoleName":         c.HostRoleName,
		"hostSecurityGroupId":  c.HostSecurityGroupID,
		"taskSecurityGroupId":  c.TaskSecurityGroupID,
		"albArn":               c.AlbArn,
		"albDnsName":           c.AlbDNSName,
		"albSecurityGroupId":   c.AlbSecurityGroupID,
		"listenerArn":          c.ListenerArn,
		"keyArn":               c.KeyArn,
		"execLogGroupArn":      c.ExecLogGroupArn,
	}
	if args.Anywhere.Enabled {
		outputs["anywhereActivationId"] = c.AnywhereActivationID
		outputs["anywhereActivationCode"] = c.AnywhereActivationCode
		outputs["anywhereRoleName"] = c.AnywhereRoleName
		outputs["anywhereRegistrationCommand"] = c.AnywhereRegistrationCommand
	}
	if err := ctx.RegisterResourceOutputs(c, outputs); err != nil {
		return nil, err
	}
	return c, nil
}
