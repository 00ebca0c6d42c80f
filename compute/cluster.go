package compute

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecs"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/activation"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// ClusterType is the type token of the cluster component.
const ClusterType = "hybridcloud:compute:Cluster"

// ClusterArgs configures a Cluster: its own settings, and the wiring from the rest of the stack.
type ClusterArgs struct {
	// Settings are the cluster's own settings. Required.
	Settings ClusterSettings
	// VPCID is the VPC of the security groups, load balancer and target groups. Required.
	VPCID pulumi.StringInput
	// VPCCIDR may reach the load balancer, and tasks may reach anything in it. Required.
	VPCCIDR netip.Prefix
	// AppSubnetIDs are the private app subnets, one per AZ: hosts, tasks and the load balancer live there.
	// Required, at least two (the load balancer needs two AZs).
	AppSubnetIDs pulumi.StringArray
	// EndpointSecurityGroupID guards the VPC's interface endpoints and S3PrefixListID is its S3 gateway
	// endpoint's prefix list: the only HTTPS destinations of the hosts and tasks. Required.
	EndpointSecurityGroupID pulumi.StringInput
	S3PrefixListID          pulumi.StringInput
	// OnPremisesCIDRs may reach the load balancer too. Optional.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyARN encrypts every log group (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// Now is when this deployment runs: the ECS Anywhere activation's expiry comes from its rotation window
	// (activation.Expiry). Required with ECS Anywhere.
	Now time.Time
	// AccountID, Partition and Region place ARNs, policies and the ECS Anywhere registration. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
	// KeyAdmins administer the cluster's key (the foundation's). Required.
	KeyAdmins keys.Admins
	// ParameterPath is the stack's own SSM parameter path ("/hybridcloud/prod/"): the hosts read parameters
	// only there and under AWS's public /aws/. Required.
	ParameterPath string
	// ExecTaskRoles are the logical names of the task roles that open ECS Exec sessions (the services with
	// exec, declared after the cluster): the key policy lets them decrypt the session channel. Optional.
	ExecTaskRoles []string
	// RepositoryCreationRoles are the logical names of the roles ECR assumes to create repositories encrypted
	// with the cluster key from templates declared elsewhere (the DR registry's replication template, whose
	// repositories the DR cluster's hosts pull from): the key policy lets them create the repositories'
	// grants. Optional.
	RepositoryCreationRoles []string
	// InstanceTags are put on the hosts and their volumes, which the provider's default tags do not reach
	// (the stack's tags). Optional.
	InstanceTags map[string]string
}

// Cluster is the ECS cluster: EC2 capacity behind an internal load balancer, and optionally ECS Anywhere.
type Cluster struct {
	pulumi.ResourceState

	// ClusterARN and ClusterName identify the ECS cluster.
	ClusterARN  pulumi.StringOutput
	ClusterName pulumi.StringOutput
	// CapacityProviderName is the cluster's default capacity provider (the hosts' Auto Scaling group); it
	// resolves once the cluster uses it, so services placed on it are created after.
	CapacityProviderName pulumi.StringOutput
	// HostRoleName is the EC2 container instances' role.
	HostRoleName pulumi.StringOutput
	// HostSecurityGroupID guards the EC2 container instances; TaskSecurityGroupID the awsvpc tasks.
	HostSecurityGroupID pulumi.IDOutput
	TaskSecurityGroupID pulumi.IDOutput
	// ALBARN, ALBDNSName and ALBSecurityGroupID are the internal load balancer's.
	ALBARN             pulumi.StringOutput
	ALBDNSName         pulumi.StringOutput
	ALBSecurityGroupID pulumi.IDOutput
	// ListenerARN is the listener services attach their rules to (HTTPS, or HTTP in dev without a
	// certificate).
	ListenerARN pulumi.StringOutput
	// KeyARN encrypts the hosts' volumes and the services' images; ExecKeyARN only ECS Exec sessions.
	KeyARN     pulumi.StringOutput
	ExecKeyARN pulumi.StringOutput
	// ExecLogGroupARN receives ECS Exec session logs.
	ExecLogGroupARN pulumi.StringOutput

	// AnywhereActivationID, AnywhereActivationCode (secret) and AnywhereRegistrationCommands (secret, by OS
	// family of Settings.Anywhere.HostOS: the exact command to run on a data-centre host) register hosts; AnywhereRoleName is the hosts' role.
	// Set only when ECS Anywhere is enabled (Settings.Anywhere.Enabled): otherwise they are zero outputs that
	// must not be read or exported, so check the setting first.
	AnywhereActivationID         pulumi.StringOutput
	AnywhereActivationCode       pulumi.StringOutput
	AnywhereRoleName             pulumi.StringOutput
	AnywhereRegistrationCommands map[spec.HostOS]pulumi.StringOutput

	// placement is what services need of the cluster.
	placement placement
}

