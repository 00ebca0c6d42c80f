package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/network"
)

// export is every stack output, in one place: what operators, the data centre's teams and CI read after
// an up. Outputs holding an activation code, a pre-shared key or a command with a code in it are secret.
func export(ctx *pulumi.Context, cfg *config.Config, st *stack) {
	ctx.Export("environment", pulumi.String(string(cfg.Environment)))
	ctx.Export("alarmTopicArn", st.base.OperationsTopicARN)

	// Network.
	ctx.Export("vpcId", st.vpc.VPCID)
	ctx.Export("vpcCidr", st.vpc.CIDR)
	ctx.Export("availabilityZones", pulumi.ToStringArray(st.vpc.AvailabilityZones))
	ctx.Export("appSubnetIds", st.vpc.AppSubnetIDs)
	ctx.Export("dataSubnetIds", st.vpc.DataSubnetIDs)
	ctx.Export("routeTableIds", pulumi.Map{"public": st.vpc.PublicRouteTableID, "app": st.vpc.AppRouteTableIDs, "data": st.vpc.DataRouteTableIDs})

	// Hybrid connectivity and DNS: what the on-premises routers and DNS servers are configured with.
	ctx.Export("hybridMode", pulumi.String(string(cfg.Connectivity.Mode)))
	ctx.Export("transitGatewayId", st.connectivity.TransitGatewayID)
	ctx.Export("transitGatewayVpcRouteTableId", st.connectivity.VPCRouteTableID)
	ctx.Export("directConnectBgpPeers", st.connectivity.BGPPeers)
	ctx.Export("vpnTunnels", st.connectivity.VPNTunnels)
	ctx.Export("dnsInboundEndpointIps", st.dns.InboundEndpointIPs)
	forwarders := pulumi.StringArrayMap{}
	for _, zone := range network.ForwarderZones(cfg.Network.Endpoints, cfg.Region) {
		forwarders[zone] = st.dns.InboundEndpointIPs
	}
	ctx.Export("onPremisesDnsForwarders", forwarders)
	ctx.Export("resolverOutboundIps", st.dns.OutboundEndpointIPs)

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

	// Data: the database, the file bucket and the NFS mounts.
	ctx.Export("databaseAddress", st.database.Address)
	ctx.Export("databasePort", st.database.Port)
	ctx.Export("databaseSecretArn", st.database.SecretARN)
	ctx.Export("fileBucketName", st.files.BucketName)
	mounts := pulumi.StringMap{}
	for share, cmd := range st.gateway.MountCommands {
		mounts[share] = cmd
	}
	ctx.Export("nfsMountCommands", mounts)

	// Operations: backup vaults, server registration by patch group, session logs.
	ctx.Export("backupVaultArn", st.backup.VaultARN)
	ctx.Export("drBackupVaultArn", st.backup.DRVaultARN)
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
}
