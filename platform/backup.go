package platform

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
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
	var account pulumi.ProviderResource
	if a := cfg.Backup.VaultAccount; a != nil {
		var err error
		if account, err = newVaultAccountProvider(ctx, cfg, *a); err != nil {
			return err
		}
	}
	var err error
	st.backup, err = data.NewBackup(ctx, backupName(cfg), &data.BackupArgs{
		Settings:             cfg.Backup,
		Resources:            []pulumi.StringInput{st.database.InstanceARN, st.files.BucketARN},
		NotificationTopicARN: st.base.OperationsTopicARN,
		DRProvider:           dr,
		VaultAccountProvider: account,
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

// newVaultAccountProvider is the separate backup account's provider: its deploying role assumed, the stack's
// region and tags, and the account pinned (allowedAccountIds), so a wrong role ARN fails the deployment
// instead of declaring the vault in whatever account the role belongs to.
func newVaultAccountProvider(ctx *pulumi.Context, cfg *config.Config, a data.VaultAccount) (*aws.Provider, error) {
	return aws.NewProvider(ctx, "aws-vault-account", &aws.ProviderArgs{
		Region:            pulumi.String(cfg.Region),
		AllowedAccountIds: pulumi.StringArray{pulumi.String(a.AccountID)},
		AssumeRole: &aws.ProviderAssumeRoleArgs{
			RoleArn:     pulumi.String(a.RoleARN),
			SessionName: pulumi.String(cfg.Project + "-" + cfg.Stack + "-backup"),
		},
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
}

// vaultAccountID is the separate backup account's id, or "" without one.
func vaultAccountID(cfg *config.Config) string {
	if a := cfg.Backup.VaultAccount; a != nil {
		return a.AccountID
	}
	return ""
}
