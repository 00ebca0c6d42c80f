package rules

// KmsKeyNoLockoutBypass keeps KMS's check that a new key policy still lets its author manage the key.
var KmsKeyNoLockoutBypass = Rule{
	ID: "kms-key-no-lockout-bypass", Controls: []string{"PCP aws-kms-key-disallow-bypass-policy-lockout-safety-check", "B30"}, Severity: Medium,
	Description: "KMS keys and key policies never set bypassPolicyLockoutSafetyCheck true.",
	Remediation: "drop bypassPolicyLockoutSafetyCheck",
	Types:       keyPolicyTypes,
	Reads:       map[string][]string{kmsKey: {"bypassPolicyLockoutSafetyCheck"}, kmsKeyPolicy: {"bypassPolicyLockoutSafetyCheck"}},
	Resource:    func(r Resource, f *Findings) { forbidTrue(r, f, "bypassPolicyLockoutSafetyCheck") },
}
