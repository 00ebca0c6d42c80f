package platform

import (
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/network"
)

// declareCluster declares the ECS cluster in the VPC's app subnets, with its hosts, load balancer and ECS
// Anywhere, and exports what operators and clients use.
func declareCluster(ctx *pulumi.Context, cfg *config.Config, vpc *network.Vpc, account pulumi.StringInput,
	opts ...pulumi.ResourceOption) (*compute.Cluster, error) {
	c := cfg.Compute
	anywhere := c.Anywhere
	anywhere.HostTags = patchGroupTag(nil, c.AnywherePatchGroup)
	cluster, err := compute.NewCluster(ctx, cfg.Stack+"-compute", &compute.ClusterArgs{
		VpcID:            vpc.VpcID,
		VpcCIDR:          cfg.Network.CIDR,
		AppSubnetIDs:     vpc.AppSubnetIDs,
		OnPremisesCIDRs:  cfg.OnPremises.CIDRs,
		LogsKeyArn:       vpc.LogsKeyArn,
		AccountID:        account,
		Region:           cfg.Region,
		Partition:        cfg.Partition(),
		Hosts:            c.Hosts,
		LoadBalancer:     c.LoadBalancer,
		Anywhere:         anywhere,
		LogRetentionDays: c.LogRetentionDays,
		Protect:          c.Protect,
		// The provider's default tags do not reach instances an Auto Scaling group launches.
		InstanceTags: patchGroupTag(cfg.Tags, c.HostPatchGroup),
	}, opts...)
	if err != nil {
		return nil, err
	}
	ctx.Export("clusterName", cluster.ClusterName)
	ctx.Export("albDnsName", cluster.AlbDNSName)
	if anywhere.Enabled {
		ctx.Export("ecsAnywhereActivationId", cluster.AnywhereActivationID)
		ctx.Export("ecsAnywhereActivationCode", cluster.AnywhereActivationCode)           // secret
		ctx.Export("ecsAnywhereRegistrationCommand", cluster.AnywhereRegistrationCommand) // secret: holds the code
	}
	return cluster, nil
}

// declareServices declares every configured service on the cluster, with the database secret and the file
// bucket they may be given, and exports the repositories CI pushes to.
func declareServices(ctx *pulumi.Context, cfg *config.Config, cluster *compute.Cluster, tier *dataTier,
	opts ...pulumi.ResourceOption) (*compute.Services, error) {
	services, err := compute.NewServices(ctx, cfg.Stack+"-services", &compute.ServicesArgs{
		Cluster:             cluster,
		Services:            cfg.Compute.Services,
		KeepImages:          cfg.Compute.KeepImages,
		LogRetentionDays:    cfg.Compute.LogRetentionDays,
		DatabaseSecretArn:   tier.database.SecretArn,
		DatabaseKeyArn:      tier.database.KmsKeyArn,
		FileBucketArn:       tier.files.BucketArn,
		FileBucketKmsKeyArn: tier.files.KmsKeyArn,
	}, opts...)
	if err != nil {
		return nil, err
	}
	urls := pulumi.StringMap{}
	for name, url := range services.RepositoryURLs {
		urls[name] = url
	}
	ctx.Export("ecrRepositoryUrls", urls)
	return services, nil
}

// nodeRoles are the roles of the nodes the cluster registers with Systems Manager: the EC2 hosts, and the
// ECS Anywhere hosts when enabled.
func nodeRoles(cfg *config.Config, cluster *compute.Cluster) []pulumi.StringInput {
	roles := []pulumi.StringInput{cluster.HostRoleName}
	if cfg.Compute.Anywhere.Enabled {
		roles = append(roles, cluster.AnywhereRoleName)
	}
	return roles
}

// patchGroupTag returns tags with the Patch Group tag set to group, which puts the hosts in a patch
// baseline's group; with no group the tags are returned unchanged.
func patchGroupTag(tags map[string]string, group string) map[string]string {
	if group == "" {
		return tags
	}
	out := maps.Clone(tags)
	if out == nil {
		out = map[string]string{}
	}
	out[hybrid.PatchGroupTag] = group
	return out
}
