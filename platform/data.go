package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/network"
)

// dataTier is what the data components give the rest of the program.
type dataTier struct {
	database *data.Database
	files    *data.Files
	gateway  *data.FileGateway
}

// declareData declares the database, the file bucket and the gateway that fills it. clients are the
// security groups allowed to reach the database (the ECS hosts and tasks).
func declareData(ctx *pulumi.Context, cfg *config.Config, vpc *network.Vpc, account pulumi.StringInput,
	clients []pulumi.StringInput, opts ...pulumi.ResourceOption) (*dataTier, error) {
	db := cfg.Database
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
		VpcID:                  vpc.VpcID,
		SubnetIDs:              vpc.DataSubnetIDs,
		ClientSecurityGroupIDs: clients,
		OnPremisesCIDRs:        cfg.OnPremises.CIDRs,
		LogsKeyArn:             vpc.LogsKeyArn,
		AccountID:              account,
	}, opts...)
	if err != nil {
		return nil, err
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
		return nil, err
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
		LogsKeyArn:           vpc.LogsKeyArn,
		AccountID:            account,
		Protect:              fs.Protect,
	}
	if gw.Mode == config.GatewayEC2 {
		// The first app subnet: private, routed to on premises and to the endpoints.
		gatewayArgs.Host = &data.GatewayHost{
			InstanceType: gw.InstanceType, CacheDiskGiB: gw.CacheDiskGiB,
			VpcID: vpc.VpcID.ToStringOutput(), SubnetID: vpc.AppSubnetIDs[0], VpcCIDR: cfg.Network.CIDR,
			ActivationCIDRs: cfg.OnPremises.CIDRs, KmsKeyArn: files.KmsKeyArn,
		}
	}
	if gw.ActivationKey != "" {
		gatewayArgs.ActivationKey = pulumi.ToSecret(pulumi.String(gw.ActivationKey)).(pulumi.StringOutput)
	}
	if gw.UseVpcEndpoint {
		gatewayArgs.VpcEndpointDNSName = vpc.EndpointDNSNames[config.StorageGatewayEndpoint]
	}
	gateway, err := data.NewFileGateway(ctx, cfg.Stack+"-file-gateway", gatewayArgs, opts...)
	if err != nil {
		return nil, err
	}

	ctx.Export("databaseAddress", database.Address)
	ctx.Export("databasePort", database.Port)
	ctx.Export("databaseSecretArn", database.SecretArn)
	ctx.Export("fileBucketName", files.BucketName)
	mounts := pulumi.StringMap{}
	for share, cmd := range gateway.MountCommands {
		mounts[share] = cmd
	}
	ctx.Export("nfsMountCommands", mounts)
	return &dataTier{database: database, files: files, gateway: gateway}, nil
}
