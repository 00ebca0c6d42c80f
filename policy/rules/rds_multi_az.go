package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsMultiAZ requires a standby in a second AZ. Dev runs single-AZ to save cost, so there it only advises.
var RdsMultiAZ = Rule{
	ID: "rds-multi-az", Control: "RDS.5", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	AdvisoryIn:  []Environment{Dev},
	Description: "RDS instances are Multi-AZ (multiAz = true), so one AZ failing does not take the database down; advisory in dev, which is not highly available by design.",
	Types:       []string{rdsInstance},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "multiAz") },
}
