package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// RdsManagedMasterPassword keeps the master password out of config and state: RDS generates it, stores it
// in Secrets Manager and rotates it.
var RdsManagedMasterPassword = Rule{
	ID: "rds-managed-master-password", Control: "SecretsManager.1 (custom)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "RDS instances set manageMasterUserPassword = true and no password input.",
	Types:       []string{rdsInstance},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "manageMasterUserPassword")
		if !r.Get("password").IsNull() {
			f.Fail(r, "password is set (%s); let RDS manage the master password", show(r.Get("password").WithSecret(true)))
		}
	},
}
