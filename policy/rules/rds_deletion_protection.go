package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsDeletionProtection protects the prod database from a careless delete.
var RdsDeletionProtection = Rule{
	ID: "rds-deletion-protection", Control: "RDS.8", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	OnlyIn:      []Environment{Prod},
	Description: "In prod, RDS instances have deletionProtection = true.",
	Types:       []string{rdsInstance},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "deletionProtection") },
}
