package rules

// RdsIAMAuth lets services connect with short-lived IAM tokens instead of passwords.
var RdsIAMAuth = Rule{
	ID: "rds-iam-auth", Controls: []string{"RDS.10"}, Severity: Medium,
	Description: "RDS instances enable IAM database authentication (iamDatabaseAuthenticationEnabled = true).",
	Remediation: "set iamDatabaseAuthenticationEnabled true",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"iamDatabaseAuthenticationEnabled"}},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "iamDatabaseAuthenticationEnabled") },
}
