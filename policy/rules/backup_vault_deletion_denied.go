package rules

import "slices"

// BackupVaultDeletionDenied keeps recovery points from one compromised administrator: a vault access policy
// denies deleting them to everyone (but the exceptions its condition names, the break-glass role), as AWS
// Config's managed rule backup-recovery-point-manual-deletion-disabled requires.
var BackupVaultDeletionDenied = Rule{
	ID: "backup-vault-deletion-denied", Controls: []string{"custom (issue 21)", "AWS Config backup-recovery-point-manual-deletion-disabled"}, Severity: High,
	Description: "Every backup vault has an aws:backup/vaultPolicy (on its name) with a Deny of backup:DeleteRecoveryPoint to Principal \"*\" or {\"AWS\": \"*\"}.",
	Remediation: "declare the vault's access policy denying backup:DeleteRecoveryPoint (and changes to the policy and lock) to all but the break-glass role (data.Backup does)",
	Reads:       map[string][]string{backupVaultPolicy: {"backupVaultName", "policy"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, v := range ofType(rs, backupVault) {
			denied, unknown := false, false
			for _, p := range ofType(rs, backupVaultPolicy) {
				if !links(p, "backupVaultName", v) {
					continue
				}
				if _, known := text(p.Get("policy")); !known {
					unknown = true
					continue
				}
				doc, _ := policyText(p, f, "policy") // an invalid document is failed there and denies nothing
				denied = denied || slices.ContainsFunc(doc.Statements, func(s statement) bool {
					return !s.allows() && s.everyone() && s.grants("backup:DeleteRecoveryPoint")
				})
			}
			switch {
			case denied:
			case unknown:
				f.Unknown(v, "the policy of its "+backupVaultPolicy)
			default:
				f.Fail(v, "no %s denies backup:DeleteRecoveryPoint to everyone: one administrator could delete every recovery point", backupVaultPolicy)
			}
		}
	},
}
