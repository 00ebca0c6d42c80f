package rules

// SecurityGroupRuleDescription requires every ingress and egress rule to say why it exists.
var SecurityGroupRuleDescription = Rule{
	ID: "sg-rule-description", Controls: []string{"PCP aws-ec2-securitygroup-missing-ingress-rule-description", "PCP aws-ec2-securitygroup-missing-egress-rule-description"},
	Severity:    Low,
	Description: "Every inline ingress and egress rule of a security group, and every separate rule resource, has a description.",
	Remediation: "give the rule a description naming who it admits and why",
	Types:       sgTypes,
	Reads: map[string][]string{securityGroup: {"ingress[].description", "egress[].description"},
		securityGroupRule: {"description"}, sgIngressRule: {"description"}, sgEgressRule: {"description"}},
	Resource: func(r Resource, f *Findings) {
		if r.Type != securityGroup {
			requireSet(r, f, "description")
		}
		for _, dir := range []string{ingress, egress} { // a rule resource has no inline rules
			list, known := items(r.Get(dir))
			if !known {
				f.Unknown(r, dir)
			}
			for i := range list {
				requireSet(r, f, dir, i, "description")
			}
		}
	},
}
