package rules

import "testing"

func TestSecurityGroupOpenIngress(t *testing.T) {
	ingress := func(cidr string) []any {
		return []any{map[string]any{"fromPort": 443, "toPort": 443, "protocol": "tcp", "cidrBlocks": []any{"10.20.0.0/16", cidr}}}
	}
	checkRule(t, SecurityGroupOpenIngress, "aws:ec2/securityGroup:SecurityGroup", map[string]any{"ingress": ingress("10.100.0.0/16")}, []mutation{
		{name: "private CIDRs pass"},
		{name: "inline ingress from 0.0.0.0/0 fails", set: map[string]any{"ingress": ingress("0.0.0.0/0")}, wantFail: `ingress[0].cidrBlocks contains "0.0.0.0/0"`},
		{name: "an unknown CIDR is reported", set: map[string]any{"ingress": []any{map[string]any{"cidrBlocks": []any{unknown}}}}, wantUnknown: "ingress[0].cidrBlocks is unknown"},
	})
	checkRule(t, SecurityGroupOpenIngress, "aws:ec2/securityGroupRule:SecurityGroupRule", map[string]any{"type": "ingress", "cidrBlocks": []any{"10.0.0.0/8"}}, []mutation{
		{name: "a private rule passes"},
		{name: "an egress rule to anywhere passes", set: map[string]any{"type": "egress", "cidrBlocks": []any{"0.0.0.0/0"}}},
		{name: "an ingress rule from ::/0 fails", set: map[string]any{"ipv6CidrBlocks": []any{"::/0"}}, wantFail: `ipv6CidrBlocks contains "::/0"`},
	})
	checkRule(t, SecurityGroupOpenIngress, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", map[string]any{"cidrIpv4": "10.100.0.0/16"}, []mutation{
		{name: "an on-premises CIDR passes"},
		{name: "the world fails", set: map[string]any{"cidrIpv4": "0.0.0.0/0"}, wantFail: `cidrIpv4 is "0.0.0.0/0"`},
	})
}
