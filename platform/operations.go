package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
)

// declareBackup backs up the data tier, with copies in the DR region through a second provider carrying the
// same tags; failed jobs notify the operations topic.
func declareBackup(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	dr, err := aws.NewProvider(ctx, "aws-dr", &aws.ProviderArgs{
		Region:      pulumi.String(cfg.Backup.DRRegion),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
	if err != nil {
		return err
	}
	rules := make([]data.BackupRule, 0, len(cfg.Backup.Rules))
	for _, r := range cfg.Backup.Rules {
		rules = append(rules, data.BackupRule{Name: r.Name, Schedule: r.Schedule, RetentionDays: r.RetentionDays,
			ColdStorageAfterDays: r.ColdStorageAfterDays, CopyToDR: r.CopyToDR})
	}
	args := &data.BackupArgs{
		Rules:                   rules,
		ContinuousRetentionDays: cfg.Backup.ContinuousRetentionDays,
		Resources:               []pulumi.StringInput{st.database.InstanceArn, st.files.BucketArn},
		ResourceKeyArns:         []pulumi.StringInput{st.database.KmsKeyArn, st.files.KmsKeyArn},
		NotificationTopicArn:    st.base.OperationsTopicARN,
		DRProvider:              dr,
		AccountID:               st.base.AccountID,
		Protect:                 cfg.Backup.Protect,
	}
	if l := cfg.Backup.VaultLock; l != nil {
		args.VaultLock = &data.VaultLock{MinRetentionDays: l.MinRetentionDays, MaxRetentionDays: l.MaxRetentionDays, ChangeableForDays: l.ChangeableForDays}
	}
	st.backup, err = data.NewBackup(ctx, cfg.Stack+"-backup", args, opts...)
	return err
}
