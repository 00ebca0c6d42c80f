package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// S3BucketControls requires every bucket to have its protective side resources declared at all.
var S3BucketControls = Rule{
	ID: "s3-bucket-controls-present", Control: "S3.8/S3.5/S3.14/S3.17", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every bucket has a public access block, a default-encryption configuration, versioning and a bucket policy.",
	Stack: func(rs []Resource, f *Findings) {
		for _, b := range ofType(rs, s3Bucket) {
			for _, side := range []string{s3PublicAccessBlock, s3Encryption, s3Versioning, s3Policy} {
				if !referenced(rs, side, "bucket", b) {
					f.Fail(b, "no %s has bucket = this bucket", side)
				}
			}
		}
	},
}
