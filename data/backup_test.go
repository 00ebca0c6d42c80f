package data

import (
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func testBackupArgs() *BackupArgs {
	return &BackupArgs{
		Settings: BackupSettings{
			DRRegion: "us-west-2",
			Rules: map[string]BackupRule{
				"daily":   {Schedule: "cron(0 5 * * ? *)", RetentionDays: 35, CopyToDR: true},
				"monthly": {Schedule: "cron(0 7 1 * ? *)", RetentionDays: 2557, ColdStorageAfterDays: 90, CopyToDR: true},
				"weekly":  {Schedule: "cron(0 6 ? * SUN *)", RetentionDays: 365, ColdStorageAfterDays: 30},
			},
			ContinuousRetentionDays: 35,
			VaultLock:               &VaultLock{MinRetentionDays: 7, MaxRetentionDays: 2557},
			Protect:                 true,
		},
		Resources:            []pulumi.StringInput{pulumi.String("arn:aws:rds:us-east-1:123456789012:db:app"), pulumi.String("arn:aws:s3:::files")},
		NotificationTopicARN: pulumi.String("arn:aws:sns:us-east-1:123456789012:ops"),
		AccountID:            testAccount,
		Partition:            "aws",
		Region:               "us-east-1",
		KeyAdmins:            testAdmins,
	}
}

// runBackup declares one Backup named "test-backup" under mocks, with a DR provider in us-west-2 unless
// noDR, and returns the run and the component.
func runBackup(t *testing.T, mode plan.Mode, args *BackupArgs, noDR bool) (*plan.Result, *Backup) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Backup, error) {
		if !noDR {
			dr, err := aws.NewProvider(ctx, "aws-dr", &aws.ProviderArgs{Region: pulumi.String(args.Settings.DRRegion)})
			if err != nil {
				return nil, err
			}
			args.DRProvider = dr
		}
		if a := args.Settings.VaultAccount; a != nil {
			account, err := aws.NewProvider(ctx, "aws-vault-account", &aws.ProviderArgs{Region: pulumi.String(args.Region),
				AssumeRole: &aws.ProviderAssumeRoleArgs{RoleArn: pulumi.String(a.RoleARN)}})
			if err != nil {
				return nil, err
			}
			args.VaultAccountProvider = account
		}
		return NewBackup(ctx, "test-backup", args, opts...)
	})
}

func TestPlanRulesKeepTheirLifecycleInRetentionOrderAndCopyToDR(t *testing.T) {
	drVault := pulumi.String("arn:dr-vault")
	rules := planRules(testBackupArgs().Settings, pulumi.String("vault"), copyVaults{dr: drVault})
	require.Len(t, rules, 4, "three scheduled rules and continuous backup")
	var names []pulumi.StringInput
	for _, r := range rules {
		rule := r.(backup.PlanRuleArgs)
		names = append(names, rule.RuleName)
		assert.Equal(t, pulumi.String("vault"), rule.TargetVaultName)
		assert.Equal(t, pulumi.Int(60), rule.StartWindow)
		assert.Equal(t, pulumi.Int(1440), rule.CompletionWindow)
	}
	assert.Equal(t, []pulumi.StringInput{pulumi.String("daily"), pulumi.String("weekly"), pulumi.String("monthly"), pulumi.String("continuous")}, names,
		"by retention, then name; continuous last")

	daily, weekly, monthly, continuous := rules[0].(backup.PlanRuleArgs), rules[1].(backup.PlanRuleArgs), rules[2].(backup.PlanRuleArgs), rules[3].(backup.PlanRuleArgs)
	assert.Equal(t, backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(35)}, daily.Lifecycle)
	assert.Equal(t, backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(2557), ColdStorageAfter: pulumi.Int(90),
		OptInToArchiveForSupportedResources: pulumi.Bool(true)}, monthly.Lifecycle, "only resource types with a cold tier move")
	for _, r := range []backup.PlanRuleArgs{daily, monthly} {
		copies := r.CopyActions.(backup.PlanRuleCopyActionArray)
		require.Len(t, copies, 1, r.RuleName)
		c := copies[0].(backup.PlanRuleCopyActionArgs)
		assert.Equal(t, drVault, c.DestinationVaultArn, r.RuleName)
		assert.Equal(t, backup.PlanRuleCopyActionLifecycleArgs(r.Lifecycle.(backup.PlanRuleLifecycleArgs)), c.Lifecycle,
			"%s: the copy is kept as long as the original", r.RuleName)
	}
	assert.Nil(t, weekly.CopyActions, "weekly does not copy to DR")
	assert.Equal(t, pulumi.Bool(true), continuous.EnableContinuousBackup)
	assert.Equal(t, backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(35)}, continuous.Lifecycle)

	s := testBackupArgs().Settings
	s.ContinuousRetentionDays = 0
	assert.Len(t, planRules(s, pulumi.String("vault"), copyVaults{dr: drVault}), 3, "no continuous backup: no continuous rule")
}

