package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/network"
)

// declareBackup backs up the data tier, with copies in the DR region through a second provider carrying the
// same tags. alerts receives failed jobs (nil: no notifications).
func declareBackup(ctx *pulumi.Context, cfg *config.Config, tier *dataTier, account, alerts pulumi.StringInput,
	opts ...pulumi.ResourceOption) (*data.Backup, error) {
	dr, err := aws.NewProvider(ctx, "aws-dr", &aws.ProviderArgs{
		Region:      pulumi.String(cfg.Backup.DRRegion),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
	if err != nil {
		return nil, err
	}
	rules := make([]data.BackupRule, 0, len(cfg.Backup.Rules))
	for _, r := range cfg.Backup.Rules {
		rules = append(rules, data.BackupRule{Name: r.Name, Schedule: r.Schedule, RetentionDays: r.RetentionDays,
			ColdStorageAfterDays: r.ColdStorageAfterDays, CopyToDR: r.CopyToDR})
	}
	args := &data.BackupArgs{
		Rules:                   rules,
		ContinuousRetentionDays: cfg.Backup.ContinuousRetentionDays,
		Resources:               []pulumi.StringInput{tier.database.InstanceArn, tier.files.BucketArn},
		ResourceKeyArns:         []pulumi.StringInput{tier.database.KmsKeyArn, tier.files.KmsKeyArn},
		NotificationTopicArn:    alerts,
		DRProvider:              dr,
		AccountID:               account,
		Protect:                 cfg.Backup.Protect,
	}
	if l := cfg.Backup.VaultLock; l != nil {
		args.VaultLock = &data.VaultLock{MinRetentionDays: l.MinRetentionDays, MaxRetentionDays: l.MaxRetentionDays, ChangeableForDays: l.ChangeableForDays}
	}
	b, err := data.NewBackup(ctx, cfg.Stack+"-backup", args, opts...)
	if err != nil {
		return nil, err
	}
	ctx.Export("backupVaultArn", b.VaultArn)
	ctx.Export("drBackupVaultArn", b.DRVaultArn)
	return b, nil
}

// declareManagement puts the servers of both sides under Systems Manager. roles are the roles of nodes
// registered by other components (ECS hosts, ECS Anywhere hosts), which must follow the session preferences.
func declareManagement(ctx *pulumi.Context, cfg *config.Config, vpc *network.Vpc, account pulumi.StringInput,
	roles []pulumi.StringInput, opts ...pulumi.ResourceOption) (*hybrid.Management, error) {
	m := cfg.Management
	baselines := make([]hybrid.PatchBaseline, 0, len(m.PatchBaselines))
	for _, b := range m.PatchBaselines {
		baselines = append(baselines, hybrid.PatchBaseline{OperatingSystem: b.OperatingSystem, ApproveAfterDays: b.ApproveAfterDays,
			ComplianceLevel: b.ComplianceLevel, PatchGroups: b.PatchGroups})
	}
	activations := make([]hybrid.Activation, 0, len(m.Activations))
	for _, a := range m.Activations {
		activations = append(activations, hybrid.Activation{PatchGroup: a.PatchGroup, RegistrationLimit: a.RegistrationLimit,
			ExpiresOn: a.ExpiresOn, Windows: a.OperatingSystem == "WINDOWS"})
	}
	mgmt, err := hybrid.NewManagement(ctx, cfg.Stack+"-management", &hybrid.ManagementArgs{
		Activations:               activations,
		PatchBaselines:            baselines,
		PatchSchedule:             m.PatchWindow.Schedule,
		PatchDurationHours:        m.PatchWindow.DurationHours,
		PatchCutoffHours:          m.PatchWindow.CutoffHours,
		SessionIdleTimeoutMinutes: m.SessionIdleTimeoutMinutes,
		LogRetentionDays:          m.SessionLogRetentionDays,
		LogsKeyArn:                vpc.LogsKeyArn,
		ManagedRoleNames:          roles,
		Region:                    cfg.Region,
		AccountID:                 account,
	}, opts...)
	if err != nil {
		return nil, err
	}
	ids, codes, commands := pulumi.StringMap{}, pulumi.StringMap{}, pulumi.StringMap{}
	for group := range mgmt.RegistrationCommands {
		ids[group] = mgmt.ActivationIDs[group].ToStringOutput()
		codes[group] = mgmt.ActivationCodes[group]
		commands[group] = mgmt.RegistrationCommands[group]
	}
	// By patch group; codes and commands are secrets.
	ctx.Export("serverActivationIds", ids)
	ctx.Export("serverActivationCodes", codes)
	ctx.Export("serverRegistrationCommands", commands)
	ctx.Export("sessionLogGroup", mgmt.SessionLogGroupName)
	return mgmt, nil
}
