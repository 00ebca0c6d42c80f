package rules

// IamNoUserPolicies keeps permissions off IAM users: the program creates roles only, and people get
// access through SSO roles.
var IamNoUserPolicies = Rule{
	ID: "iam-no-user-policies", Controls: []string{"IAM.2"}, Severity: Medium,
	Description: "The stack attaches no policy to an IAM user: no aws:iam/userPolicy, no aws:iam/userPolicyAttachment, no aws:iam/policyAttachment with users.",
	Remediation: "grant the permissions to a role the user assumes (through IAM Identity Center)",
	Types:       []string{iamUserPolicy, iamUserPolicyAttach, iamPolicyAttachment},
	Reads:       map[string][]string{iamUserPolicy: {"user"}, iamUserPolicyAttach: {"user"}, iamPolicyAttachment: {"users"}},
	Resource: func(r Resource, f *Findings) {
		users, known := items(r.Get("users"))
		switch {
		case r.Type != iamPolicyAttachment:
			f.Fail(r, "attaches a policy to user %s", show(r.Get("user")))
		case !known:
			f.Unknown(r, "users")
		case len(users) > 0:
			f.Fail(r, "attaches a policy to users %s", show(r.Get("users")))
		}
	},
}
