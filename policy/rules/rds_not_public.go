package rules

// RdsNotPublic keeps the database off the internet.
var RdsNotPublic = Rule{
	ID: "rds-not-public", Controls: []string{"RDS.2", "PCP aws-rds-instance-disallow-public-access", "AWSGuard rds-instance-public-access"}, Severity: High,
	Description: "RDS instances are not publicly accessible (publiclyAccessible false or unset).",
	Remediation: "set publiclyAccessible false",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"publiclyAccessible"}},
	Resource:    func(r Resource, f *Findings) { forbidTrue(r, f, "publiclyAccessible") },
}
