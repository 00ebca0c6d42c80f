package rules

// KmsKeyDescription requires every key to say what it encrypts, so a key policy review knows what is at
// stake.
var KmsKeyDescription = Rule{
	ID: "kms-key-description", Controls: []string{"PCP aws-kms-key-missing-description"}, Severity: Low,
	Description: "KMS keys have a description.",
	Remediation: "set description to what the key encrypts",
	Types:       []string{kmsKey},
	Reads:       map[string][]string{kmsKey: {"description"}},
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "description") },
}
