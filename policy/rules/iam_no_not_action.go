package rules

// IamNoNotAction forbids Allow statements built on exclusion: NotAction grants every action but some, and
// NotResource every resource but some, including everything AWS adds later.
var IamNoNotAction = Rule{
	ID: "iam-no-not-action", Controls: []string{"custom (issue 21)", "AwsSolutions-IAM5"}, Severity: High,
	Description: "No identity policy has an Allow statement with NotAction or NotResource.",
	Remediation: "list the actions and resources the principal needs; use NotAction only in Deny statements",
	Types:       identityTypes,
	Reads:       identityReads,
	Resource: identityRule(func(s statement) string {
		switch {
		case s.HasNotAction:
			return "allows NotAction " + showList(s.NotActions) + ": every other action"
		case s.HasNotResource:
			return "allows on NotResource " + showList(s.NotResources) + ": every other resource"
		}
		return ""
	}),
}
