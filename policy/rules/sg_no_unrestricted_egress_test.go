package rules

import "testing"

func TestSecurityGroupNoWorldEgress(t *testing.T) {
	checkRule(t, SecurityGroupNoWorldEgress, sgEgressRule, inputsOf(t, "prod", sgEgressRule, "prod-compute-tasks-vpc-out"), []mutation{
		{name: "egress to the VPC passes"},
		{name: "https to the world fails", set: map[string]any{"cidrIpv4": "0.0.0.0/0", "ipProtocol": "tcp", "fromPort": 443, "toPort": 443},
			wantFail: "cidrs allows egress to 0.0.0.0/0 on tcp/443: the whole internet"},
		{name: "everything to the world fails", set: map[string]any{"cidrIpv4": "0.0.0.0/0"}, wantFail: "on every protocol and port"},
		{name: "IPv6 world egress fails", set: map[string]any{"cidrIpv4": nil, "cidrIpv6": "::/0"}, wantFail: "::/0"},
		{name: "an unknown destination is re-checked at up", set: map[string]any{"cidrIpv4": unknown}, wantUnknown: "cidrIpv4"},
	})
	checkRule(t, SecurityGroupNoWorldEgress, securityGroup, inputsOf(t, "prod", securityGroup, "prod-dns-outbound"), []mutation{
		{name: "egress to the on-premises DNS servers passes"},
		{name: "inline egress to the world fails", set: map[string]any{"egress[0].cidrBlocks": []any{"0.0.0.0/0"}}, wantFail: "egress[0].cidrs allows egress to 0.0.0.0/0 on udp/53"},
		{name: "world ingress is not egress", set: map[string]any{"ingress": []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": []any{"0.0.0.0/0"}}}}},
	})
	checkRule(t, SecurityGroupNoWorldEgress, securityGroupRule, map[string]any{"type": "egress", "protocol": "tcp", "fromPort": 443, "toPort": 443,
		"cidrBlocks": []any{"10.10.0.0/16"}, "securityGroupId": "sg-1"}, []mutation{
		{name: "an egress rule to the VPC passes"},
		{name: "an egress rule to the world fails", set: map[string]any{"cidrBlocks": []any{"0.0.0.0/0"}}, wantFail: "on tcp/443"},
		{name: "an ingress rule is not egress", set: map[string]any{"type": "ingress", "cidrBlocks": []any{"0.0.0.0/0"}}},
	})
	checkRule(t, SecurityGroupNoWorldEgress, sgEgressRule, inputsOf(t, "prod", sgEgressRule, "prod-compute-hosts-https-endpoints"), []mutation{
		{name: "the hosts' https egress to the endpoints passes (issue 20)"},
		{name: "the same rule to the world fails", set: map[string]any{"referencedSecurityGroupId": nil, "cidrIpv4": "0.0.0.0/0"}, wantFail: "0.0.0.0/0 on tcp/443"},
	})
	checkRule(t, SecurityGroupNoWorldEgress, sgEgressRule, inputsOf(t, "prod", sgEgressRule, "prod-compute-hosts-https-s3"), []mutation{
		{name: "the hosts' https egress to the S3 prefix list passes (issue 20)"},
	})
}
