package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
)

// declareBackup backs up the data tier, with copies in the DR region through a second provider carrying the
// same tags (newDRProvider); failed jobs notify the operations topic.
func declareBackup(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	var err error
	st.backup, err = data.NewBackup(ctx, cfg.Stack+"-backup", &data.BackupArgs{
		Settings:             cfg.Backup,
		Resources:            []pulumi.StringInput{st.database.InstanceARN, st.files.BucketARN},
		ResourceKeyARNs:      []pulumi.StringInput{st.database.KMSKeyARN, st.files.KMSKeyARN},
		NotificationTopicARN: st.base.OperationsTopicARN,
		DRProvider:           st.drProvider, // always: the DR vault, and so Backup.DRVaultARN, exists in every stack
		AccountID:            st.base.AccountID,
		Partition:            st.base.Partition,
	}, opts...)
	return err
}
