package rules

// EcrKMS requires images to be encrypted with a customer-managed KMS key: encryptionType KMS alone uses the
// AWS-managed aws/ecr key, which ECR.5 does not accept. Repository creation templates are held to it too:
// they are what the repositories ECR creates for the pull-through cache are encrypted with.
var EcrKMS = Rule{
	ID: "ecr-kms", Controls: []string{"ECR.5", "PCP aws-ecr-repository-disallow-unencrypted-repository", "PCP aws-ecr-repository-configure-customer-managed-key"}, Severity: Low,
	Description: "ECR repositories and repository creation templates encrypt with KMS (encryptionConfigurations[].encryptionType = \"KMS\") under a customer-managed key (kmsKey set, not alias/aws/ecr).",
	Remediation: "set encryptionConfigurations to [{encryptionType: \"KMS\", kmsKey: <the compute key ARN>}]",
	Types:       []string{ecrRepository, ecrCreationTemplate},
	Reads: map[string][]string{
		ecrRepository:       {"encryptionConfigurations[].encryptionType", "encryptionConfigurations[].kmsKey"},
		ecrCreationTemplate: {"encryptionConfigurations[].encryptionType", "encryptionConfigurations[].kmsKey"},
	},
	Resource: func(r Resource, f *Findings) {
		configs, known := items(r.Get("encryptionConfigurations"))
		switch {
		case !known:
			f.Unknown(r, "encryptionConfigurations")
		case len(configs) == 0:
			f.Fail(r, "encryptionConfigurations is unset: AWS encrypts with AES256; want KMS with a customer-managed key")
		}
		for i := range configs {
			before := len(f.All())
			requireOneOf(r, f, []string{"KMS"}, "AES256", "encryptionConfigurations", i, "encryptionType")
			if len(f.All()) == before {
				requireCustomerKey(r, f, "aws/ecr", "encryptionConfigurations", i, "kmsKey")
			}
		}
	},
}
