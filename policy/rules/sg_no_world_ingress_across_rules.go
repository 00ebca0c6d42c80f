package rules

// SecurityGroupOpenIngressAcrossRules catches the whole internet admitted to one security group by several
// rule resources together (0.0.0.0/1 in one, 128.0.0.0/1 in another), which no single rule shows.
var SecurityGroupOpenIngressAcrossRules = Rule{
	ID: "sg-no-world-ingress-across-rules", Controls: []string{"EC2.18", "EC2.19", "AwsSolutions-EC23"}, Severity: High,
	Description: "The ingress rules of a security group (inline and separate rule resources) do not admit the whole internet together on any port.",
	Remediation: "admit the on-premises and VPC CIDRs (or a security group) instead of blocks that add up to the internet",
	Reads:       sgReads,
	Stack: func(rs []Resource, f *Findings) {
		for _, g := range ofType(rs, securityGroup) {
			var scratch Findings // unknowns and single-rule findings are reported by sg-no-world-ingress
			perms := permissions(g, &scratch, ingress)
			single := len(worldPermissions(perms)) > 0
			for _, r := range ofType(rs, securityGroupRule, sgIngressRule) {
				if links(r, "securityGroupId", g) {
					own := permissions(r, &scratch, ingress)
					single = single || len(worldPermissions(own)) > 0
					perms = append(perms, own...)
				}
			}
			if open := worldPermissions(perms); len(open) > 0 && !single {
				f.Fail(g, "its ingress rules together admit the whole internet on %s", open[0].portRange())
			}
		}
	},
}
