package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// SecurityGroupOpenIngress forbids ingress from the whole internet on any port: the platform is private and
// on-premises reaches it through the Transit Gateway, VPN or Direct Connect CIDRs.
var SecurityGroupOpenIngress = Rule{
	ID: "sg-no-world-ingress", Control: "EC2.18/EC2.19, AwsSolutions-EC23", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "No security group, security group rule or ingress rule admits 0.0.0.0/0 or ::/0.",
	Types: []string{"aws:ec2/securityGroup:SecurityGroup", "aws:ec2/securityGroupRule:SecurityGroupRule",
		"aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"},
	Resource: func(r Resource, f *Findings) {
		switch r.Type {
		case "aws:ec2/securityGroup:SecurityGroup":
			rules, known := items(r.Get("ingress"))
			if !known {
				f.Unknown(r, "ingress")
			}
			for i, in := range rules {
				openCIDRs(r, f, walk(in, "cidrBlocks"), pathString([]any{"ingress", i, "cidrBlocks"}))
				openCIDRs(r, f, walk(in, "ipv6CidrBlocks"), pathString([]any{"ingress", i, "ipv6CidrBlocks"}))
			}
		case "aws:ec2/securityGroupRule:SecurityGroupRule":
			if typ, _ := text(r.Get("type")); typ != "ingress" {
				return
			}
			openCIDRs(r, f, r.Get("cidrBlocks"), "cidrBlocks")
			openCIDRs(r, f, r.Get("ipv6CidrBlocks"), "ipv6CidrBlocks")
		default:
			for _, k := range []string{"cidrIpv4", "cidrIpv6"} {
				v := r.Get(k)
				if s, known := text(v); !known {
					f.Unknown(r, k)
				} else if worldCIDRs[s] {
					f.Fail(r, "%s is %q: ingress from the whole internet", k, s)
				}
			}
		}
	},
}
