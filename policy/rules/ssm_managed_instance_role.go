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
			profiles, outside := targets(rs, lt, "iamInstanceProfile", iamInstanceProfile)
			switch {
			case len(profiles) == 0 && outside == 0 && lt.Get("iamInstanceProfile").IsNull():
				f.Fail(lt, "has no iamInstanceProfile: Systems Manager cannot manage its instances")
			case len(profiles) == 0:
				f.Unknown(lt, "iamInstanceProfile (a profile outside the stack)")
			}
			for _, p := range profiles {
				roles, _ := targets(rs, p, "role", iamRole)
				checkSSMRoles(rs, lt, roles, f)
			}
		}
		for _, a := range ofType(rs, ssmActivation) {
			roles, _ := targets(rs, a, "iamRole", iamRole)
			checkSSMRoles(rs, a, roles, f)
		}
	},
}

// checkSSMRoles fails host unless one of its roles (found in the stack) is manageable by SSM.
func checkSSMRoles(rs []Resource, host Resource, roles []Resource, f *Findings) {
	if len(roles) == 0 {
		f.Unknown(host, "its role (not in the stack)")
		return
	}
	for _, role := range roles {
		if ok, known := ssmManageable(rs, role); !known {
			f.Unknown(host, "the policies of role "+role.Name)
		} else if !ok {
			f.Fail(host, "role %q holds neither %s nor a policy allowing ssm:UpdateInstanceInformation", role.Name, ssmCorePolicy)
		}
	}
}

// ssmManageable says whether role holds the SSM agent's core permissions.
func ssmManageable(rs []Resource, role Resource) (ok, known bool) {
	core := func(arn string) bool { name, aws := awsManagedPolicy(arn); return aws && name == ssmCorePolicy }
	grantsAgent := func(docs []namedDocument) bool {
		return slices.ContainsFunc(docs, func(d namedDocument) bool {
			return slices.ContainsFunc(d.doc.Statements, func(s statement) bool { return s.allows() && s.grants("ssm:UpdateInstanceInformation") })
		})
	}
	var scratch Findings
	arns, known := texts(role.Get("managedPolicyArns"))
	if slices.ContainsFunc(arns, core) || grantsAgent(identityDocuments(role, &scratch)) {
		return true, true
	}
	for _, a := range ofType(rs, iamRolePolicyAttach) {
		if !links(a, "role", role) {
			continue
		}
		arn, ok := text(a.Get("policyArn"))
		known = known && (ok || len(a.Deps["policyArn"]) > 0)
		if core(arn) {
			return true, true
		}
		policies, _ := targets(rs, a, "policyArn", iamPolicy)
		for _, p := range policies {
			if grantsAgent(identityDocuments(p, &scratch)) {
				return true, true
			}
		}
	}
	for _, p := range ofType(rs, iamRolePolicy) {
		if links(p, "role", role) && grantsAgent(identityDocuments(p, &scratch)) {
			return true, true
		}
	}
	return false, known && !slices.ContainsFunc(scratch.All(), func(x Finding) bool { return x.Unknown })
}