// placement is what services need of their cluster: where their tasks run, what they attach to, and the
// network and account they are declared in.
type placement struct {
	clusterARN, clusterName, capacityProviderName pulumi.StringInput
	listenerARN                                   pulumi.StringInput
	taskSecurityGroupID, albSecurityGroupID       pulumi.StringInput
	keyARN, execKeyARN, execLogGroupARN           pulumi.StringInput
	vpcID                                         pulumi.StringInput
	subnetIDs                                     pulumi.StringArrayInput
	logsKeyARN, accountID                         pulumi.StringInput
	partition, region                             string
	// cachePrefixes map each pull-through cache prefix to its upstream's host; cacheRules are the rules,
	// which a service pulling through them must wait for.
	cachePrefixes map[string]string
	cacheRules    []pulumi.Resource
	// anywhere says whether ECS Anywhere hosts can run services on premises.
	anywhere bool
}

// minLoadBalancerSubnets is the number of AZs an Application Load Balancer needs.
const minLoadBalancerSubnets = 2

// validate checks that the args are complete and consistent, and that the names derived from name fit
// AWS; config checks the values a stack file gives.
func (a *ClusterArgs) validate(name string) error {
	var errs []error
	if !spec.FitsAutoname(name, spec.ELBNameMax) {
		errs = append(errs, fmt.Errorf("the load balancer's name %q plus Pulumi's suffix is longer than ELB's %d characters", name, spec.ELBNameMax))
	}
	if p := spec.ReservedPrefix(name, spec.CapacityProviderReserved); p != "" {
		errs = append(errs, fmt.Errorf("the capacity provider is named after %q, and ECS refuses capacity provider names starting with %q", name, p))
	}
	if a.VPCID == nil || !a.VPCCIDR.IsValid() {
		errs = append(errs, errors.New("a VPC id and CIDR are required"))
	}
	if !a.KeyAdmins.Valid() || !strings.HasPrefix(a.ParameterPath, "/") || !strings.HasSuffix(a.ParameterPath, "/") {
		errs = append(errs, errors.New("the key administrators and a parameter path (/…/) are required"))
	}
	if a.EndpointSecurityGroupID == nil || a.S3PrefixListID == nil {
		errs = append(errs, errors.New("the endpoints' security group and the S3 prefix list are required: the hosts reach AWS only through them"))
	}
	if len(a.AppSubnetIDs) < minLoadBalancerSubnets {
		errs = append(errs, fmt.Errorf("%d app subnet(s) given; the load balancer needs at least %d", len(a.AppSubnetIDs), minLoadBalancerSubnets))
	}
	if a.LogsKeyARN == nil || a.AccountID == nil || a.Region == "" || a.Partition == "" {
		errs = append(errs, errors.New("the logs key, account, region and partition are required"))
	}
	s := a.Settings
	if len(s.InstanceTypes) == 0 {
		errs = append(errs, errors.New("at least one instance type is required"))
	}
	if field, err := spec.CheckCounts([3]string{"Min", "Desired", "Max"}, "host", s.Hosts.Min, s.Hosts.Desired, s.Hosts.Max); err != nil {
		errs = append(errs, fmt.Errorf("hosts: %w", fieldError(field, err)))
	}
	if err := spec.CheckPercent(s.TargetCapacityPercent); err != nil {
		errs = append(errs, fmt.Errorf("target capacity: %w", err))
	}
	if s.RootVolumeGiB <= 0 {
		errs = append(errs, errors.New("a root volume size is required"))
	}
	if s.LoadBalancer.AccessLogRetentionDays <= 0 || s.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("access-log and exec-log retentions are required"))
	}
	if err := s.ImageCache.check(); err != nil {
		errs = append(errs, err)
	}
	if s.Anywhere.Enabled {
		if err := activation.CheckHosts(len(s.Anywhere.Hosts)); err != nil {
			errs = append(errs, fmt.Errorf("ECS Anywhere: %w", err))
		}
		if _, err := activation.Expiry(a.Now, s.Anywhere.RotationDays); err != nil {
			errs = append(errs, fmt.Errorf("ECS Anywhere: %w", err))
		}
	}
	return errors.Join(errs...)
}

