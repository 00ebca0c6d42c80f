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
	st.backup, err = data.NewBackup(ctx, backupName(cfg), &data.BackupArgs{
		Settings:             cfg.Backup,
		Resources:            []pulumi.StringInput{st.database.InstanceARN, st.files.BucketARN},
		NotificationTopicARN: st.base.OperationsTopicARN,
		DRProvider:           dr, // always: the DR vault, and so Backup.DRVaultARN, exists in every stack
		AccountID:            st.base.AccountID,
		Partition:            st.base.Partition,
		Region:               st.base.Region,
		KeyAdmins:            keyAdmins(st),
	}, opts...)
	return err
}

// backupName is the Backup component's name, which its role is named after: the keys of the resources it
// backs up, declared first, name the role by it.
func backupName(cfg *config.Config) string { return cfg.Stack + "-backup" }
