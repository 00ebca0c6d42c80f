package rules

// LogGroupKMS requires log groups to be encrypted with the stack's KMS key.
var LogGroupKMS = Rule{
	ID: "log-group-kms", Controls: []string{"CloudWatchLogGroupEncrypted (cdk-nag)", "B22"}, Severity: Medium,
	Description: "CloudWatch log groups are encrypted with a customer-managed KMS key (kmsKeyId).",
	Remediation: "set kmsKeyId to the stack's logs key",
	Types:       []string{logGroup},
	Reads:       map[string][]string{logGroup: {"kmsKeyId"}},
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "kmsKeyId") },
}
