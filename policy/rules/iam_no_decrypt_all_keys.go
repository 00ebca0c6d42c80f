package rules

import "slices"

// decryptActions are the actions KMS.1 and KMS.2 forbid on every key.
var decryptActions = []string{"kms:Decrypt", "kms:ReEncryptFrom"}

// IamNoDecryptAllKeys forbids decrypting with every key of the account: a grant names its keys.
var IamNoDecryptAllKeys = Rule{
	ID: "iam-no-decrypt-all-keys", Controls: []string{"KMS.1", "KMS.2"}, Severity: High,
	Description: "No identity policy allows kms:Decrypt or kms:ReEncryptFrom (also through kms:*, * or NotAction) on Resource \"*\".",
	Remediation: "name the key ARNs the principal may decrypt with",
	Types:       identityTypes,
	Reads:       identityReads,
	Resource: identityRule(func(s statement) string {
		if i := slices.IndexFunc(decryptActions, s.grants); i >= 0 && s.onEveryResource() {
			return "allows " + decryptActions[i] + " on every KMS key (Resource \"*\")"
		}
		return ""
	}),
}
