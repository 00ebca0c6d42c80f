package rules

// DefaultSecurityGroupAdopted makes the program adopt every VPC's default security group, which otherwise
// keeps AWS's rules (all traffic from itself, all traffic out), and keeps rule resources off it.
var DefaultSecurityGroupAdopted = Rule{
	ID: "default-sg-adopted", Controls: []string{"EC2.2"}, Severity: Medium,
	Description: "Every VPC has an aws:ec2/defaultSecurityGroup (which removes AWS's default rules), and no separate rule resource adds rules to it.",
	Remediation: "declare an aws:ec2/defaultSecurityGroup with vpcId = the VPC and no rules; admit traffic through groups of your own",
	Reads: map[string][]string{vpc: {}, defaultSecurityGroup: {"vpcId"}, securityGroupRule: {"securityGroupId"},
		sgIngressRule: {"securityGroupId"}, sgEgressRule: {"securityGroupId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, v := range ofType(rs, vpc) {
			if !referenced(rs, "vpcId", v, defaultSecurityGroup) {
				f.Fail(v, "no %s has vpcId = this VPC: its default group keeps AWS's allow rules", defaultSecurityGroup)
			}
		}
		for _, g := range ofType(rs, defaultSecurityGroup) {
			for _, r := range ofType(rs, securityGroupRule, sgIngressRule, sgEgressRule) {
				if links(r, "securityGroupId", g) {
					f.Fail(r, "adds a rule to the default security group %q", g.Name)
				}
			}
		}
	},
}
