package platform

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/network"
)

// Program returns the program body. now is the clock that dates in config are validated against: time.Now
// for real runs, a fixed time in tests so they never depend on today's date.
func Program(now func() time.Time) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		cfg, err := config.Load(ctx, now())
		if err != nil {
			return err
		}
		return declare(ctx, cfg)
	}
}

// declare declares every component for a validated configuration and wires them together.
func declare(ctx *pulumi.Context, cfg *config.Config) error {
	// One explicit provider carries the region and the tags every resource must have; the default provider
	// is disabled in Pulumi.yaml so nothing can bypass it.
	provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{
		Region:      pulumi.String(cfg.Region),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
	if err != nil {
		return err
	}
	useProvider := pulumi.Provider(provider)
	identity := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, useProvider)

	vpc, err := network.NewVpc(ctx, cfg.Stack+"-vpc", &network.VpcArgs{
		CIDR:                     cfg.Network.CIDR,
		Subnets:                  cfg.Network.Subnets,
		NatStrategy:              cfg.Network.NatStrategy,
		DataSubnetInternetAccess: cfg.Network.DataSubnetInternetAccess,
		Region:                   cfg.Region,
		Endpoints:                cfg.Network.Endpoints,
		EndpointAZCount:          cfg.Network.EndpointAZCount,
		OnPremisesCIDRs:          cfg.OnPremises.CIDRs,
		FlowLogRetentionDays:     cfg.Network.FlowLogRetentionDays,
		AccountID:                identity.AccountId(),
		Partition:                cfg.Partition(),
		RetainLogs:               cfg.IsProd(),
	}, useProvider)
	if err != nil {
		return err
	}
	cluster, err := declareCluster(ctx, cfg, vpc, identity.AccountId(), useProvider)
	if err != nil {
		return err
	}
	connectivity, err := declareHybrid(ctx, cfg, vpc, identity.AccountId(), useProvider)
	if err != nil {
		return err
	}

	tier, err := declareData(ctx, cfg, vpc, identity.AccountId(), []pulumi.StringInput{cluster.HostSecurityGroupID, cluster.TaskSecurityGroupID}, useProvider)
	if err != nil {
		return err
	}
	if _, err := declareServices(ctx, cfg, cluster, tier, useProvider); err != nil {
		return err
	}
	if _, err := declareBackup(ctx, cfg, tier, identity.AccountId(), connectivity.AlarmTopicArn, useProvider); err != nil {
		return err
	}
	if _, err := declareManagement(ctx, cfg, vpc, identity.AccountId(), nodeRoles(cfg, cluster), useProvider); err != nil {
		return err
	}

	ctx.Export("environment", pulumi.String(string(cfg.Environment)))
	ctx.Export("vpcId", vpc.VpcID)
	ctx.Export("vpcCidr", vpc.CIDR)
	ctx.Export("availabilityZones", pulumi.ToStringArray(vpc.AvailabilityZones))
	ctx.Export("appSubnetIds", vpc.AppSubnetIDs)
	ctx.Export("dataSubnetIds", vpc.DataSubnetIDs)
	ctx.Export("routeTableIds", pulumi.Map{"public": vpc.PublicRouteTableID, "app": vpc.AppRouteTableIDs, "data": vpc.DataRouteTableIDs})
	return nil
}
