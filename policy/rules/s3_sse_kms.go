package rules

// The SSE algorithms that use KMS.
const sseKMS, sseKMSDSSE = "aws:kms", "aws:kms:dsse"

// S3Encryption requires SSE-KMS with a customer-managed key, except on the buckets AWS log delivery writes
// to, which must use SSE-S3 (ALB access logs and S3 server access logs cannot be written to a KMS bucket).
var S3Encryption = Rule{
	ID: "s3-sse-kms", Controls: []string{"S3.17", "B18"}, Severity: Medium,
	Description: "Buckets encrypt by default with SSE-KMS under a customer-managed key (kmsMasterKeyId set); SSE-S3 only on a bucket that receives ALB or S3 access logs.",
	Remediation: "set rules[0].applyServerSideEncryptionByDefault to {sseAlgorithm: aws:kms, kmsMasterKeyId: <the bucket's key>} with bucketKeyEnabled",
	Exceptions:  []string{"A bucket that receives ALB access logs or S3 server access logs keeps SSE-S3 (AES256): AWS log delivery cannot write to a KMS-encrypted bucket."},
	Reads: map[string][]string{s3Encryption: {"bucket", "rules[].applyServerSideEncryptionByDefault.sseAlgorithm", "rules[].applyServerSideEncryptionByDefault.kmsMasterKeyId"},
		loadBalancerTypes[0]: {"accessLogs"}, loadBalancerTypes[1]: {"accessLogs"}, s3Logging: {"targetBucket"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, enc := range ofType(rs, s3Encryption) {
			v := enc.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			algo, known := text(v)
			switch {
			case !known:
				f.Unknown(enc, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm")
			case algo == sseKMS || algo == sseKMSDSSE:
				requireCustomerKey(enc, f, "aws/s3", "rules", 0, "applyServerSideEncryptionByDefault", "kmsMasterKeyId")
			case algo == "AES256" && logTarget(rs, enc.Deps["bucket"]):
			default:
				f.Fail(enc, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is %s; want \"aws:kms\"", show(v))
			}
		}
	},
}
