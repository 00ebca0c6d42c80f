package rules

// SecurityGroupRuleConflict refuses a security group whose rules are managed both inline and by separate
// rule resources: pulumi-aws then removes on every update what the other declared.
var SecurityGroupRuleConflict = Rule{
	ID: "sg-rule-management-conflict", Controls: []string{"AWSGuard security-group-no-rule-management-conflicts"}, Severity: Medium,
	Description: "A security group that sets inline ingress or egress has no separate aws:ec2/securityGroupRule or aws:vpc ingress/egress rule resources (the provider would fight over its rules).",
	Remediation: "declare the group's rules either all inline or all as separate rule resources",
	Reads: map[string][]string{securityGroup: {"ingress", "egress"}, securityGroupRule: {"securityGroupId"},
		sgIngressRule: {"securityGroupId"}, sgEgressRule: {"securityGroupId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, g := range ofType(rs, securityGroup) {
			if g.Get(ingress).IsNull() && g.Get(egress).IsNull() {
				continue
			}
			for _, r := range ofType(rs, securityGroupRule, sgIngressRule, sgEgressRule) {
				if links(r, "securityGroupId", g) {
					f.Fail(g, "sets inline rules and %s %q manages rules of it too", r.Type, r.Name)
				}
			}
		}
	},
}
