package rules

// BackupVaultKMS requires recovery points to be encrypted with a customer-managed key.
var BackupVaultKMS = Rule{
	ID: "backup-vault-kms", Controls: []string{"Backup.1"}, Severity: Medium,
	Description: "Backup vaults are encrypted with a customer-managed KMS key (kmsKeyArn).",
	Remediation: "set kmsKeyArn to the vault's own key",
	Exceptions:  []string{"Backup.1 is partly static: recovery points are run-time objects. Their sources are encrypted by rds-encrypted, s3-sse-kms and nfs-share-kms."},
	Types:       []string{backupVault},
	Reads:       map[string][]string{backupVault: {"kmsKeyArn"}},
	Resource:    func(r Resource, f *Findings) { requireCustomerKey(r, f, "aws/backup", "kmsKeyArn") },
}