func TestVaultsAreEncryptedLockedAndProtected(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testBackupArgs()
		args.Settings.Protect = protect
		res, _ := runBackup(t, plan.Up, args, false)
		for _, name := range []string{"test-backup", "test-backup-dr"} {
			vault := plantest.Named(t, res, token.BackupVault, name)
			key := plantest.Named(t, res, token.KMSKey, name)
			assert.Equal(t, []string{key.URN}, vault.Dependencies["kmsKeyArn"], name)
			assert.Equal(t, true, key.Props()["enableKeyRotation"], name)
			assert.Equal(t, protect, vault.Protect, "%s protect=%v", name, protect)
			assert.Equal(t, protect, key.Protect, "%s protect=%v", name, protect)
			assert.Equal(t, !protect, vault.Props()["forceDestroy"], "%s protect=%v", name, protect)
			lock := plantest.Named(t, res, token.BackupVaultLockConfiguration, name).Props()
			assert.Equal(t, 7.0, lock["minRetentionDays"], name)
			assert.Equal(t, 2557.0, lock["maxRetentionDays"], name)
			assert.NotContains(t, lock, "changeableForDays", "%s: governance mode unless a grace period is configured", name)
		}
	}
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	assert.Contains(t, plantest.Named(t, res, token.BackupVault, "test-backup-dr").Provider, "aws-dr", "the DR vault lives in the DR region")
	assert.NotContains(t, plantest.Named(t, res, token.BackupVault, "test-backup").Provider, "aws-dr")
}

func TestAComplianceLockTakesItsGracePeriod(t *testing.T) {
	args := testBackupArgs()
	args.Settings.VaultLock.ChangeableForDays = 3
	res, _ := runBackup(t, plan.Up, args, false)
	assert.Equal(t, 3.0, plantest.Named(t, res, token.BackupVaultLockConfiguration, "test-backup").Props()["changeableForDays"])

	args = testBackupArgs()
	args.Settings.VaultLock = nil
	res, _ = runBackup(t, plan.Up, args, false)
	assert.Empty(t, res.OfType(token.BackupVaultLockConfiguration), "no vault lock: unlocked vaults")
}

func TestThePlanCopiesToTheDRVault(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	p := plantest.Named(t, res, token.BackupPlan, "test-backup")
	assert.ElementsMatch(t, []string{plantest.Named(t, res, token.BackupVault, "test-backup").URN, plantest.Named(t, res, token.BackupVault, "test-backup-dr").URN},
		p.Dependencies["rules"], "rules target the vault and copy to the DR vault")
	rules := p.Props()["rules"].([]any)
	require.Len(t, rules, 4)
	copies := rules[0].(map[string]any)["copyActions"].([]any)
	assert.Equal(t, "arn:aws:backup:us-west-2:123456789012:test-backup-dr", copies[0].(map[string]any)["destinationVaultArn"]) // the DR vault, in the DR region
}

func TestSelectionIsExactlyTheStacksResourcesAndTheRoleHoldsNoKeyStatement(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	sel := plantest.Named(t, res, token.BackupSelection, "test-backup")
	assert.Equal(t, []any{"arn:aws:rds:us-east-1:123456789012:db:app", "arn:aws:s3:::files"}, sel.Props()["resources"])
	assert.NotContains(t, sel.Props(), "selectionTags", "a tag set elsewhere in the account must not pull a resource into the vaults")
	assert.Equal(t, []string{plantest.Named(t, res, token.IAMRole, "test-backup-jobs").URN}, sel.Dependencies["iamRoleArn"])
	sids := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "test-backup-s3-fence").Props()["policy"])
	require.Len(t, sids, 1, "the keys grant the role their use: no KMS statement of its own")
	fence := sids["BucketDataOnlyOfTheStacksBuckets"]
	assert.Equal(t, "Deny", fence["Effect"])
	assert.Equal(t, []any{"arn:aws:s3:::files", "arn:aws:s3:::files/*"}, fence["NotResource"], "AWS's S3 backup policy reads only the stack's bucket")
	assert.Contains(t, fence["Action"], "s3:GetObject*")
}

