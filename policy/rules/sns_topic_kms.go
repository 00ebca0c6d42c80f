package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// SnsTopicKMS requires SNS topics to be encrypted at rest with a KMS key.
var SnsTopicKMS = Rule{
	ID: "sns-topic-kms", Control: "SNS.1", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "SNS topics are encrypted with a KMS key (kmsMasterKeyId).",
	Types:       []string{"aws:sns/topic:Topic"},
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "kmsMasterKeyId") },
}
