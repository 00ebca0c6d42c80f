package platform

import (
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/dr"
	"github.com/insurance/hybridcloud/foundation"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/deploy/ecrtemplate"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/network"
)

// drStack is what the DR region holds with a standby (pilot light or warm standby).
type drStack struct {
	base     *foundation.Baseline
	vpc      *network.VPC
	transit  *hybrid.DRTransit
	dns      *hybrid.DNS
	cluster  *compute.Cluster
	services *compute.Services // warm standby only
	replica  *dr.Replica
	files    *data.Files
	names    *dr.Names
}

// newDRProvider is the DR region's provider, with the same tags: AWS Backup's DR vault uses it when a rule
// copies there, the standby always.
func newDRProvider(ctx *pulumi.Context, cfg *config.Config) (*aws.Provider, error) {
	return aws.NewProvider(ctx, "aws-dr", &aws.ProviderArgs{
		Region:      pulumi.String(cfg.DR.Region),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
}

// declareDR declares the standby the DR strategy asks for: nothing beyond backups in backupRestore; the DR
// region's foundation (its logs keys and operations topic: alarms and keys are regional), VPC, Transit
// Gateway, Resolver, cluster, replica and replicated bucket in pilotLight; the services too in warmStandby;
// and the internal names both regions resolve. Each component is the primary's, under the DR provider.
func declareDR(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	if !cfg.DR.Strategy.Standby() {
		return nil
	}
	d := &drStack{}
	st.dr = d
	inDR := pulumi.Provider(st.drProvider)
	name := cfg.Stack + "-dr"
	var err error

	if d.base, err = foundation.NewBaseline(ctx, name+"-foundation", &foundation.BaselineArgs{
		Settings: cfg.Foundation, Region: cfg.DR.Region,
	}, inDR); err != nil {
		return err
	}
	if d.vpc, err = network.NewVPC(ctx, name+"-vpc", &network.VPCArgs{
		Settings: cfg.DR.Network, OnPremisesCIDRs: cfg.OnPremises.CIDRs, LogsKeyARN: d.base.AuditLogsKeyARN,
		AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region,
	}, inDR); err != nil {
		return err
	}
	if err := declareDRHybrid(ctx, cfg, st, name, inDR); err != nil {
		return err
	}
	if d.cluster, err = compute.NewCluster(ctx, name+"-compute", &compute.ClusterArgs{
		Settings: cfg.DR.Cluster, VPCID: d.vpc.VPCID, VPCCIDR: cfg.DR.CIDR, AppSubnetIDs: d.vpc.AppSubnetIDs,
		EndpointSecurityGroupID: d.vpc.EndpointSecurityGroupID, S3PrefixListID: d.vpc.S3PrefixListID,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs, LogsKeyARN: d.base.AppLogsKeyARN,
		AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region, Now: st.now,
		InstanceTags: cfg.Tags, KeyAdmins: drKeyAdmins(d), ParameterPath: parameterPath(cfg),
		ExecTaskRoles:           drServiceRoles(cfg, func(s compute.Service) bool { return s.Exec }, compute.TaskRoleName),
		RepositoryCreationRoles: []string{dr.TemplateRole(drReplicationName(cfg))},
	}, inDR); err != nil {
		return err
	}
	if err := declareDRData(ctx, cfg, st, name, inDR, opts); err != nil {
		return err
	}
	if cfg.DR.Strategy.Running() {
		if d.services, err = compute.NewServices(ctx, drServicesName(cfg), &compute.ServicesArgs{
			Settings: cfg.DR.Services, Cluster: d.cluster,
			// The replica, read-only until a promotion; the services' database roles replicate with it.
			Database: &compute.DatabaseEndpoint{
				Address: d.replica.Address, Port: d.replica.Port, Name: cfg.Database.DatabaseName, ResourceID: d.replica.ResourceID,
			},
			FileBucketARN: d.files.BucketARN, FileBucketKeyARN: d.files.KMSKeyARN,
			Repositories: replicatedRepositories(cfg, st.services.RepositoryURLs),
		}, inDR); err != nil {
			return err
		}
	}
	return declareNames(ctx, cfg, st, opts)
}

// declareDRHybrid attaches the DR VPC to the data centre over the primary's Direct Connect gateway (when the
// mode has one) and its VPN routers (when it has a VPN), and gives it the Resolver endpoints, so on premises
// resolves the internal names through the DR region as well.
func declareDRHybrid(ctx *pulumi.Context, cfg *config.Config, st *stack, name string, inDR pulumi.ResourceOption) error {
	d := st.dr
	args := &hybrid.DRTransitArgs{
		Settings: cfg.DR.Transit, VPCID: d.vpc.VPCID.ToStringOutput(), VPCCIDR: cfg.DR.CIDR,
		AppSubnetIDs: d.vpc.AppSubnetIDs, AppRouteTableIDs: d.vpc.AppRouteTableIDs, DataRouteTableIDs: d.vpc.DataRouteTableIDs,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs, LogsKeyARN: d.base.AuditLogsKeyARN, AlarmTopicARN: d.base.OperationsTopicARN,
		AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region,
	}
	if cfg.Connectivity.DirectConnect != nil {
		args.DirectConnectGatewayID = st.connectivity.DirectConnectGatewayID.ToStringOutput()
	}
	var err error
	if d.transit, err = hybrid.NewDRTransit(ctx, name+"-hybrid", args, inDR); err != nil {
		return err
	}
	d.dns, err = hybrid.NewDNS(ctx, name+"-dns", &hybrid.DNSArgs{
		Settings: cfg.DNS, VPCID: d.vpc.VPCID.ToStringOutput(), SubnetIDs: d.vpc.AppSubnetIDs,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs, Domain: cfg.OnPremises.DNSDomain, Servers: cfg.OnPremises.DNSServers,
		LogsKeyARN: d.base.AuditLogsKeyARN, AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region,
	}, inDR)
	return err
}

// declareDRData declares the database's read replica and the DR file bucket (the primary's Files component
// in the DR region), and replicates the file bucket and the registry into it.
func declareDRData(ctx *pulumi.Context, cfg *config.Config, st *stack, name string, inDR pulumi.ResourceOption, opts []pulumi.ResourceOption) error {
	d, db := st.dr, cfg.Database
	var err error
	if d.replica, err = dr.NewReplica(ctx, name+"-db", &dr.ReplicaArgs{
		Settings: cfg.DR.Replica, Protect: cfg.DR.Protect,
		Identifier: cfg.Project + "-" + cfg.Stack + "-dr", SourceARN: st.database.InstanceARN, EngineVersion: db.EngineVersion,
		BackupRetentionDays: db.BackupRetentionDays, BackupWindow: db.BackupWindow, MaintenanceWindow: db.MaintenanceWindow,
		LogRetentionDays: db.LogRetentionDays,
		VPCID:            d.vpc.VPCID, SubnetIDs: d.vpc.DataSubnetIDs,
		ClientSecurityGroupIDs: []pulumi.StringInput{d.cluster.HostSecurityGroupID, d.cluster.TaskSecurityGroupID},
		OnPremisesCIDRs:        cfg.OnPremises.CIDRs, LogsKeyARN: d.base.AuditLogsKeyARN,
		KeyAdministrators: d.base.KeyAdministratorARNs, BreakGlassRole: d.base.BreakGlassRoleARN,
		Port:          db.Port,
		AlarmTopicARN: d.base.OperationsTopicARN, AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region,
	}, inDR); err != nil {
		return err
	}
	if d.files, err = data.NewFiles(ctx, name+"-files", &data.FilesArgs{
		Settings: cfg.Files, AccountID: d.base.AccountID, Partition: d.base.Partition, Region: d.base.Region, KeyAdmins: drKeyAdmins(d),
		KeyReaders: drServiceRoles(cfg, func(s compute.Service) bool { return s.Files == spec.FilesRead }, compute.TaskRoleName),
		// S3 writes the replicas with the replication role.
		KeyWriters: append(drServiceRoles(cfg, func(s compute.Service) bool { return s.Files == spec.FilesWrite }, compute.TaskRoleName),
			drReplicationRole(cfg)),
	}, inDR); err != nil {
		return err
	}
	_, err = dr.NewReplication(ctx, drReplicationName(cfg), &dr.ReplicationArgs{
		Settings:         cfg.DR.Files,
		SourceBucketName: st.files.BucketName, SourceBucketARN: st.files.BucketARN, SourceKeyARN: st.files.KMSKeyARN,
		DestinationBucketName: d.files.BucketName, DestinationBucketARN: d.files.BucketARN, DestinationKeyARN: d.files.KMSKeyARN,
		Buckets: []pulumi.Resource{st.files, d.files}, Region: cfg.Region, DRRegion: cfg.DR.Region, DRProvider: st.drProvider,
		AlarmTopicARN: st.base.OperationsTopicARN, AccountID: st.base.AccountID, Partition: st.base.Partition,
		RepositoryKeyARN: d.cluster.KeyARN,
	}, opts...)
	return err
}

// replicatedRepositories are the DR region's replicas of the primary's repositories: ECR replication keeps
// the repository name, so only the region in the URL and ARN changes.
func replicatedRepositories(cfg *config.Config, urls map[string]pulumi.StringOutput) map[string]compute.Repository {
	out := map[string]compute.Repository{}
	for svc, url := range urls {
		drURL := url.ApplyT(func(u string) string {
			return strings.Replace(u, ".dkr.ecr."+cfg.Region+".", ".dkr.ecr."+cfg.DR.Region+".", 1)
		}).(pulumi.StringOutput)
		arn := url.ApplyT(func(u string) string {
			account, _, _ := strings.Cut(u, ".")
			_, repo, _ := strings.Cut(u, "/")
			return ecrtemplate.RepositoryARN(cfg.Partition(), cfg.DR.Region, account, repo)
		}).(pulumi.StringOutput)
		out[svc] = compute.Repository{URL: drURL, ARN: arn}
	}
	return out
}

// declareNames declares the private zone of the internal names, associated with both VPCs, pointing at the
// primary: db at the database, each AWS-side service at the load balancer. The failover switches them.
func declareNames(ctx *pulumi.Context, cfg *config.Config, st *stack, opts []pulumi.ResourceOption) error {
	targets := map[string]pulumi.StringInput{"db": st.database.Address}
	for svc, s := range cfg.Services.Services {
		if !s.OnPrem {
			targets[svc] = st.cluster.ALBDNSName
		}
	}
	var err error
	st.dr.names, err = dr.NewNames(ctx, cfg.Stack+"-names", &dr.NamesArgs{
		Domain:  cfg.DR.Zone,
		VPCs:    map[string]pulumi.StringInput{cfg.Region: st.vpc.VPCID, cfg.DR.Region: st.dr.vpc.VPCID},
		Targets: targets,
	}, opts...)
	return err
}

// exportDR exports what the failover command (cmd/drfailover) and the data centre's teams read: the
// strategy and region always; the standby's ids, names and tunnels with one.
func exportDR(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	ctx.Export("drStrategy", pulumi.String(string(cfg.DR.Strategy)))
	ctx.Export("drRegion", pulumi.String(cfg.DR.Region))
	d := st.dr
	if d == nil {
		return
	}
	ctx.Export("drVpcId", d.vpc.VPCID)
	ctx.Export("drVpcCidr", d.vpc.CIDR)
	ctx.Export("drTransitGatewayId", d.transit.TransitGatewayID)
	ctx.Export("drVpnTunnels", d.transit.VPNTunnels)
	ctx.Export("drVpnCustomerGatewayConfigurations", pulumi.ToStringMapOutput(d.transit.CustomerGatewayConfigurations)) // secret: pre-shared keys
	ctx.Export("drDnsInboundEndpointIps", d.dns.InboundEndpointIPs)
	ctx.Export("drAlarmTopicArn", d.base.OperationsTopicARN)
	ctx.Export("drClusterName", d.cluster.ClusterName)
	ctx.Export("drCapacityProviderName", d.cluster.CapacityProviderName)
	ctx.Export("drAlbDnsName", d.cluster.ALBDNSName)
	ctx.Export("databaseIdentifier", pulumi.String(cfg.Project+"-"+cfg.Stack))
	ctx.Export("drDatabaseIdentifier", pulumi.String(cfg.Project+"-"+cfg.Stack+"-dr"))
	ctx.Export("drDatabaseArn", d.replica.InstanceARN)
	ctx.Export("drDatabaseAddress", d.replica.Address)
	ctx.Export("drFileBucketName", d.files.BucketName)
	// What a failover scales each DR service to: the primary's desired count (none run in pilot light).
	counts := pulumi.IntMap{}
	for name := range cfg.DR.Services.Services {
		counts[name] = pulumi.Int(cfg.Services.Services[name].DesiredCount)
	}
	ctx.Export("drServiceCounts", counts)
	ctx.Export("drTaskCount", pulumi.Int(cfg.DR.Compute.TaskCount))
	ctx.Export("internalZoneId", d.names.ZoneID)
	ctx.Export("internalNames", pulumi.ToStringMap(d.names.Names))
}

// drKeyAdmins administer the DR region's component keys: the DR foundation's administrators.
func drKeyAdmins(d *drStack) keys.Admins {
	return keys.Admins{Roles: d.base.KeyAdministratorARNs, BreakGlass: d.base.BreakGlassRoleARN}
}

// drServicesName and drReplicationName are the DR components whose roles the keys name.
func drServicesName(cfg *config.Config) string    { return cfg.Stack + "-dr-services" }
func drReplicationName(cfg *config.Config) string { return cfg.Stack + "-dr-replication" }

// drReplicationRole is the logical name of S3's replication role (dr.Replication names it <name>-files).
func drReplicationRole(cfg *config.Config) string { return drReplicationName(cfg) + "-files" }

// drServiceRoles are the roles (named by roleName) of the DR services that match: the keys of the DR bucket,
// and of the primary's database secret, which the DR services read, name them.
func drServiceRoles(cfg *config.Config, matches func(compute.Service) bool, roleName func(services, service string) string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(cfg.DR.Services.Services)) {
		if matches(cfg.DR.Services.Services[name]) {
			out = append(out, roleName(drServicesName(cfg), name))
		}
	}
	return out
}

// drReplicationReaders are the roles reading the primary file bucket for the DR region: S3's replication role.
func drReplicationReaders(cfg *config.Config) []string {
	if !cfg.DR.Strategy.Standby() {
		return nil
	}
	return []string{drReplicationRole(cfg)}
}
