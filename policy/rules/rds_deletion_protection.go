package rules

// RdsDeletionProtection protects the database from a careless delete. Dev is torn down at will, so there it
// advises.
var RdsDeletionProtection = Rule{
	ID: "rds-deletion-protection", Controls: []string{"RDS.8", "AwsSolutions-RDS10"}, Severity: High,
	AdvisoryIn:  []Environment{Dev},
	Description: "RDS instances have deletionProtection = true; advisory in dev, which is torn down at will.",
	Remediation: "set database.deletionProtection true",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"deletionProtection"}},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "deletionProtection") },
}
