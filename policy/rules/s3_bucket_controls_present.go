package rules

// S3BucketControls requires every bucket to have its protective side resources declared at all.
var S3BucketControls = Rule{
	ID: "s3-bucket-controls-present", Controls: []string{"S3.8", "S3.5", "S3.14", "S3.17"}, Severity: High,
	Description: "Every bucket has a public access block, a default-encryption configuration, versioning and a bucket policy (matched by their bucket, known or by dependency at preview).",
	Remediation: "declare the bucket through internal/buckets, which adds all four",
	Reads:       map[string][]string{s3PublicAccessBlock: {"bucket"}, s3Encryption: {"bucket"}, s3Versioning: {"bucket"}, s3Policy: {"bucket"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, b := range ofType(rs, s3Bucket) {
			for _, side := range []string{s3PublicAccessBlock, s3Encryption, s3Versioning, s3Policy} {
				if !referenced(rs, "bucket", b, side) {
					f.Fail(b, "no %s has bucket = this bucket", side)
				}
			}
		}
	},
}
