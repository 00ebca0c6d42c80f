package rules

import "strings"

// SecurityGroupNoWorldEgress forbids egress to the whole internet: with the VPC endpoints and the ECR
// pull-through cache, hosts and tasks reach AWS privately, and what still needs the NAT gateway gets a
// named destination. Dev keeps internet egress for experiments, so there the rule advises.
var SecurityGroupNoWorldEgress = Rule{
	ID: "sg-no-unrestricted-egress", Controls: []string{"custom (issue 20)"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "In prod, no security group or egress rule admits traffic to the whole internet (0.0.0.0/0, ::/0 or the world in pieces) on any port, 443 included; advisory in dev.",
	Remediation: "send AWS API traffic to the VPC endpoints' security group or the VPC CIDR, and give what must leave through NAT a named destination",
	Types:       []string{securityGroup, securityGroupRule, sgEgressRule},
	Reads:       map[string][]string{securityGroup: sgReads[securityGroup], securityGroupRule: sgReads[securityGroupRule], sgEgressRule: sgReads[sgEgressRule]},
	Resource: func(r Resource, f *Findings) {
		for _, p := range worldPermissions(permissions(r, f, egress)) {
			f.Fail(r, "%s allows egress to %s on %s: the whole internet", p.where("cidrs"), strings.Join(p.cidrs, ", "), p.portRange())
		}
	},
}
