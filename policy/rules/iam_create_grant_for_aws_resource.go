package rules

import (
	"slices"
	"strings"
)

// keyPolicyTypes carry key policies: a key's own policy input, or a separate key policy.
var keyPolicyTypes = []string{kmsKey, kmsKeyPolicy}

// IamCreateGrantForAWSResource keeps kms:CreateGrant for AWS services acting for the principal: without
// kms:GrantIsForAWSResource, the holder can grant any principal, in any account, use of the key.
var IamCreateGrantForAWSResource = Rule{
	ID: "iam-create-grant-for-aws-resource", Controls: []string{"custom (issue 21)"}, Severity: High,
	Description: "Every Allow of kms:CreateGrant (also through kms:*, kms:Create*, * or NotAction), in identity and key policies, carries the condition kms:GrantIsForAWSResource true.",
	Remediation: "add Condition {Bool: {kms:GrantIsForAWSResource: \"true\"}} to the statement, or drop kms:CreateGrant where the AWS-managed policy already grants it that way",
	Exceptions:  []string{"A key policy statement whose principals are only account roots (arn:aws:iam::<account>:root) delegates to IAM; the identity policies it delegates to are checked instead."},
	Types:       append(slices.Clone(identityTypes), keyPolicyTypes...),
	Reads: func() map[string][]string {
		out := map[string][]string{kmsKey: {"policy"}, kmsKeyPolicy: {"policy"}}
		for k, v := range identityReads {
			out[k] = v
		}
		return out
	}(),
	Resource: func(r Resource, f *Findings) {
		docs := keyPolicyDocuments
		if slices.Contains(identityTypes, r.Type) {
			docs = identityDocuments
		}
		checkAllows(r, f, docs(r, f), func(s statement) string {
			if !s.grants("kms:CreateGrant") || accountRootOnly(s) {
				return ""
			}
			values := s.conditionValues("kms:GrantIsForAWSResource", "Bool")
			if len(values) > 0 && !slices.ContainsFunc(values, func(v string) bool { return !strings.EqualFold(v, "true") }) {
				return ""
			}
			return "allows kms:CreateGrant without kms:GrantIsForAWSResource: the holder can grant anyone use of the key"
		})
	},
}

// accountRootOnly says whether a statement's principals are only account roots (the key policy statement
// that delegates to IAM).
func accountRootOnly(s statement) bool {
	roots := s.Principals["AWS"]
	root := func(p string) bool {
		return strings.HasPrefix(p, "arn:aws:iam::") && strings.HasSuffix(p, ":root") || isAccountID(p)
	}
	return len(s.Principals) == 1 && len(roots) > 0 && !slices.ContainsFunc(roots, func(p string) bool { return !root(p) })
}

// isAccountID says whether s is a 12-digit account id (IAM accepts one as a principal, meaning its root).
func isAccountID(s string) bool {
	return len(s) == 12 && strings.Trim(s, "0123456789") == ""
}
