package data

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeVault = "aws:backup/vault:Vault"
	typePlan  = "aws:backup/plan:Plan"
)

func testBackupArgs() *BackupArgs {
	return &BackupArgs{
		Rules: []BackupRule{
			{Name: "daily", Schedule: "cron(0 5 * * ? *)", RetentionDays: 35, CopyToDR: true},
			{Name: "monthly", Schedule: "cron(0 7 1 * ? *)", RetentionDays: 2557, ColdStorageAfterDays: 90, CopyToDR: true},
		},
		ContinuousRetentionDays: 35,
		VaultLock:               &VaultLock{MinRetentionDays: 7, MaxRetentionDays: 2557},
		Resources:               []pulumi.StringInput{pulumi.String("arn:aws:rds:us-east-1:123456789012:db:app"), pulumi.String("arn:aws:s3:::files")},
		ResourceKeyArns:         []pulumi.StringInput{pulumi.String("arn:aws:kms:us-east-1:123456789012:key/db")},
		NotificationTopicArn:    pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"),
		AccountID:               testAccount,
		Protect:                 true,
	}
}

// runBackup declares a Backup with a DR provider in us-west-2.
func runBackup(t *testing.T, args *BackupArgs) *plan.Result {
	return run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) error {
		dr, err := aws.NewProvider(ctx, "aws-dr", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		args.DRProvider = dr
		_, err = NewBackup(ctx, "test-backup", args, opts...)
		return err
	})
}

func TestVaultsAreEncryptedLockedAndProtected(t *testing.T) {
	res := runBackup(t, testBackupArgs())
	for _, name := range []string{"test-backup", "test-backup-dr"} {
		vault := plantest.Named(t, res, typeVault, name)
		key := plantest.Named(t, res, typeKey, name)
		assert.Equal(t, []string{key.URN}, vault.Dependencies["kmsKeyArn"], name)
		assert.Equal(t, true, key.Props()["enableKeyRotation"], name)
		assert.True(t, vault.Protect, name)
		assert.True(t, key.Protect, name)
		assert.Equal(t, false, vault.Props()["forceDestroy"], name)
		lock := plantest.Named(t, res, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", name).Props()
		assert.Equal(t, 7.0, lock["minRetentionDays"], name)
		assert.Equal(t, 2557.0, lock["maxRetentionDays"], name)
		assert.NotContains(t, lock, "changeableForDays", "%s: governance mode unless a grace period is configured", name)
	}
	dr := plantest.Named(t, res, typeVault, "test-backup-dr")
	assert.Contains(t, dr.Provider, "aws-dr", "the DR vault lives in the DR region")
	assert.NotContains(t, plantest.Named(t, res, typeVault, "test-backup").Provider, "aws-dr")
}

func TestPlanRulesKeepTheirLifecycleAndCopyToDR(t *testing.T) {
	res := runBackup(t, testBackupArgs())
	rules := one(t, res, typePlan).Props()["rules"].([]any)
	require.Len(t, rules, 3)
	daily, monthly, continuous := rules[0].(map[string]any), rules[1].(map[string]any), rules[2].(map[string]any)

	assert.Equal(t, map[string]any{"deleteAfter": 35.0}, daily["lifecycle"])
	assert.Equal(t, map[string]any{"deleteAfter": 2557.0, "coldStorageAfter": 90.0, "optInToArchiveForSupportedResources": true}, monthly["lifecycle"])
	drVault := "arn:aws:backup:us-east-1:123456789012:test-backup-dr" // the mock ARN of the DR vault
	for _, r := range []map[string]any{daily, monthly} {
		copies := r["copyActions"].([]any)
		require.Len(t, copies, 1, r["ruleName"])
		c := copies[0].(map[string]any)
		assert.Equal(t, drVault, c["destinationVaultArn"], r["ruleName"])
		assert.Equal(t, r["lifecycle"], c["lifecycle"], "%s: the copy is kept as long as the original", r["ruleName"])
	}
	assert.Equal(t, true, continuous["enableContinuousBackup"])
	assert.Equal(t, map[string]any{"deleteAfter": 35.0}, continuous["lifecycle"])
}

func TestSelectionCoversTheDatabaseTheBucketAndTaggedResources(t *testing.T) {
	res := runBackup(t, testBackupArgs())
	sel := one(t, res, "aws:backup/selection:Selection").Props()
	assert.Equal(t, []any{"arn:aws:rds:us-east-1:123456789012:db:app", "arn:aws:s3:::files"}, sel["resources"])
	assert.Equal(t, []any{map[string]any{"type": "STRINGEQUALS", "key": BackupTag, "value": "true"}}, sel["selectionTags"])

	role := plantest.Named(t, res, "aws:iam/role:Role", "test-backup").Props()
	assert.ElementsMatch(t, []any{
		"arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
		"arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
		"arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
		"arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
	}, role["managedPolicyArns"])
	keys := document(t, plantest.Named(t, res, "aws:iam/rolePolicy:RolePolicy", "test-backup-keys").Props()["policy"])
	assert.Equal(t, []any{"arn:aws:kms:us-east-1:123456789012:key/db"}, keys["Statement"].([]any)[0].(map[string]any)["Resource"])
}

func TestFailedAndExpiredJobsReachTheOperationsTopic(t *testing.T) {
	res := runBackup(t, testBackupArgs())
	pattern := document(t, one(t, res, "aws:cloudwatch/eventRule:EventRule").Props()["eventPattern"])
	assert.Equal(t, []any{"aws.backup"}, pattern["source"])
	assert.Equal(t, map[string]any{"state": []any{"FAILED", "ABORTED", "EXPIRED"}}, pattern["detail"])
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops", one(t, res, "aws:cloudwatch/eventTarget:EventTarget").Props()["arn"])
}

func TestBackupArgsAreChecked(t *testing.T) {
	args := testBackupArgs()
	args.Rules[1].RetentionDays = 120
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewBackup(ctx, "bad", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "rule monthly: deletion must follow the move to cold storage by 90 days")
	assert.Contains(t, err.Error(), "rule daily copies to DR: a DR provider is required")
}
