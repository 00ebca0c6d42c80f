package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// BackupVaultLock makes prod recovery points immutable: nobody, not even an administrator, can delete them
// before their retention ends.
var BackupVaultLock = Rule{
	ID: "backup-vault-lock", Control: "custom (B41)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "In prod, every backup vault has a vault lock (aws:backup/vaultLockConfiguration on its name).",
	Stack: func(rs []Resource, f *Findings) {
		for _, v := range ofType(rs, "aws:backup/vault:Vault") {
			if v.Env == Prod && !referenced(rs, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", "backupVaultName", v) {
				f.Fail(v, "no aws:backup/vaultLockConfiguration:VaultLockConfiguration locks this vault")
			}
		}
	},
}
