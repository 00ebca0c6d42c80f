package rules

// KmsKeyRotation requires yearly rotation of every symmetric customer-managed key.
var KmsKeyRotation = Rule{
	ID: "kms-key-rotation", Controls: []string{"KMS.4", "AwsSolutions-KMS5", "PCP aws-kms-key-enable-key-rotation", "AWSGuard cmk-backing-key-rotation-enabled"}, Severity: Medium,
	Description: "Symmetric encryption KMS keys (customerMasterKeySpec SYMMETRIC_DEFAULT or unset) have automatic key rotation enabled; AWS rotates no other kind.",
	Remediation: "set enableKeyRotation true",
	Types:       []string{kmsKey},
	Reads:       map[string][]string{kmsKey: {"customerMasterKeySpec", "enableKeyRotation"}},
	Resource: func(r Resource, f *Findings) {
		spec, known := text(r.Get("customerMasterKeySpec"))
		switch {
		case !known:
			f.Unknown(r, "customerMasterKeySpec")
		case spec == "" || spec == "SYMMETRIC_DEFAULT":
			requireTrue(r, f, "enableKeyRotation")
		}
	},
}