func TestTheBackupRoleHoldsTheManagedBackupPoliciesOfThePartitionAsSeparateAttachments(t *testing.T) {
	args := testBackupArgs()
	args.Partition = "aws-cn"
	res, _ := runBackup(t, plan.Up, args, false)
	role := plantest.Named(t, res, token.IAMRole, "test-backup-jobs").Props()
	assert.NotContains(t, role, "managedPolicyArns", "attachments only")
	assert.NotContains(t, plantest.Trust(t, role["assumeRolePolicy"]), "Condition", "AWS Backup sends no source keys")
	attachments := plantest.Every(t, res, token.IAMRolePolicyAttachment, 2)
	for suffix, policy := range map[string]string{
		"backup": "service-role/AWSBackupServiceRolePolicyForBackup", "s3-backup": "AWSBackupServiceRolePolicyForS3Backup",
	} {
		attach := plantest.Named(t, res, token.IAMRolePolicyAttachment, "test-backup-"+suffix).Props()
		assert.Equal(t, "arn:aws-cn:iam::aws:policy/"+policy, attach["policyArn"])
		assert.Equal(t, "test-backup-jobs", attach["role"])
	}
	for _, a := range attachments {
		assert.NotContains(t, a.Props()["policyArn"], "Restore", "%s: restores are the restore role's", a.Name)
	}
}

func TestTheRestoreRoleRestoresIntoThisAccountAndNeverDeletesTheBackedUpDatabase(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, b := runBackup(t, mode, testBackupArgs(), false)
		role := plantest.Named(t, res, token.IAMRole, "test-backup-restore")
		assert.Equal(t, map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "backup.amazonaws.com"}, "Action": "sts:AssumeRole"},
			plantest.Trust(t, role.Props()["assumeRolePolicy"]), "%s: AWS Backup sends no source keys, so the trust names the service alone", mode)
		assert.NotContains(t, role.Props(), "managedPolicyArns", mode)
		policy := plantest.Named(t, res, token.IAMRolePolicy, "test-backup-restore")
		assert.Equal(t, []string{role.URN}, policy.Dependencies["role"], mode)
		assert.Equal(t, mode == plan.Up, plantest.Await(t, b.RestoreRoleARN).Known, mode)
		if mode == plan.Up {
			assert.Equal(t, "arn:aws:iam::123456789012:test-backup-restore", plantest.Await(t, b.RestoreRoleARN).Value) // the mock ARN
		}
	}
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	sids := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "test-backup-restore").Props()["policy"])
	require.Len(t, sids, 4, "RDS, buckets, objects, the database deny: no KMS statement (the keys grant it), no iam:PassRole")
	rds := sids["RestoreDatabasesInThisAccount"]
	assert.Equal(t, "Allow", rds["Effect"])
	assert.Equal(t, []any{"arn:aws:rds:us-east-1:123456789012:*", "arn:aws:rds:us-west-2:123456789012:*"}, rds["Resource"], "the stack's and the DR region, this account")
	assert.Subset(t, rds["Action"], []any{"rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBInstanceToPointInTime"})
	thisAccount := map[string]any{"StringEquals": map[string]any{"aws:ResourceAccount": "123456789012"}}
	buckets, objects := sids["RestoreBucketsOfThisAccount"], sids["RestoreObjectsOfThisAccount"]
	assert.Equal(t, "arn:aws:s3:::*", buckets["Resource"])
	assert.Equal(t, thisAccount, buckets["Condition"], "a restore writes only into this account's buckets")
	assert.Contains(t, buckets["Action"], "s3:CreateBucket", "restoring into a new bucket is the restore role's")
	assert.Equal(t, "arn:aws:s3:::*/*", objects["Resource"])
	assert.Equal(t, thisAccount, objects["Condition"])
	assert.Contains(t, objects["Action"], "s3:PutObject")
	for _, a := range objects["Action"].([]any) {
		assert.NotContains(t, a, "Delete", "the restore role deletes no object")
	}
	deny := sids["NeverDeleteTheBackedUpDatabase"]
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, "rds:DeleteDBInstance", deny["Action"])
	assert.Equal(t, []any{"arn:aws:rds:us-east-1:123456789012:db:app"}, deny["Resource"], "the backed-up database, not the bucket")

	args := testBackupArgs()
	for name, r := range args.Settings.Rules {
		r.CopyToDR = false
		args.Settings.Rules[name] = r
	}
	res, _ = runBackup(t, plan.Up, args, true)
	sids = plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "test-backup-restore").Props()["policy"])
	assert.Equal(t, []any{"arn:aws:rds:us-east-1:123456789012:*"}, sids["RestoreDatabasesInThisAccount"]["Resource"], "no DR vault: nothing to restore in the DR region")
}

