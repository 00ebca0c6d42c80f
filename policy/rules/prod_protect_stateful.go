package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// ProdProtectStateful makes Pulumi refuse to delete prod state: the database, buckets and backup vaults.
var ProdProtectStateful = Rule{
	ID: "prod-protect-stateful", Control: "custom (KMS.3/RDS.8 intent)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	OnlyIn:      []Environment{Prod},
	Description: "In prod, RDS instances, S3 buckets and backup vaults have the pulumi protect option.",
	Types:       []string{rdsInstance, s3Bucket, "aws:backup/vault:Vault"},
	Resource: func(r Resource, f *Findings) {
		if !r.Protect {
			f.Fail(r, "protect is false; want pulumi.Protect(true) in prod")
		}
	},
}
