package rules

// RdsMultiAZ requires a standby in a second AZ. Dev runs single-AZ to save cost, so there it only advises.
var RdsMultiAZ = Rule{
	ID: "rds-multi-az", Controls: []string{"RDS.5", "AwsSolutions-RDS3", "AWSGuard rds-instance-multi-az-enabled"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "RDS instances are Multi-AZ (multiAz = true), so one AZ failing does not take the database down; advisory in dev, which is not highly available by design.",
	Remediation: "set database.multiAz true",
	Exceptions:  []string{"A cross-region read replica runs single-AZ until it is promoted: it is itself the second copy (docs/dr.md)."},
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"multiAz", "replicateSourceDb"}},
	Resource: func(r Resource, f *Findings) {
		if !readReplica(r) {
			requireTrue(r, f, "multiAz")
		}
	},
}
