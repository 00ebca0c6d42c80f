package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBackupVaultLock(t *testing.T) {
	vault := node("aws:backup/vault:Vault", "prod-backup", map[string]any{"kmsKeyArn": unknown}, nil)
	devVault := vault
	devVault.Env = Dev
	lock := node("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "prod-backup", map[string]any{"backupVaultName": unknown, "minRetentionDays": 35},
		dependsOn("backupVaultName", vault))
	assert.Empty(t, stackFailures(BackupVaultLock, vault, lock), "a locked prod vault passes")
	assert.Empty(t, stackFailures(BackupVaultLock, devVault), "a dev vault needs no lock")
	got := stackFailures(BackupVaultLock, vault)
	if assert.Len(t, got, 1, "an unlocked prod vault fails") {
		assert.Contains(t, got[0], `Vault "prod-backup": no aws:backup/vaultLockConfiguration:VaultLockConfiguration locks this vault`)
	}
}
