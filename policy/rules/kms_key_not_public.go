package rules

// KmsKeyNotPublic keeps key policies from letting anyone use or manage a key.
var KmsKeyNotPublic = Rule{
	ID: "kms-key-not-public", Controls: []string{"KMS.5"}, Severity: High,
	Description: "No key policy (a key's policy or an aws:kms/keyPolicy) allows Principal \"*\" or {\"AWS\": \"*\"} without a condition that restricts it to the stack's accounts or sources (aws:PrincipalOrgID, kms:CallerAccount, aws:SourceAccount, …).",
	Remediation: "name the principals, or add a kms:CallerAccount or aws:PrincipalOrgID condition",
	Types:       keyPolicyTypes,
	Reads:       map[string][]string{kmsKey: {"policy"}, kmsKeyPolicy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		checkAllows(r, f, keyPolicyDocuments(r, f), publicStatement)
	},
}
