package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsEncrypted requires storage encryption with a customer-managed key.
var RdsEncrypted = Rule{
	ID: "rds-encrypted", Control: "RDS.3", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "RDS instances encrypt storage (storageEncrypted = true) with a customer-managed key (kmsKeyId).",
	Types:       []string{rdsInstance},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "storageEncrypted")
		requireSet(r, f, "kmsKeyId")
	},
}
