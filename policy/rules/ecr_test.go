package rules

import "testing"

func TestEcrScanOnPush(t *testing.T) {
	for _, name := range namesOf(t, ecrRepository) {
		checkRule(t, EcrScanOnPush, ecrRepository, inputsOf(t, "prod", ecrRepository, name), []mutation{
			{name: name + " passes"},
			{name: name + " without scanning fails", set: map[string]any{"imageScanningConfiguration.scanOnPush": false}, wantFail: "imageScanningConfiguration.scanOnPush is false"},
		})
	}
}

func TestEcrImmutableTags(t *testing.T) {
	checkRule(t, EcrImmutableTags, ecrRepository, inputsOf(t, "prod", ecrRepository, "prod-services-claims-api"), []mutation{
		{name: "immutable passes"},
		{name: "mutable fails", set: map[string]any{"imageTagMutability": "MUTABLE"}, wantFail: `imageTagMutability is "MUTABLE"; want "IMMUTABLE"`},
		{name: "unset is mutable and fails", set: map[string]any{"imageTagMutability": nil}, wantFail: "imageTagMutability is unset"},
	})
}

func TestEcrKMS(t *testing.T) {
	checkRule(t, EcrKMS, ecrRepository, inputsOf(t, "prod", ecrRepository, "prod-services-claims-api"), []mutation{
		{name: "KMS with the compute key passes"},
		{name: "AES256 fails", set: map[string]any{"encryptionConfigurations[0].encryptionType": "AES256"}, wantFail: `encryptionConfigurations[0].encryptionType is "AES256"; want "KMS"`},
		{name: "KMS with AWS's key fails", set: map[string]any{"encryptionConfigurations[0].kmsKey": nil}, wantFail: "encryptionConfigurations[0].kmsKey is unset: AWS uses its managed aws/ecr key"},
		{name: "KMS naming aws/ecr fails", set: map[string]any{"encryptionConfigurations[0].kmsKey": "alias/aws/ecr"}, wantFail: "the AWS-managed key"},
		{name: "no configuration fails", set: map[string]any{"encryptionConfigurations": nil}, wantFail: "encryptionConfigurations is unset: AWS encrypts with AES256"},
		{name: "an unknown configuration is re-checked", set: map[string]any{"encryptionConfigurations": unknown}, wantUnknown: "encryptionConfigurations"},
		{name: "an unknown type is re-checked", set: map[string]any{"encryptionConfigurations[0].encryptionType": unknown}, wantUnknown: "encryptionType"},
		{name: "an unknown key is the stack's key", set: map[string]any{"encryptionConfigurations[0].kmsKey": unknown}},
	})
}

func TestEcrKMSHoldsCreationTemplatesToo(t *testing.T) {
	checkRule(t, EcrKMS, ecrCreationTemplate, inputsOf(t, "prod", ecrCreationTemplate, "prod-compute-cache-docker-hub"), []mutation{
		{name: "the pull-through cache's template with the compute key passes"},
		{name: "AES256 fails", set: map[string]any{"encryptionConfigurations[0].encryptionType": "AES256"}, wantFail: `encryptionConfigurations[0].encryptionType is "AES256"; want "KMS"`},
		{name: "no configuration fails", set: map[string]any{"encryptionConfigurations": nil}, wantFail: "encryptionConfigurations is unset"},
	})
}

func TestEcrLifecyclePolicy(t *testing.T) {
	checkStack(t, EcrLifecyclePolicy, []stackCase{
		{name: "every repository has a lifecycle policy"},
		{name: "a repository without one fails", edit: func(s *stack) { s.drop(ecrLifecyclePolicy, "prod-services-claims-api") }, on: "prod-services-claims-api",
			wantFail: "no aws:ecr/lifecyclePolicy:LifecyclePolicy has repository = this repository"},
		{name: "a policy matched by the repository's known name counts", edit: func(s *stack) {
			s.dep(ecrLifecyclePolicy, "prod-services-claims-api", "repository").output(ecrRepository, "prod-services-claims-api", "name", "prod-services-claims-api")
		}},
		{name: "a policy of another repository does not count", edit: func(s *stack) {
			s.dep(ecrLifecyclePolicy, "prod-services-claims-api", "repository")
		}, on: "prod-services-claims-api", wantFail: "no aws:ecr/lifecyclePolicy"},
	})
}
