package rules

// SnsTopicKMS requires SNS topics to be encrypted at rest with a KMS key.
var SnsTopicKMS = Rule{
	ID: "sns-topic-kms", Controls: []string{"SNS.1"}, Severity: Low,
	Description: "SNS topics are encrypted with a KMS key (kmsMasterKeyId).",
	Remediation: "set kmsMasterKeyId to a customer-managed key whose policy lets the publishers use it",
	Types:       []string{snsTopic},
	Reads:       map[string][]string{snsTopic: {"kmsMasterKeyId"}},
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "kmsMasterKeyId") },
}
