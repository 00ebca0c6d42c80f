package rules

import "strings"

// SecurityGroupOpenIngress forbids ingress from the whole internet on any port: the platform is private and
// on-premises reaches it through the Transit Gateway, VPN or Direct Connect CIDRs.
var SecurityGroupOpenIngress = Rule{
	ID: "sg-no-world-ingress", Controls: []string{"EC2.18", "EC2.19", "EC2.53", "EC2.54", "AwsSolutions-EC23", "PCP aws-ec2-securitygroup-disallow-public-internet-ingress"},
	Severity:    High,
	Description: "No security group, security group rule or ingress rule admits the whole internet (0.0.0.0/0, ::/0, or the world split into several blocks) on any port; a rule whose direction or blocks are unknown at preview is re-checked at up.",
	Remediation: "admit the on-premises and VPC CIDRs (or a security group) instead of the internet",
	Exceptions:  []string{"Ingress from a managed prefix list (prefixListIds) is not resolved: its entries are not inputs of the rule. No ingress of the program uses one."},
	Types:       []string{securityGroup, securityGroupRule, sgIngressRule},
	Reads:       map[string][]string{securityGroup: sgReads[securityGroup], securityGroupRule: sgReads[securityGroupRule], sgIngressRule: sgReads[sgIngressRule]},
	Resource: func(r Resource, f *Findings) {
		for _, p := range worldPermissions(permissions(r, f, ingress)) {
			f.Fail(r, "%s admits %s on %s: open to the whole internet", p.where("cidrs"), strings.Join(p.cidrs, ", "), p.portRange())
		}
	},
}
