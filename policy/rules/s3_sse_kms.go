package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// S3Encryption requires SSE-KMS, except on the buckets AWS log delivery writes to, which must use SSE-S3
// (ALB access logs and S3 server access logs cannot be written to a KMS-encrypted bucket).
var S3Encryption = Rule{
	ID: "s3-sse-kms", Control: "S3.17", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Buckets encrypt with SSE-KMS by default; SSE-S3 only on a bucket that receives ALB or S3 access logs.",
	Stack: func(rs []Resource, f *Findings) {
		for _, enc := range ofType(rs, s3Encryption) {
			v := enc.Get("rules", 0, "applyServerSideEncryptionByDefault", "sseAlgorithm")
			algo, known := text(v)
			if !known || algo == sseKMS || algo == sseKMSDSSE {
				continue
			}
			if logTarget(rs, enc.Deps["bucket"]) && algo == "AES256" {
				continue
			}
			f.Fail(enc, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm is %s; want \"aws:kms\"", show(v))
		}
	},
}

// The SSE algorithms that use KMS.
const sseKMS, sseKMSDSSE = "aws:kms", "aws:kms:dsse"
