package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// KmsKeyRotation requires yearly rotation of every symmetric customer-managed key.
var KmsKeyRotation = Rule{
	ID: "kms-key-rotation", Control: "KMS.4", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Symmetric KMS keys have automatic key rotation enabled.",
	Types:       []string{"aws:kms/key:Key"},
	Resource: func(r Resource, f *Findings) {
		spec, known := text(r.Get("customerMasterKeySpec"))
		if !known {
			f.Unknown(r, "customerMasterKeySpec")
			return
		}
		if spec != "" && spec != "SYMMETRIC_DEFAULT" {
			return // AWS rotates only symmetric keys
		}
		requireTrue(r, f, "enableKeyRotation")
	},
}
