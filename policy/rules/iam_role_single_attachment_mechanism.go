package rules

// IamRoleSingleAttachmentMechanism refuses a role whose policies are managed both by the role's own lists
// and by separate resources. pulumi-aws: managedPolicyArns and inlinePolicies take exclusive management of
// the role's policies and "are incompatible with other ways of managing a role's policies, such as
// aws.iam.PolicyAttachment, aws.iam.RolePolicyAttachment, and aws.iam.RolePolicy" (iam.Role docs): each
// update detaches what the other declared.
var IamRoleSingleAttachmentMechanism = Rule{
	ID: "iam-role-single-attachment-mechanism", Controls: []string{"AWSGuard iam-role-no-policy-management-conflicts", "custom (issue 15)"}, Severity: High,
	Description: "A role that sets managedPolicyArns or inlinePolicies (even empty: that means \"none\") has no aws:iam/rolePolicyAttachment, aws:iam/rolePolicy or aws:iam/policyAttachment naming it.",
	Remediation: "manage the role's policies one way: separate aws:iam/rolePolicyAttachment and aws:iam/rolePolicy resources everywhere (drop managedPolicyArns and inlinePolicies)",
	Reads: map[string][]string{iamRole: {"managedPolicyArns", "inlinePolicies"}, iamRolePolicyAttach: {"role"},
		iamRolePolicy: {"role"}, iamPolicyAttachment: {"roles"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, role := range ofType(rs, iamRole) {
			var lists []string
			for _, k := range []string{"managedPolicyArns", "inlinePolicies"} {
				if !role.Get(k).IsNull() {
					lists = append(lists, k)
				}
			}
			if len(lists) == 0 {
				continue
			}
			for _, r := range ofType(rs, iamRolePolicyAttach, iamRolePolicy, iamPolicyAttachment) {
				prop := "role"
				if r.Type == iamPolicyAttachment {
					prop = "roles"
				}
				if links(r, prop, role) {
					f.Fail(role, "sets %s and %s %q manages its policies too: every update would detach one or the other", showList(lists), r.Type, r.Name)
				}
			}
		}
	},
}
