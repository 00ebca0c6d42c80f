package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/data"
)

func TestBackupSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Nil(t, dev.Backup.VaultLock, "dev's vault stays unlocked, so dev backups can be cleaned up")
	assert.False(t, dev.Backup.Protect)

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	require.NotNil(t, prod.Backup.VaultLock)
	assert.Equal(t, "us-west-2", prod.Backup.DRRegion, "copies go to hybridcloud:dr.region")
	assert.Equal(t, 35, prod.Backup.ContinuousRetentionDays)
	assert.Equal(t, map[string]data.BackupRule{
		"daily":   {Schedule: "cron(0 5 * * ? *)", RetentionDays: 35, CopyToDR: true},
		"weekly":  {Schedule: "cron(0 6 ? * SUN *)", RetentionDays: 365, ColdStorageAfterDays: 30, CopyToDR: true},
		"monthly": {Schedule: "cron(0 7 1 * ? *)", RetentionDays: 2557, ColdStorageAfterDays: 90, CopyToDR: true},
	}, prod.Backup.Rules)
	assert.True(t, prod.Backup.Protect)
	assert.Equal(t, 7, prod.Backup.VaultLock.ChangeableForDays, "prod's lock turns to compliance mode after a week")
	assert.NotContains(t, strings.Join(prod.Warnings, "\n"), "vaultLock")
	assert.Equal(t, &data.VaultAccount{AccountID: "444455556666", RoleARN: "arn:aws:iam::444455556666:role/hybridcloud-backup-deployer",
		BreakGlassRole: "arn:aws:iam::444455556666:role/backup-break-glass"}, prod.Backup.VaultAccount, "prod copies into the backup account")
	assert.Nil(t, dev.Backup.VaultAccount, "dev keeps its copies in its own account")
}

func TestAProdVaultLockInGovernanceModeIsWarnedOf(t *testing.T) {
	cfg := patch(t, stackConfig(t, "prod"), "hybridcloud:backup", "vaultLock.changeableForDays", 0)
	c, err := parse(cfg)
	require.NoError(t, err, "configurable: governance mode is a choice")
	assert.Contains(t, strings.Join(c.Warnings, "\n"), "hybridcloud:backup.vaultLock.changeableForDays: 0 keeps prod's vault lock in governance mode")
}

func TestBackupDefaultsToProtectedWithoutContinuousBackupOrLock(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:backup", "protect", nil)
	cfg = patch(t, cfg, "hybridcloud:backup", "continuousRetentionDays", nil)
	c, err := parse(cfg)
	require.NoError(t, err)
	assert.True(t, c.Backup.Protect)
	assert.Zero(t, c.Backup.ContinuousRetentionDays)
	assert.Nil(t, c.Backup.VaultLock)
}

func TestBadBackupConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:backup"
	rule := func(schedule string, retention, cold int) map[string]any {
		return map[string]any{"weekly": map[string]any{"schedule": schedule, "retentionDays": retention, "coldStorageAfterDays": cold}}
	}
	tests := []struct {
		name    string
		stack   string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"deletion sooner than 90 days after the move to cold storage", "prod", "rules", rule("cron(0 6 ? * SUN *)", 100, 30), key + ".rules.weekly.retentionDays", "sooner than 90 days after the move"},
		{"retention below the vault lock minimum", "prod", "rules", rule("cron(0 5 * * ? *)", 3, 0), key + ".rules.weekly.retentionDays", "outside the vault lock's 7-2557 days"},
		{"continuous backup below the vault lock minimum", "prod", "continuousRetentionDays", 5, key + ".continuousRetentionDays", "below the vault lock's minRetentionDays"},
		{"the DR region where it was before hybridcloud:dr", "prod", "drRegion", "us-west-2", key + ".drRegion", "moved to hybridcloud:dr.region"},
		{"a cron expression with five fields", "dev", "rules", rule("cron(0 5 * * ?)", 7, 0), key + ".rules.weekly.schedule", "has 5 fields"},
		{"a cron expression with both days", "dev", "rules", rule("cron(0 5 1 * MON *)", 7, 0), key + ".rules.weekly.schedule", "exactly one of day-of-month and day-of-week"},
		{"a cron expression with hour 24", "dev", "rules", rule("cron(0 24 * * ? *)", 7, 0), key + ".rules.weekly.schedule", "hours 24 is outside 0-23"},
		{"a rate expression, which AWS Backup does not take", "dev", "rules", rule("rate(1 day)", 7, 0), key + ".rules.weekly.schedule", "not a cron expression"},
		{"continuous backup beyond 35 days", "dev", "continuousRetentionDays", 36, key + ".continuousRetentionDays", "outside 0-35"},
		{"no rules", "dev", "rules", map[string]any{}, key + ".rules", "at least one"},
		{"rules as a list, as they once were", "dev", "rules", []any{map[string]any{"name": "daily"}}, key + ".rules", "want an object"},
		{"a rule name AWS Backup refuses", "dev", "rules", map[string]any{"daily backup": map[string]any{"schedule": "cron(0 5 * * ? *)", "retentionDays": 7}}, key + `.rules.daily backup`, "not a rule name"},
		{"a rule without retention", "dev", "rules", map[string]any{"daily": map[string]any{"schedule": "cron(0 5 * * ? *)"}}, key + ".rules.daily.retentionDays", "at least 1 day"},
		{"a negative cold storage", "dev", "rules", rule("cron(0 5 * * ? *)", 7, -1), key + ".rules.weekly.coldStorageAfterDays", "is negative"},
		{"a rule copying to DR in the wrong case", "dev", "rules", map[string]any{"daily": map[string]any{"schedule": "cron(0 5 * * ? *)", "retentionDays": 7, "copyToDR": true}}, key + ".rules.daily.copyToDR", `did you mean "copyToDr"?`},
		{"vault lock bounds the wrong way round", "prod", "vaultLock", map[string]any{"minRetentionDays": 30, "maxRetentionDays": 7}, key + ".vaultLock", "want 1 <= minRetentionDays <= maxRetentionDays"},
		{"a lock grace period shorter than AWS allows", "prod", "vaultLock", map[string]any{"minRetentionDays": 7, "maxRetentionDays": 2557, "changeableForDays": 1}, key + ".vaultLock.changeableForDays", "below AWS's minimum"},
		{"unprotected backups in prod", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"a vault account id that is not one", "prod", "vaultAccount", vaultAccount("44445555666", vaultRole, vaultBreakGlass), key + ".vaultAccount.accountId", "not a 12-digit AWS account id"},
		{"the stack's own account as the vault account", "prod", "vaultAccount", vaultAccount("111122223333", "arn:aws:iam::111122223333:role/d", ""), key + ".vaultAccount.accountId", "the stack's own account"},
		{"a deploying role of another account", "prod", "vaultAccount", vaultAccount("444455556666", "arn:aws:iam::111122223333:role/d", vaultBreakGlass), key + ".vaultAccount.roleArn", "not of the vault account 444455556666"},
		{"no deploying role", "prod", "vaultAccount", vaultAccount("444455556666", "", vaultBreakGlass), key + ".vaultAccount.roleArn", "required"},
		{"a break-glass user, not a role", "prod", "vaultAccount", vaultAccount("444455556666", vaultRole, "arn:aws:iam::444455556666:user/x"), key + ".vaultAccount.breakGlassRole", "not an IAM role ARN"},
		{"no break-glass role in prod", "prod", "vaultAccount", vaultAccount("444455556666", vaultRole, ""), key + ".vaultAccount.breakGlassRole", "required in prod"},
		{"a key administrator of another account", "prod", "vaultAccount", map[string]any{"accountId": "444455556666", "roleArn": vaultRole, "breakGlassRole": vaultBreakGlass,
			"keyAdministrators": []any{"arn:aws:iam::999988887777:role/k"}}, key + ".vaultAccount.keyAdministrators[0]", "not of the vault account"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, tt.stack, key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

const (
	vaultRole       = "arn:aws:iam::444455556666:role/hybridcloud-backup-deployer"
	vaultBreakGlass = "arn:aws:iam::444455556666:role/backup-break-glass"
)

func vaultAccount(id, role, breakGlass string) map[string]any {
	return map[string]any{"accountId": id, "roleArn": role, "breakGlassRole": breakGlass}
}

func TestScheduleExpressions(t *testing.T) {
	for _, ok := range []string{"cron(0 5 * * ? *)", "cron(15 2 ? * SUN *)", "cron(0 3 ? * MON-FRI *)", "cron(0 4 ? * 2#1 *)",
		"cron(0/15 * * * ? *)", "cron(0 7 1 JAN,JUL ? 2027)", "rate(7 days)", "rate(1 hour)"} {
		assert.NoError(t, checkSchedule(ok), ok)
	}
	for _, bad := range []string{"", "cron()", "cron(60 5 * * ? *)", "cron(0 5 32 * ? *)", "cron(0 5 * 13 ? *)", "cron(0 5 ? * 8 *)",
		"cron(0 5 ? * ? *)", "rate(1 days)", "rate(2 day)", "rate(0 days)", "rate(5 weeks)", "at(2027-01-01T00:00:00)"} {
		assert.Error(t, checkSchedule(bad), bad)
	}
}

func TestABackupRuleStartingBeforeOrInTheMaintenanceWindowIsRefused(t *testing.T) {
	cfg := patch(t, stackConfig(t, "prod"), "hybridcloud:database", "maintenanceWindow", "sun:04:30-sun:05:30")
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:backup.rules.daily.schedule: cron(0 5 * * ? *) starts at 05:00 on sun, within the hour before or during the maintenance window sun:04:30-sun:05:30")
	assert.NotContains(t, err.Error(), "rules.weekly", "the weekly rule at 06:00 starts after the window")

	_, err = parse(stackConfig(t, "prod"))
	assert.NoError(t, err, "the committed windows keep clear of every rule")
}
