package platform

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/network"
)

// declareData declares the database, reachable from the cluster's hosts and tasks, the file bucket and the
// gateway that fills it.
func declareData(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	vpc, base := st.vpc, st.base
	database, err := data.NewDatabase(ctx, cfg.Stack+"-db", &data.DatabaseArgs{
		Settings:               cfg.Database,
		Identifier:             cfg.Project + "-" + cfg.Stack,
		VPCID:                  vpc.VPCID,
		SubnetIDs:              vpc.DataSubnetIDs,
		ClientSecurityGroupIDs: []pulumi.StringInput{st.cluster.HostSecurityGroupID, st.cluster.TaskSecurityGroupID},
		OnPremisesCIDRs:        cfg.OnPremises.CIDRs,
		LogsKeyARN:             base.AuditLogsKeyARN,
		AccountID:              base.AccountID,
		Partition:              base.Partition,
		ContinuousBackup:       cfg.Backup.ContinuousRetentionDays > 0,
		Now:                    st.now,
		Region:                 base.Region,
		KeyAdmins:              keyAdmins(st),
		BackupRole:             data.BackupRoleName(backupName(cfg)),
		RestoreRole:            data.RestoreRoleName(backupName(cfg)),
		VaultAccountID:         vaultAccountID(cfg),
		EventsTopicARN:         base.OperationsTopicARN,
	}, opts...)
	if err != nil {
		return err
	}
	var archive []string // the shares that opt into the archive tiers, in name order
	for _, name := range slices.Sorted(maps.Keys(cfg.FileGateway.Shares)) {
		if share := cfg.FileGateway.Shares[name]; share.Archive {
			archive = append(archive, share.Prefix)
		}
	}
	files, err := data.NewFiles(ctx, cfg.Stack+"-files", &data.FilesArgs{
		Settings: cfg.Files, AccountID: base.AccountID, Partition: base.Partition, Region: base.Region, KeyAdmins: keyAdmins(st),
		KeyReaders: append(serviceRoles(cfg, func(s compute.Service) bool { return s.Files == spec.FilesRead }, compute.TaskRoleName),
			drReplicationReaders(cfg)...),
		// The gateway's and the backup roles are named after their components; the restore role writes the
		// restored objects back.
		KeyWriters: append(serviceRoles(cfg, func(s compute.Service) bool { return s.Files == spec.FilesWrite }, compute.TaskRoleName),
			gatewayName(cfg), data.BackupRoleName(backupName(cfg)), data.RestoreRoleName(backupName(cfg))),
		ArchivePrefixes: archive,
	}, opts...)
	if err != nil {
		return err
	}
	gatewayArgs := &data.FileGatewayArgs{
		Settings:        cfg.FileGateway,
		BucketARN:       files.BucketARN,
		BucketKMSKeyARN: files.KMSKeyARN,
		LogsKeyARN:      base.AuditLogsKeyARN,
		AccountID:       base.AccountID,
		Region:          base.Region,
		// An EC2 gateway runs in the first app subnet: private, routed to on premises and to the endpoints.
		// A VM ignores these.
		VPCID:           vpc.VPCID.ToStringOutput(),
		SubnetID:        vpc.AppSubnetIDs[0],
		VPCCIDR:         cfg.Network.CIDR,
		ActivationCIDRs: cfg.OnPremises.CIDRs,
	}
	// Used when the gateway is configured to; config checks the endpoints exist then.
	if dns, ok := vpc.EndpointDNSNames[network.StorageGatewayEndpoint]; ok {
		gatewayArgs.VPCEndpointDNSName = dns
		gatewayArgs.EndpointClientSecurityGroupID = vpc.StorageGatewayClientSecurityGroupID.ToStringOutput()
	}
	if dns, ok := vpc.EndpointDNSNames[network.S3Endpoint]; ok {
		gatewayArgs.S3EndpointDNSName, gatewayArgs.BucketRegion = dns, cfg.Region
	}
	gateway, err := data.NewFileGateway(ctx, gatewayName(cfg), gatewayArgs, opts...)
	if err != nil {
		return err
	}

	st.database, st.files, st.gateway = database, files, gateway
	return nil
}

// gatewayName is the FileGateway component's name, which its bucket role is named after.
func gatewayName(cfg *config.Config) string { return cfg.Stack + "-file-gateway" }

// serviceRoles are the logical names of a role (named by roleName) of every service that matches, in name
// order: the data tier's keys, declared before the services, name them.
func serviceRoles(cfg *config.Config, matches func(compute.Service) bool, roleName func(services, service string) string) []string {
	var out []string
	for _, name := range slices.Sorted(maps.Keys(cfg.Services.Services)) {
		if matches(cfg.Services.Services[name]) {
			out = append(out, roleName(servicesName(cfg), name))
		}
	}
	return out
}
