package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/network"
)

// declareData declares the database, reachable from the cluster's hosts and tasks, the file bucket and the
// gateway that fills it.
func declareData(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	db, vpc, account := cfg.Database, st.vpc, st.base.AccountID
	clients := []pulumi.StringInput{st.cluster.HostSecurityGroupID, st.cluster.TaskSecurityGroupID}
	database, err := data.NewDatabase(ctx, cfg.Stack+"-db", &data.DatabaseArgs{
		Identifier:             cfg.Project + "-" + cfg.Stack,
		EngineVersion:          db.EngineVersion,
		InstanceClass:          db.InstanceClass,
		AllocatedStorageGiB:    db.AllocatedStorageGiB,
		MaxAllocatedStorageGiB: db.MaxAllocatedStorageGiB,
		MultiAZ:                db.MultiAZ,
		BackupRetentionDays:    db.BackupRetentionDays,
		BackupWindow:           db.BackupWindow,
		MaintenanceWindow:      db.MaintenanceWindow,
		DatabaseName:           db.DatabaseName,
		LogRetentionDays:       db.LogRetentionDays,
		Protect:                db.Protect,
		VpcID:                  vpc.VPCID,
		SubnetIDs:              vpc.DataSubnetIDs,
		ClientSecurityGroupIDs: clients,
		OnPremisesCIDRs:        cfg.OnPremises.CIDRs,
		LogsKeyArn:             st.base.LogsKeyARN,
		AccountID:              account,
	}, opts...)
	if err != nil {
		return err
	}

	fs := cfg.FileShare
	files, err := data.NewFiles(ctx, cfg.Stack+"-files", &data.FilesArgs{
		ArchiveAccessDays:     fs.Bucket.ArchiveAccessDays,
		DeepArchiveAccessDays: fs.Bucket.DeepArchiveAccessDays,
		NoncurrentVersionDays: fs.Bucket.NoncurrentVersionDays,
		AccessLogDays:         fs.Bucket.AccessLogDays,
		Protect:               fs.Protect,
		AccountID:             account,
	}, opts...)
	if err != nil {
		return err
	}

	shares := make([]data.Share, 0, len(fs.Shares))
	for _, s := range fs.Shares {
		shares = append(shares, data.Share{Name: s.Name, Prefix: s.Prefix, ClientCIDRs: s.ClientCIDRs, CacheRefreshSeconds: s.CacheRefreshSeconds})
	}
	gw := fs.Gateway
	gatewayArgs := &data.FileGatewayArgs{
		IPAddress:            gw.IPAddress,
		Timezone:             gw.Timezone,
		MaintenanceDayOfWeek: gw.MaintenanceDayOfWeek,
		MaintenanceHour:      gw.MaintenanceHour,
		CacheDiskPath:        gw.CacheDiskPath,
		CacheDiskID:          gw.CacheDiskID,
		Shares:               shares,
		BucketArn:            files.BucketArn,
		BucketKmsKeyArn:      files.KmsKeyArn,
		LogRetentionDays:     gw.LogRetentionDays,
		LogsKeyArn:           st.base.LogsKeyARN,
		AccountID:            account,
		Protect:              fs.Protect,
	}
	if gw.Mode == config.GatewayEC2 {
		// The first app subnet: private, routed to on premises and to the endpoints.
		gatewayArgs.Host = &data.GatewayHost{
			InstanceType: gw.InstanceType, CacheDiskGiB: gw.CacheDiskGiB,
			VpcID: vpc.VPCID.ToStringOutput(), SubnetID: vpc.AppSubnetIDs[0], VpcCIDR: cfg.Network.CIDR,
			ActivationCIDRs: cfg.OnPremises.CIDRs, KmsKeyArn: files.KmsKeyArn,
		}
	}
	if gw.ActivationKey != "" {
		gatewayArgs.ActivationKey = pulumi.ToSecret(pulumi.String(gw.ActivationKey)).(pulumi.StringOutput)
	}
	if gw.UseVpcEndpoint {
		gatewayArgs.VpcEndpointDNSName = vpc.EndpointDNSNames[network.StorageGatewayEndpoint]
	}
	gateway, err := data.NewFileGateway(ctx, cfg.Stack+"-file-gateway", gatewayArgs, opts...)
	if err != nil {
		return err
	}

	st.database, st.files, st.gateway = database, files, gateway
	return nil
}
