package platform

import (
	"maps"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
)

// declareCluster declares the ECS cluster in the VPC's app subnets, with its hosts, load balancer and ECS
// Anywhere.
func declareCluster(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	c, vpc := cfg.Compute, st.vpc
	anywhere := c.Anywhere
	anywhere.HostTags = patchGroupTag(nil, c.AnywherePatchGroup)
	cluster, err := compute.NewCluster(ctx, cfg.Stack+"-compute", &compute.ClusterArgs{
		VpcID:            vpc.VPCID,
		VpcCIDR:          cfg.Network.CIDR,
		AppSubnetIDs:     vpc.AppSubnetIDs,
		OnPremisesCIDRs:  cfg.OnPremises.CIDRs,
		LogsKeyArn:       st.base.LogsKeyARN,
		AccountID:        st.base.AccountID,
		Region:           st.base.Region,
		Partition:        st.base.Partition,
		Hosts:            c.Hosts,
		LoadBalancer:     c.LoadBalancer,
		Anywhere:         anywhere,
		LogRetentionDays: c.LogRetentionDays,
		Protect:          c.Protect,
		// The provider's default tags do not reach instances an Auto Scaling group launches.
		InstanceTags: patchGroupTag(cfg.Tags, c.HostPatchGroup),
	}, opts...)
	st.cluster = cluster
	return err
}

// declareServices declares every configured service on the cluster, with the database secret and the file
// bucket they may be given.
func declareServices(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	services, err := compute.NewServices(ctx, cfg.Stack+"-services", &compute.ServicesArgs{
		Cluster:             st.cluster,
		Services:            cfg.Compute.Services,
		KeepImages:          cfg.Compute.KeepImages,
		LogRetentionDays:    cfg.Compute.LogRetentionDays,
		DatabaseSecretArn:   st.database.SecretARN,
		DatabaseKeyArn:      st.database.KMSKeyARN,
		FileBucketArn:       st.files.BucketARN,
		FileBucketKmsKeyArn: st.files.KMSKeyARN,
	}, opts...)
	st.services = services
	return err
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
