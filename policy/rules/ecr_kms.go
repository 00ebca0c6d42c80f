package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// EcrKMS requires images to be encrypted with KMS.
var EcrKMS = Rule{
	ID: "ecr-kms", Control: "ECR.5", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECR repositories encrypt with KMS (encryptionConfigurations[].encryptionType = \"KMS\").",
	Types:       []string{ecrRepository},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("encryptionConfigurations", 0, "encryptionType")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "encryptionConfigurations[0].encryptionType")
		case s != "KMS":
			f.Fail(r, "encryptionConfigurations[0].encryptionType is %s; want \"KMS\"", show(v))
		}
	},
}
