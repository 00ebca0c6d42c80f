package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
)

// declareBackup backs up the data tier, with copies in the DR region through a second provider carrying the
// same tags (newDRProvider); failed jobs notify the operations topic.
func declareBackup(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	// A DR vault nothing copies to only costs a key: without a copying rule the Backup gets no DR provider,
	// and so no DR vault (the standby, when there is one, still has the provider).
	var dr pulumi.ProviderResource
	if cfg.Backup.CopiesToDR() {
		dr = st.drProvider
	}
	var err error
	st.backup, err = data.NewBackup(ctx, backupName(cfg), &data.BackupArgs{
		Settings:             cfg.Backup,
		Resources:            []pulumi.StringInput{st.database.InstanceARN, st.files.BucketARN},
		NotificationTopicARN: st.base.OperationsTopicARN,
		DRProvider:           dr,
		AccountID:            st.base.AccountID,
		Partition:            st.base.Partition,
		Region:               st.base.Region,
		KeyAdmins:            keyAdmins(st),
	}, opts...)
	return err
}

// backupName is the Backup component's name, which its roles are named after (data.BackupRoleName,
// data.RestoreRoleName): the keys of the resources it backs up, declared first, name the roles by it.
func backupName(cfg *config.Config) string { return cfg.Stack + "-backup" }
