package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/internal/deploy/dbuser"
	"github.com/insurance/hybridcloud/network"
)

// export is every stack output, in one place: what operators, the data centre's teams and CI read after
// an up (README.md, "Operator hand-off", says who uses each and where; a test keeps the two equal). Outputs
// holding an activation code, a pre-shared key or a command with a code in it are secret.
func export(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	exportNetwork(ctx, cfg, st)
	exportCompute(ctx, cfg, st)
	exportData(ctx, cfg, st)
	exportOperations(ctx, cfg, st)
}

// exportNetwork exports the network, the groups other teams reference, and hybrid connectivity and DNS.
func exportNetwork(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	ctx.Export("environment", pulumi.String(string(cfg.Environment)))
	ctx.Export("alarmTopicArn", st.base.OperationsTopicARN)

	// Network.
	ctx.Export("vpcId", st.vpc.VPCID)
	ctx.Export("vpcCidr", st.vpc.CIDR)
	ctx.Export("availabilityZones", pulumi.ToStringArray(st.vpc.AvailabilityZones))
	ctx.Export("appSubnetIds", st.vpc.AppSubnetIDs)
	ctx.Export("dataSubnetIds", st.vpc.DataSubnetIDs)
	ctx.Export("routeTableIds", pulumi.Map{"public": st.vpc.PublicRouteTableID, "app": st.vpc.AppRouteTableIDs, "data": st.vpc.DataRouteTableIDs})
	ctx.Export("natPublicIps", st.vpc.NATPublicIPs)
	// The groups other teams reference: their clients' rules name the load balancer's and the database's
	// groups, and the hosts', tasks' and endpoints' groups are what those admit.
	ctx.Export("securityGroupIds", pulumi.Map{
		"loadBalancer": st.cluster.ALBSecurityGroupID,
		"hosts":        st.cluster.HostSecurityGroupID,
		"tasks":        st.cluster.TaskSecurityGroupID,
		"database":     st.database.SecurityGroupID,
		"endpoints":    st.vpc.EndpointSecurityGroupID,
	})

	// Hybrid connectivity and DNS: what the on-premises routers and DNS servers are configured with.
	ctx.Export("hybridMode", pulumi.String(string(cfg.Connectivity.Mode)))
	ctx.Export("transitGatewayId", st.connectivity.TransitGatewayID)
	ctx.Export("transitGatewayVpcRouteTableId", st.connectivity.VPCRouteTableID)
	ctx.Export("directConnectBgpPeers", bgpPeerSheets(cfg, st))
	ctx.Export("vpnTunnels", st.connectivity.VPNTunnels)
	configurations := pulumi.StringMap{}
	for router, doc := range st.connectivity.CustomerGatewayConfigurations {
		configurations[router] = doc
	}
	ctx.Export("vpnCustomerGatewayConfigurations", configurations) // secret: the documents hold the pre-shared keys
	ctx.Export("dnsInboundEndpointIps", st.dns.InboundEndpointIPs)
	forwarders := pulumi.StringArrayMap{}
	for _, zone := range network.ForwarderZones(cfg.Network.Endpoints, cfg.Region) {
		forwarders[zone] = st.dns.InboundEndpointIPs
	}
	ctx.Export("onPremisesDnsForwarders", forwarders)
	ctx.Export("resolverOutboundIps", st.dns.OutboundEndpointIPs)

}

