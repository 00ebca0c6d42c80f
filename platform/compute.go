package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/config"
)

// declareCluster declares the ECS cluster in the VPC's app subnets, with its hosts, load balancer and ECS
// Anywhere.
func declareCluster(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	cluster, err := compute.NewCluster(ctx, cfg.Stack+"-compute", &compute.ClusterArgs{
		Settings:        cfg.Cluster,
		VPCID:           st.vpc.VPCID,
		VPCCIDR:         cfg.Network.CIDR,
		AppSubnetIDs:    st.vpc.AppSubnetIDs,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs,
		LogsKeyARN:      st.base.AppLogsKeyARN, // the services' and ECS Exec logs
		AccountID:       st.base.AccountID,
		Partition:       st.base.Partition,
		Region:          st.base.Region,
		Now:             st.now,
		// The provider's default tags do not reach instances an Auto Scaling group launches.
		InstanceTags:  cfg.Tags,
		KeyAdmins:     keyAdmins(st),
		ExecTaskRoles: execTaskRoles(cfg),
		ParameterPath: parameterPath(cfg),
	}, opts...)
	st.cluster = cluster
	return err
}

// declareServices declares every configured service on the cluster, with the database secret and the file
// bucket they may be given.
func declareServices(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	services, err := compute.NewServices(ctx, servicesName(cfg), &compute.ServicesArgs{
		Settings:          cfg.Services,
		Cluster:           st.cluster,
		DatabaseSecretARN: st.database.SecretARN,
		DatabaseKeyARN:    st.database.KMSKeyARN,
		FileBucketARN:     st.files.BucketARN,
		FileBucketKeyARN:  st.files.KMSKeyARN,
	}, opts...)
	st.services = services
	return err
}

// execTaskRoles are the task roles of the services with ECS Exec, which the cluster's key lets decrypt
// the session channel.
func execTaskRoles(cfg *config.Config) []string {
	return serviceRoles(cfg, func(s compute.Service) bool { return s.Exec }, compute.TaskRoleName)
}

// servicesName is the Services component's name.
func servicesName(cfg *config.Config) string { return cfg.Stack + "-services" }

// nodeRoles are the roles of the nodes the cluster registers with Systems Manager: the EC2 hosts, and the
// ECS Anywhere hosts when enabled (the cluster has no such role otherwise).
func nodeRoles(cfg *config.Config, cluster *compute.Cluster) []pulumi.StringInput {
	roles := []pulumi.StringInput{cluster.HostRoleName}
	if cfg.Cluster.Anywhere.Enabled {
		roles = append(roles, cluster.AnywhereRoleName)
	}
	return roles
}
