package rules

import "slices"

// KmsKeyNotPublic keeps key policies from letting anyone use or manage a key.
var KmsKeyNotPublic = Rule{
	ID: "kms-key-not-public", Controls: []string{"KMS.5"}, Severity: High,
	Description: "No key policy (a key's policy or an aws:kms/keyPolicy) allows Principal \"*\" or {\"AWS\": \"*\"} without a condition that restricts it to the stack's accounts or sources (aws:PrincipalOrgID, kms:CallerAccount, aws:SourceAccount, …).",
	Remediation: "name the principals, or add a kms:CallerAccount or aws:PrincipalOrgID condition",
	Types:       keyPolicyTypes,
	Reads:       map[string][]string{kmsKey: {"policy"}, kmsKeyPolicy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		doc, ok := policyText(r, f, "policy")
		if !ok {
			return
		}
		for i, s := range doc.Statements {
			if s.allows() && s.everyone() && !slices.ContainsFunc(restrictingKeys, s.hasConditionKey) {
				f.Fail(r, "policy statement %s allows everyone %s with no restricting condition", statementName(i, s), showList(s.Actions))
			}
		}
	},
}