func TestVaultKeysLetOnlyTheBackupRoleUseThemThroughBackupAndRDSInTheirRegion(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	for name, region := range map[string]string{"test-backup": "us-east-1", "test-backup-dr": "us-west-2"} {
		sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, name).Props()["policy"])
		assert.Equal(t, map[string]any{"AWS": []any{testKeyAdmin}}, sids["KeyAdministration"]["Principal"], name)
		use := sids["BackupRoleUsesThroughBackup"]
		assert.Equal(t, map[string]any{"AWS": "*"}, use["Principal"], name)
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"backup." + region + ".amazonaws.com", "rds." + region + ".amazonaws.com"}},
			"ArnLike":      map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/test-backup-jobs-*"}},
		}, use["Condition"], name)
		assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, sids["BackupRoleUsesThroughBackupGrants"]["Condition"].(map[string]any)["Bool"], name)
		restore := sids["RestoreRoleDecryptsThroughBackup"]
		assert.Equal(t, []any{"kms:Decrypt", "kms:DescribeKey"}, restore["Action"], "%s: the restore role reads recovery points, never encrypts into the vault", name)
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"backup." + region + ".amazonaws.com", "rds." + region + ".amazonaws.com"}},
			"ArnLike":      map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/test-backup-restore-*"}},
		}, restore["Condition"], name)
		assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, sids["RestoreRoleDecryptsThroughBackupGrants"]["Condition"].(map[string]any)["Bool"], name)
		assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"], name)
		assert.Len(t, sids, 7, "%s: administration, its grants, each role's use and grants, the break-glass deny", name)
	}
}

func TestOnlyTheBreakGlassRoleDeletesRecoveryPointsOrLoosensTheVaults(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	for name, region := range map[string]string{"test-backup": "us-east-1", "test-backup-dr": "us-west-2"} {
		p := plantest.Named(t, res, token.BackupVaultPolicy, name)
		deny := plantest.Statements(t, p.Props()["policy"])["OnlyBreakGlassDestroysRecoveryPoints"]
		assert.Equal(t, "Deny", deny["Effect"])
		assert.Equal(t, map[string]any{"AWS": "*"}, deny["Principal"])
		assert.Equal(t, "arn:aws:backup:"+region+":123456789012:"+name, deny["Resource"], "the vault's own ARN")
		assert.Subset(t, deny["Action"], []any{"backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle",
			"backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultLockConfiguration"})
		assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": []any{testBreakGlass}}}, deny["Condition"])
		assert.Equal(t, name, p.Props()["backupVaultName"])
		assert.Contains(t, p.DependsOn, plantest.Named(t, res, token.BackupVaultLockConfiguration, name).URN,
			"the lock is set before the policy forbids the deployer to change it")
	}

	args := testBackupArgs()
	args.KeyAdmins.BreakGlass = ""
	res, _ = runBackup(t, plan.Up, args, false)
	deny := plantest.Statements(t, plantest.Named(t, res, token.BackupVaultPolicy, "test-backup").Props()["policy"])["OnlyBreakGlassDestroysRecoveryPoints"]
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": []any{testKeyAdmin}}}, deny["Condition"],
		"without a break-glass role (dev) the key administrators may clean up")
}

