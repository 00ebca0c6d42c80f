package rules

// RdsManagedMasterPassword keeps the master password out of config and state: RDS generates it, stores it
// in Secrets Manager and rotates it.
var RdsManagedMasterPassword = Rule{
	ID: "rds-managed-master-password", Controls: []string{"SecretsManager.1", "AwsSolutions-SMG4"}, Severity: High,
	Description: "RDS instances set manageMasterUserPassword = true and no password input (the RDS-managed secret rotates automatically).",
	Remediation: "set manageMasterUserPassword true and drop password",
	Exceptions:  []string{"A read replica takes its master user from its source and may not set one (RDS API CreateDBInstanceReadReplica); a password input is still refused."},
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"manageMasterUserPassword", "password", "replicateSourceDb"}},
	Resource: func(r Resource, f *Findings) {
		if !readReplica(r) {
			requireTrue(r, f, "manageMasterUserPassword")
		}
		if !r.Get("password").IsNull() {
			f.Fail(r, "password is set (%s); let RDS manage the master password", show(r.Get("password").WithSecret(true)))
		}
	},
}
