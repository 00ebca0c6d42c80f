package rules

// RdsMasterSecretCMK encrypts the RDS-managed master secret with the database's key, not the account's
// aws/secretsmanager key, so reading it needs that key's policy too.
var RdsMasterSecretCMK = Rule{
	ID: "rds-master-secret-cmk", Controls: []string{"B28", "PCP aws-secretsmanager-secret-configure-customer-managed-key"}, Severity: Medium,
	Description: "RDS instances that manage their master password set masterUserSecretKmsKeyId to a customer-managed key.",
	Remediation: "set masterUserSecretKmsKeyId to the database key",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"manageMasterUserPassword", "masterUserSecretKmsKeyId"}},
	Resource: func(r Resource, f *Findings) {
		if managed, _ := truth(r.Get("manageMasterUserPassword")); managed {
			requireCustomerKey(r, f, "aws/secretsmanager", "masterUserSecretKmsKeyId")
		}
	},
}
