package data

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const (
	vaultAccountID  = "444455556666"
	vaultDeployer   = "arn:aws:iam::444455556666:role/backup-deployer"
	vaultBreakGlass = "arn:aws:iam::444455556666:role/backup-break-glass"
)

func withVaultAccount(args *BackupArgs) *BackupArgs {
	args.Settings.VaultAccount = &VaultAccount{AccountID: vaultAccountID, RoleARN: vaultDeployer,
		KeyAdministrators: []string{"arn:aws:iam::444455556666:role/backup-key-admin", vaultDeployer}, BreakGlassRole: vaultBreakGlass}
	return args
}

func TestEveryScheduledRuleCopiesToTheVaultAccountAndTheDRRulesToDRToo(t *testing.T) {
	dr, account := pulumi.String("arn:dr-vault"), pulumi.String("arn:account-vault")
	rules := planRules(testBackupArgs().Settings, pulumi.String("vault"), copyVaults{dr: dr, account: account})
	want := map[string][]pulumi.StringInput{"daily": {dr, account}, "weekly": {account}, "monthly": {dr, account}}
	for _, r := range rules {
		rule := r.(backup.PlanRuleArgs)
		name := string(rule.RuleName.(pulumi.String))
		if name == "continuous" {
			assert.Nil(t, rule.CopyActions, "a copy of a continuous backup is only a snapshot, which the scheduled rules copy")
			continue
		}
		var got []pulumi.StringInput
		for _, c := range rule.CopyActions.(backup.PlanRuleCopyActionArray) {
			action := c.(backup.PlanRuleCopyActionArgs)
			got = append(got, action.DestinationVaultArn)
			assert.Equal(t, backup.PlanRuleCopyActionLifecycleArgs(rule.Lifecycle.(backup.PlanRuleLifecycleArgs)), action.Lifecycle, name)
		}
		assert.Equal(t, want[name], got, name)
	}
}

func TestTheVaultAccountsVaultIsDeclaredThereLockedAndOnlyItsBreakGlassRoleDestroysIt(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, b := runBackup(t, mode, withVaultAccount(testBackupArgs()), false)
		vault := plantest.Named(t, res, token.BackupVault, "test-backup-account")
		assert.Contains(t, vault.Provider, "pulumi:providers:aws::aws-vault-account::", mode)
		key := plantest.Named(t, res, token.KMSKey, "test-backup-account")
		assert.Contains(t, key.Provider, "aws-vault-account", "%s: the key lives in the backup account too", mode)
		assert.Equal(t, []string{key.URN}, vault.Dependencies["kmsKeyArn"], mode)
		assert.True(t, vault.Protect, mode)
		assert.Contains(t, plantest.Named(t, res, token.BackupVaultLockConfiguration, "test-backup-account").Provider, "aws-vault-account", mode)
		p := plantest.Named(t, res, token.BackupPlan, "test-backup")
		assert.Contains(t, p.DependsOn, vault.URN, "%s: the plan waits for the vault it copies into", mode)
		daily := p.Props()["rules"].([]any)[0].(map[string]any)
		assert.Equal(t, "arn:aws:backup:us-east-1:444455556666:backup-vault:test-backup-account",
			daily["copyActions"].([]any)[1].(map[string]any)["destinationVaultArn"], "%s: known in a preview too", mode)
		if mode == plan.Up {
			assert.Equal(t, "arn:aws:backup:us-east-1:123456789012:test-backup-account", plantest.Await(t, b.AccountVaultARN).Value)
		}
	}

	res, _ := runBackup(t, plan.Up, withVaultAccount(testBackupArgs()), false)
	sids := plantest.Statements(t, plantest.Named(t, res, token.BackupVaultPolicy, "test-backup-account").Props()["policy"])
	require.Len(t, sids, 2)
	in := sids["TheStacksAccountCopiesIn"]
	assert.Equal(t, "Allow", in["Effect"])
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, in["Principal"], "the stack's account, as AWS documents")
	assert.Equal(t, "backup:CopyIntoBackupVault", in["Action"], "copying in, nothing else")
	deny := sids["OnlyBreakGlassDestroysRecoveryPoints"]
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": []any{vaultBreakGlass}}}, deny["Condition"],
		"the backup account's break-glass role, not the stack's")
	assert.Contains(t, deny["Action"], "backup:DeleteRecoveryPoint")
}

func TestTheVaultAccountsKeyIsAdministeredThereAndUsedOnlyThroughBackupAndRDS(t *testing.T) {
	res, _ := runBackup(t, plan.Up, withVaultAccount(testBackupArgs()), false)
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-backup-account").Props()["policy"])
	assert.Equal(t, map[string]any{"AWS": []any{vaultDeployer, "arn:aws:iam::444455556666:role/backup-key-admin"}}, sids["KeyAdministration"]["Principal"],
		"the deploying role first, listed once")
	via := []any{"backup.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"}
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"kms:CallerAccount": vaultAccountID, "kms:ViaService": via},
		"ArnLike":      map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::444455556666:role/*"}},
	}, sids["BackupAccountUsesThroughBackup"]["Condition"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": via},
		"ArnLike":      map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/test-backup-jobs-*"}},
	}, sids["StackBackupRoleCopiesThroughBackup"]["Condition"], "the stack's backup role starts the copies, from its own account")
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": vaultBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"])
}

func TestOnlyThePrimaryVaultsKeyIsSharedWithTheVaultAccount(t *testing.T) {
	res, _ := runBackup(t, plan.Up, withVaultAccount(testBackupArgs()), false)
	share := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-backup").Props()["policy"])["BackupAccountCopiesThroughBackup"]
	require.NotNil(t, share, "the copy source's key must be shared with the destination account")
	assert.Equal(t, map[string]any{"AWS": []any{"arn:aws:iam::444455556666:root"}}, share["Principal"])
	assert.Equal(t, []any{"kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"}, share["Action"], "no encryption into the stack's vault")
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": vaultAccountID,
		"kms:ViaService": []any{"backup.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"}}}, share["Condition"])
	assert.NotContains(t, plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-backup-dr").Props()["policy"]), "BackupAccountCopiesThroughBackup",
		"the DR vault copies nowhere")
	plain, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	assert.NotContains(t, plantest.Statements(t, plantest.Named(t, plain, token.KMSKey, "test-backup").Props()["policy"]), "BackupAccountCopiesThroughBackup")
	assert.Len(t, plain.OfType(token.BackupVault), 2, "no vault account: no third vault")
}

func TestAVaultAccountWithoutItsProviderIsRefused(t *testing.T) {
	args := withVaultAccount(testBackupArgs())
	assert.ErrorContains(t, args.validate(), "a vault account and its provider come together")
	args = testBackupArgs()
	args.VaultAccountProvider = &struct{ pulumi.ProviderResourceState }{}
	assert.ErrorContains(t, args.validate(), "a vault account and its provider come together")
}