// exportCompute exports the cluster, its load balancer, ECS Anywhere registration and the repositories.
func exportCompute(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	// Compute: the cluster, its load balancer, ECS Anywhere registration, the repositories CI pushes to.
	ctx.Export("clusterName", st.cluster.ClusterName)
	ctx.Export("albDnsName", st.cluster.ALBDNSName)
	if cfg.Cluster.Anywhere.Enabled { // the activation outputs are set only then
		ctx.Export("ecsAnywhereActivationId", st.cluster.AnywhereActivationID)
		ctx.Export("ecsAnywhereActivationCode", st.cluster.AnywhereActivationCode) // secret
		commands := pulumi.StringMap{}
		for host, command := range st.cluster.AnywhereRegistrationCommands {
			commands[string(host)] = command
		}
		ctx.Export("ecsAnywhereRegistrationCommands", commands) // secret: by OS family, each holds the code
	}
	urls := pulumi.StringMap{}
	for name, url := range st.services.RepositoryURLs {
		urls[name] = url
	}
	ctx.Export("ecrRepositoryUrls", urls)

}

// exportData exports the database, the file bucket and the NFS mounts.
func exportData(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	// Data: the database (its master secret is for operators and make db-bootstrap; each service logs in
	// as its own role, listed in databaseUsers), the file bucket and the NFS mounts.
	ctx.Export("databaseAddress", st.database.Address)
	ctx.Export("databasePort", st.database.Port)
	ctx.Export("databaseName", pulumi.String(cfg.Database.DatabaseName))
	ctx.Export("databaseResourceId", st.database.ResourceID)
	users := pulumi.StringMap{}
	for _, service := range cfg.Services.DatabaseServices() {
		users[service] = pulumi.String(dbuser.Name(service))
	}
	ctx.Export("databaseUsers", users)
	ctx.Export("databaseSecretArn", st.database.SecretARN)
	ctx.Export("fileBucketName", st.files.BucketName)
	mounts := pulumi.StringMap{}
	for share, cmd := range st.gateway.MountCommands {
		mounts[share] = cmd
	}
	ctx.Export("nfsMountCommands", mounts)
	// What hybridcloud:fileShare.gateway.cacheDiskId takes after the first activation (docs/operations.md).
	ctx.Export("fileGatewayCacheDiskId", st.gateway.CacheDiskID)
	fstab := pulumi.StringMap{}
	for share, line := range st.gateway.FstabLines {
		fstab[share] = line
	}
	ctx.Export("nfsFstabLines", fstab)

}

// exportOperations exports backups, server registration, session logs and disaster recovery.
func exportOperations(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	// Operations: backup vaults, server registration by patch group, session logs.
	ctx.Export("backupVaultArn", st.backup.VaultARN)
	ctx.Export("backupRestoreRoleArn", st.backup.RestoreRoleARN)
	if cfg.Backup.CopiesToDR() {
		ctx.Export("drBackupVaultArn", st.backup.DRVaultARN)
	}
	if cfg.Backup.VaultAccount != nil {
		ctx.Export("accountBackupVaultArn", st.backup.AccountVaultARN)
	}
	ids, codes, commands := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	for group := range st.management.RegistrationCommands {
		ids[group] = st.management.ActivationIDs[group].ToStringOutput()
		codes[group] = st.management.ActivationCodes[group]
		commands[group] = st.management.RegistrationCommands[group]
	}
	ctx.Export("serverActivationIds", ids)
	ctx.Export("serverActivationCodes", codes)         // secret
	ctx.Export("serverRegistrationCommands", commands) // secret
	ctx.Export("sessionLogGroup", st.management.SessionLogGroupName)

	// Disaster recovery: the standby and the internal names (platform/dr.go).
	exportDR(ctx, cfg, st)
}

// bgpPeerSheets are the Direct Connect BGP peer sheets, each with the command that reads its MD5 key from
// the stack's configuration: the network team needs the key, and the sheet says where it is without
// holding it.
func bgpPeerSheets(cfg *config.Config, st *stack) pulumi.Map {
	sheets := pulumi.Map{}
	for conn, peer := range st.connectivity.BGPPeers {
		sheet := pulumi.Map{"bgpAuthKeyFrom": pulumi.String(cfg.BGPAuthKeyReadCommand(conn))}
		for k, v := range peer {
			sheet[k] = v
		}
		sheets[conn] = sheet
	}
	return sheets
}
