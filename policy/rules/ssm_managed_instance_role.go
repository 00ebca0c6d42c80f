package rules

import "slices"

// ssmCorePolicy is the AWS-managed policy that lets the SSM agent register and be managed.
const ssmCorePolicy = "AmazonSSMManagedInstanceCore"

// SsmManagedInstanceRole makes sure every host the stack launches or registers can be managed by Systems
// Manager (patching, inventory, Session Manager): its role carries the agent's core permissions.
var SsmManagedInstanceRole = Rule{
	ID: "ssm-managed-instance-role", Controls: []string{"SSM.1"}, Severity: Medium,
	Description: "Every launch template's instance profile role, and every SSM activation's role, holds AmazonSSMManagedInstanceCore (managedPolicyArns or a role policy attachment) or a policy of its own that allows ssm:UpdateInstanceInformation.",
	Remediation: "attach AmazonSSMManagedInstanceCore (or a customer-managed policy with its agent actions) to the hosts' role",
	Exceptions:  []string{"Registration itself is run-time state (the catalogue marks SSM.1 partly static). The EC2 File Gateway appliance is managed by Storage Gateway, not Systems Manager, and takes no instance profile."},
	Reads: map[string][]string{launchTemplate: {"iamInstanceProfile.arn", "iamInstanceProfile.name"}, iamInstanceProfile: {"role"},
		ssmActivation: {"iamRole"}, iamRole: {"managedPolicyArns", "inlinePolicies[].policy"}, iamRolePolicyAttach: {"role", "policyArn"},
		iamRolePolicy: {"role", "policy"}, iamPolicy: {"policy"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, lt := range ofType(rs, launchTemplate) {
			profiles := targets(rs, lt, "iamInstanceProfile", iamInstanceProfile)
			switch {
			case len(profiles) > 0:
			case lt.Get("iamInstanceProfile").IsNull():
				f.Fail(lt, "has no iamInstanceProfile: Systems Manager cannot manage its instances")
			default:
				f.Unknown(lt, "iamInstanceProfile (a profile outside the stack)")
			}
			for _, p := range profiles {
				checkSSMRoles(rs, lt, targets(rs, p, "role", iamRole), f)
			}
		}
		for _, a := range ofType(rs, ssmActivation) {
			checkSSMRoles(rs, a, targets(rs, a, "iamRole", iamRole), f)
		}
	},
}

// checkSSMRoles fails host unless its roles (found in the stack) are manageable by SSM.
func checkSSMRoles(rs []Resource, host Resource, roles []Resource, f *Findings) {
	if len(roles) == 0 {
		f.Unknown(host, "its role (not in the stack)")
	}
	for _, role := range roles {
		switch ssmManageable(rs, role) {
		case pending:
			f.Unknown(host, "the policies of role "+role.Name)
		case no:
			f.Fail(host, "role %q holds neither %s nor a policy allowing ssm:UpdateInstanceInformation", role.Name, ssmCorePolicy)
		}
	}
}

// ssmManageable says whether role holds the SSM agent's core permissions.
func ssmManageable(rs []Resource, role Resource) verdict {
	core := func(arn string) bool { name, _ := awsManagedPolicy(arn); return name == ssmCorePolicy }
	var unknowns Findings
	grantsAgent := func(r Resource) bool {
		return slices.ContainsFunc(identityDocuments(r, &unknowns), func(d namedDocument) bool {
			return slices.ContainsFunc(d.doc.Statements, func(s statement) bool { return s.allows() && s.grants("ssm:UpdateInstanceInformation") })
		})
	}
	arns, known := texts(role.Get("managedPolicyArns"))
	if slices.ContainsFunc(arns, core) || grantsAgent(role) {
		return yes
	}
	for _, a := range ofType(rs, iamRolePolicyAttach) {
		if !links(a, "role", role) {
			continue
		}
		arn, ok := text(a.Get("policyArn"))
		policies := targets(rs, a, "policyArn", iamPolicy)
		if core(arn) || slices.ContainsFunc(policies, grantsAgent) {
			return yes
		}
		known = known && (ok || len(policies) > 0)
	}
	for _, p := range ofType(rs, iamRolePolicy) {
		if links(p, "role", role) && grantsAgent(p) {
			return yes
		}
	}
	if !known || len(unknowns.All()) > 0 {
		return pending
	}
	return no
}
