package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// BackupVaultKMS requires recovery points to be encrypted with a customer-managed key.
var BackupVaultKMS = Rule{
	ID: "backup-vault-kms", Control: "Backup.1", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Backup vaults are encrypted with a customer-managed KMS key (kmsKeyArn).",
	Types:       []string{"aws:backup/vault:Vault"},
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "kmsKeyArn") },
}
