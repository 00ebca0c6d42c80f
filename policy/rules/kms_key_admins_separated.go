package rules

import "slices"

// keyAdminActions are the actions that manage a key without using it; keyUseActions the cryptographic ones.
var (
	keyAdminActions = []string{"kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:CancelKeyDeletion"}
	keyUseActions   = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
		"kms:GenerateDataKeyWithoutPlaintext", "kms:Sign", "kms:Verify", "kms:GenerateMac"}
)

// KmsKeyAdminsSeparated requires every customer key to name its key administrators and its key users in
// separate statements, as AWS's default key policy does: an administrator who cannot decrypt and a user who
// cannot change the policy. The account-root statement alone delegates everything to IAM, so any broad IAM
// policy of the account can both read and destroy the data.
var KmsKeyAdminsSeparated = Rule{
	ID: "kms-key-admins-separated", Controls: []string{"custom (issue 21)"}, Severity: High,
	Description: "Every KMS key has an explicit policy with a statement that grants key administration (kms:PutKeyPolicy, ScheduleKeyDeletion, …) without cryptographic use, a statement that grants use (kms:Decrypt, Encrypt, GenerateDataKey, …) without administration, and no statement but the account root's that grants both.",
	Remediation: "give the key a policy with the account root, a key-administrator statement (named admin role, no crypto actions) and key-user statements (the roles and services that encrypt and decrypt)",
	Types:       keyPolicyTypes,
	Reads:       map[string][]string{kmsKey: {"policy"}, kmsKeyPolicy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		if r.Type == kmsKey && r.Get("policy").IsNull() {
			f.Fail(r, "policy is unset: AWS's default policy lets the account root (so any IAM policy) administer and use the key alike")
			return
		}
		doc, ok := policyText(r, f, "policy")
		if !ok {
			return
		}
		admins, users := false, false
		for i, s := range doc.Statements {
			if !s.allows() || accountRootOnly(s) {
				continue
			}
			administers := slices.ContainsFunc(keyAdminActions, s.grants)
			uses := slices.ContainsFunc(keyUseActions, s.grants)
			switch {
			case administers && uses:
				f.Fail(r, "policy statement %s both administers and uses the key; want administrators and users in separate statements", statementName(i, s))
			case administers:
				admins = true
			case uses:
				users = true
			}
		}
		if !admins {
			f.Fail(r, "policy names no key administrators apart from key users (only the account root administers it)")
		}
		if !users {
			f.Fail(r, "policy names no key users apart from key administrators")
		}
	},
}
