package rules

// SecretsManagerSecretCMK encrypts secrets with a customer-managed key, so reading one needs that key's
// policy as well as the secret's.
var SecretsManagerSecretCMK = Rule{
	ID: "secretsmanager-secret-cmk", Controls: []string{"B28", "PCP aws-secretsmanager-secret-configure-customer-managed-key"}, Severity: Medium,
	Description: "Secrets set kmsKeyId to a customer-managed key (not unset, not alias/aws/secretsmanager).",
	Remediation: "set kmsKeyId to the key of the secret's owner",
	Types:       []string{smSecret},
	Reads:       map[string][]string{smSecret: {"kmsKeyId"}},
	Resource:    func(r Resource, f *Findings) { requireCustomerKey(r, f, "aws/secretsmanager", "kmsKeyId") },
}