func TestFailedAndExpiredJobsReachTheOperationsTopic(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	pattern := document(t, plantest.Named(t, res, token.CloudWatchEventRule, "test-backup-job-failures").Props()["eventPattern"])
	assert.Equal(t, []any{"aws.backup"}, pattern["source"])
	assert.Equal(t, map[string]any{"state": []any{"FAILED", "ABORTED", "EXPIRED"}}, pattern["detail"])
	target := plantest.Named(t, res, token.CloudWatchEventTarget, "test-backup-job-failures")
	assert.Equal(t, "arn:aws:sns:us-east-1:123456789012:ops", target.Props()["arn"])

	args := testBackupArgs()
	args.NotificationTopicARN = nil
	res, _ = runBackup(t, plan.Up, args, false)
	assert.Empty(t, res.OfType(token.CloudWatchEventRule), "no topic: no rule")
}

func TestWithoutADRProviderThereIsNoDRVaultAndNoDRVaultARN(t *testing.T) {
	args := testBackupArgs()
	for name, r := range args.Settings.Rules {
		r.CopyToDR = false
		args.Settings.Rules[name] = r
	}
	res, b := runBackup(t, plan.Up, args, true)
	assert.Len(t, plantest.Every(t, res, token.BackupVault, 1), 1, "the primary vault only")
	assert.Zero(t, b.DRVaultARN, "left unset: documented as set only with a DR provider")
	assert.Equal(t, "arn:aws:backup:us-east-1:123456789012:test-backup", plantest.Await(t, b.VaultARN).Value)
}

func TestBackupOutputsAreKnownAfterUp(t *testing.T) {
	for _, mode := range plantest.Modes {
		_, b := runBackup(t, mode, testBackupArgs(), false)
		for what, o := range map[string]pulumi.Output{"vault": b.VaultARN, "DR vault": b.DRVaultARN, "plan": b.PlanID} {
			assert.Equal(t, mode == plan.Up, plantest.Await(t, o).Known, "%s %s", what, mode)
		}
	}
}

func TestEveryBackupChildIsParentedAndNamedAfterIt(t *testing.T) {
	res, _ := runBackup(t, plan.Up, testBackupArgs(), false)
	assert.Equal(t, 20, assertChildren(t, res, BackupType, "test-backup"),
		"2 keys with their aliases, 2 vaults with their policies and locks, plan, role, its 2 attachments and S3 fence, restore role and its policy, selection, event rule and target")
}

func TestNewBackupRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Backup, error) {
		return NewBackup(ctx, "bad", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data: backup bad: args are required")

	args := testBackupArgs()
	args.Settings.Rules["monthly"] = BackupRule{Schedule: "cron(0 7 1 * ? *)", RetentionDays: 120, ColdStorageAfterDays: 90, CopyToDR: true}
	args.Partition = ""
	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Backup, error) {
		return NewBackup(ctx, "bad", args, opts...) // no DR provider
	})
	require.Error(t, err)
	for _, want := range []string{"data: backup bad: ", "rule monthly: retention of 120 days deletes sooner than 90 days after the move to cold storage",
		"rule daily copies to DR: a DR provider is required", "account, partition, region and key administrators are required"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestCopiesToDRIsWhetherAnyRuleCopies(t *testing.T) {
	s := BackupSettings{Rules: map[string]BackupRule{"daily": {}, "weekly": {}}}
	assert.False(t, s.CopiesToDR())
	s.Rules["weekly"] = BackupRule{CopyToDR: true}
	assert.True(t, s.CopiesToDR())
}

func TestTheS3FenceNamesOnlyTheBackedUpBuckets(t *testing.T) {
	fence := s3Fence("aws", []string{"arn:aws:rds:us-east-1:123456789012:db:app", "arn:aws:s3:::files"})
	assert.Equal(t, []string{"arn:aws:s3:::files", "arn:aws:s3:::files/*"}, fence["NotResource"], "the database is no bucket")
	none := s3Fence("aws", []string{"arn:aws:rds:us-east-1:123456789012:db:app"})
	assert.Equal(t, "*", none["Resource"], "no bucket backed up: no bucket data at all")
	assert.Equal(t, "Deny", none["Effect"])
}
