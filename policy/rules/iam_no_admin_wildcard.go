package rules

import "slices"

// IamNoAdminWildcard forbids full administrator statements in the program's policies.
var IamNoAdminWildcard = Rule{
	ID: "iam-no-admin-wildcard", Controls: []string{"IAM.1"}, Severity: High,
	Description: "No identity policy (customer-managed, role, user or group inline, role inlinePolicies) allows Action \"*\" on Resource \"*\".",
	Remediation: "grant the actions the principal needs on the resources it needs",
	Types:       identityTypes,
	Reads:       identityReads,
	Resource: identityRule(func(s statement) string {
		if slices.Contains(s.Actions, "*") && s.onEveryResource() {
			return "allows Action \"*\" on Resource \"*\": full administrator"
		}
		return ""
	}),
}
