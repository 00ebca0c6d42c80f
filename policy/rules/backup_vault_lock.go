package rules

// BackupVaultLock makes recovery points immutable: nobody, not even an administrator, can delete them before
// their retention ends. Dev vaults are deleted with dev, so there the rule advises.
var BackupVaultLock = Rule{
	ID: "backup-vault-lock", Controls: []string{"B41"}, Severity: High,
	AdvisoryIn:  []Environment{Dev},
	Description: "Every backup vault has a vault lock (aws:backup/vaultLockConfiguration on its name); advisory in dev.",
	Remediation: "set backup.vaultLock in the stack file",
	Reads:       map[string][]string{backupVaultLock: {"backupVaultName"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, v := range ofType(rs, backupVault) {
			if !referenced(rs, "backupVaultName", v, backupVaultLock) {
				f.Fail(v, "no %s locks this vault", backupVaultLock)
			}
		}
	},
}
