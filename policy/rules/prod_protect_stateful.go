package rules

// ProdProtectStateful makes Pulumi refuse to delete state: the database, buckets and backup vaults. Dev
// state is disposable, so there the rule advises.
var ProdProtectStateful = Rule{
	ID: "prod-protect-stateful", Controls: []string{"custom"}, Severity: High,
	AdvisoryIn:  []Environment{Dev},
	Description: "RDS instances, S3 buckets and backup vaults have the Pulumi protect option; advisory in dev.",
	Remediation: "declare the resource with pulumi.Protect(true) (the stack file's protect settings)",
	Types:       []string{rdsInstance, s3Bucket, backupVault},
	Reads:       map[string][]string{rdsInstance: {}, s3Bucket: {}, backupVault: {}},
	Resource: func(r Resource, f *Findings) {
		if !r.Protect {
			f.Fail(r, "protect is false; want pulumi.Protect(true)")
		}
	},
}