// fieldError names the field a spec check found at fault, if it named one.
func fieldError(field string, err error) error {
	if field == "" {
		return err
	}
	return fmt.Errorf("%s: %w", field, err)
}

// NewCluster declares the cluster, its hosts and capacity provider, the load balancer and, when enabled,
// ECS Anywhere.
func NewCluster(ctx *pulumi.Context, name string, args *ClusterArgs, opts ...pulumi.ResourceOption) (*Cluster, error) {
	if args == nil {
		return nil, fmt.Errorf("compute: cluster %s: args are required", name)
	}
	if err := args.validate(name); err != nil {
		return nil, fmt.Errorf("compute: cluster %s: %w", name, err)
	}
	c := &Cluster{}
	if err := ctx.RegisterComponentResource(ClusterType, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	key, cluster, err := c.declareECSCluster(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	groups, err := declareSecurityGroups(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	c.HostSecurityGroupID = groups.hosts.ID()
	c.TaskSecurityGroupID = groups.tasks.ID()
	c.ALBSecurityGroupID = groups.alb.ID()

	if err := c.declareHosts(ctx, name, cluster, key.Arn, groups.hosts.ID(), args, parent); err != nil {
		return nil, err
	}
	if err := c.declareLoadBalancer(ctx, name, groups.alb.ID(), args, parent); err != nil {
		return nil, err
	}
	cacheRules, err := c.declareImageCache(ctx, name, key.Arn, args, parent)
	if err != nil {
		return nil, err
	}
	anywhere := args.Settings.Anywhere.Enabled
	if anywhere {
		if err := c.declareAnywhere(ctx, name, args, parent); err != nil {
			return nil, err
		}
	}
	c.placement = placement{
		clusterARN: c.ClusterARN, clusterName: c.ClusterName, capacityProviderName: c.CapacityProviderName,
		listenerARN: c.ListenerARN, taskSecurityGroupID: c.TaskSecurityGroupID, albSecurityGroupID: c.ALBSecurityGroupID,
		keyARN: c.KeyARN, execKeyARN: c.ExecKeyARN, execLogGroupARN: c.ExecLogGroupARN,
		vpcID: args.VPCID, subnetIDs: args.AppSubnetIDs, logsKeyARN: args.LogsKeyARN, accountID: args.AccountID,
		partition: args.Partition, region: args.Region, anywhere: anywhere,
		cachePrefixes: args.Settings.ImageCache.prefixes(), cacheRules: cacheRules,
	}

	if err := ctx.RegisterResourceOutputs(c, c.outputs(anywhere)); err != nil {
		return nil, err
	}
	return c, nil
}

// declareECSCluster declares the cluster's keys, the ECS Exec log group and the ECS cluster itself.
func (c *Cluster) declareECSCluster(ctx *pulumi.Context, name string, args *ClusterArgs, parent pulumi.ResourceOption) (*kms.Key, *ecs.Cluster, error) {
	protect := args.Settings.Protect
	creationRoles := slices.Clone(args.RepositoryCreationRoles)
	if len(args.Settings.ImageCache.Upstreams) > 0 {
		creationRoles = append(creationRoles, cacheCreationRole(name))
	}
	policy := args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, _ []any) (string, error) {
		return keyPolicy(admins, args.Partition, account, args.Region, creationRoles, args.Settings.ImageCache.needsCredentials())
	})
	// Protected with the repositories: without the key their images cannot be read.
	key, err := keys.New(ctx, name, "Encrypts the "+name+" hosts' volumes and images", policy, parent, pulumi.Protect(protect))
	if err != nil {
		return nil, nil, err
	}
	c.KeyARN = key.Arn
	// Session channels get a key of their own when a service opens them. Without one, the cluster key stays
	// the channel key: its policy lets nobody decrypt a session, and a key with no user is refused by the pack.
	c.ExecKeyARN = key.Arn
	if len(args.ExecTaskRoles) > 0 {
		// Protected like the cluster key: a key pending deletion would break exec for a month.
		execPolicy := args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, _ []any) (string, error) {
			return execKeyPolicy(admins, args.Partition, account, args.ExecTaskRoles)
		})
		execKey, err := keys.New(ctx, name+"-exec", "Encrypts the "+name+" ECS Exec sessions", execPolicy, parent, pulumi.Protect(protect))
		if err != nil {
			return nil, nil, err
		}
		c.ExecKeyARN = execKey.Arn
	}

	execLogs, err := cloudwatch.NewLogGroup(ctx, name+"-exec", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.Settings.LogRetentionDays),
		KmsKeyId:        args.LogsKeyARN,
	}, parent, pulumi.RetainOnDelete(protect))
	if err != nil {
		return nil, nil, err
	}
	c.ExecLogGroupARN = execLogs.Arn

	cluster, err := ecs.NewCluster(ctx, name, &ecs.ClusterArgs{
		Settings: ecs.ClusterSettingArray{
			ecs.ClusterSettingArgs{Name: pulumi.String("containerInsights"), Value: pulumi.String("enabled")},
		},
		// ECS Exec sessions are encrypted with the exec key and every command is logged (FSBP B33).
		Configuration: &ecs.ClusterConfigurationArgs{
			ExecuteCommandConfiguration: &ecs.ClusterConfigurationExecuteCommandConfigurationArgs{
				KmsKeyId: c.ExecKeyARN,
				Logging:  pulumi.String("OVERRIDE"),
				LogConfiguration: &ecs.ClusterConfigurationExecuteCommandConfigurationLogConfigurationArgs{
					CloudWatchEncryptionEnabled: pulumi.Bool(true),
					CloudWatchLogGroupName:      execLogs.Name,
				},
			},
		},
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	c.ClusterARN = cluster.Arn
	c.ClusterName = cluster.Name
	return key, cluster, nil
}

// outputs are the cluster's registered outputs: every output field, the ECS Anywhere ones when enabled.
func (c *Cluster) outputs(anywhere bool) pulumi.Map {
	out := pulumi.Map{
		"clusterArn":           c.ClusterARN,
		"clusterName":          c.ClusterName,
		"capacityProviderName": c.CapacityProviderName,
		"hostRoleName":         c.HostRoleName,
		"hostSecurityGroupId":  c.HostSecurityGroupID,
		"taskSecurityGroupId":  c.TaskSecurityGroupID,
		"albArn":               c.ALBARN,
		"albDnsName":           c.ALBDNSName,
		"albSecurityGroupId":   c.ALBSecurityGroupID,
		"listenerArn":          c.ListenerARN,
		"keyArn":               c.KeyARN,
		"execKeyArn":           c.ExecKeyARN,
		"execLogGroupArn":      c.ExecLogGroupARN,
	}
	if anywhere {
		out["anywhereActivationId"] = c.AnywhereActivationID
		out["anywhereActivationCode"] = c.AnywhereActivationCode
		out["anywhereRoleName"] = c.AnywhereRoleName
		commands := pulumi.StringMap{}
		for host, command := range c.AnywhereRegistrationCommands {
			commands[string(host)] = command
		}
		out["anywhereRegistrationCommands"] = commands
	}
	return out
}
