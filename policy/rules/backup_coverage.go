package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// BackupCoverage requires every database and bucket to be in a backup selection.
var BackupCoverage = Rule{
	ID: "backup-coverage", Control: "RDS.26, custom (B43) for S3", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every RDS instance and S3 bucket is listed in the resources of an AWS Backup selection, except buckets that only receive access logs (they expire by lifecycle).",
	Stack: func(rs []Resource, f *Findings) {
		for _, typ := range []string{rdsInstance, s3Bucket} {
			for _, r := range ofType(rs, typ) {
				if s3LogBucket(rs, r) {
					continue // access logs are kept by their own lifecycle, not restored
				}
				if !referenced(rs, "aws:backup/selection:Selection", "resources", r) {
					f.Fail(r, "no aws:backup/selection:Selection lists this resource")
				}
			}
		}
	},
}

// s3LogBucket says whether b only receives access logs.
func s3LogBucket(rs []Resource, b Resource) bool {
	return b.Type == s3Bucket && logTarget(rs, []string{b.URN})
}
