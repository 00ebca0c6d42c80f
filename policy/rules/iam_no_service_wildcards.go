package rules

import (
	"slices"
	"strings"
)

// IamNoServiceWildcards forbids granting every action of a service: s3:* includes deleting buckets and
// rewriting their policies, kms:* scheduling key deletion.
var IamNoServiceWildcards = Rule{
	ID: "iam-no-service-wildcards", Controls: []string{"IAM.21", "AwsSolutions-IAM5"}, Severity: High,
	Description: "No identity policy allows Action \"*\" or \"<service>:*\" (s3:*, kms:*, …), whatever the resource.",
	Remediation: "list the service's actions the principal needs (prefix wildcards such as kms:GenerateDataKey* stay allowed)",
	Types:       identityTypes,
	Reads:       identityReads,
	Resource: identityRule(func(s statement) string {
		if i := slices.IndexFunc(s.Actions, serviceWildcard); i >= 0 {
			return "allows " + s.Actions[i] + ": every action of the service"
		}
		return ""
	}),
}

// serviceWildcard says whether an action pattern grants every action of a service (or of every service).
func serviceWildcard(action string) bool {
	_, rest, found := strings.Cut(action, ":")
	return action == "*" || found && strings.Trim(rest, "*") == ""
}
