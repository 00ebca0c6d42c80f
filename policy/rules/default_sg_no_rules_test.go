package rules

import "testing"

func TestDefaultSecurityGroupClosed(t *testing.T) {
	checkRule(t, DefaultSecurityGroupClosed, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", map[string]any{"vpcId": "vpc-1"}, []mutation{
		{name: "no rules pass"},
		{name: "an ingress rule fails", set: map[string]any{"ingress": []any{map[string]any{"self": true, "protocol": "-1"}}}, wantFail: "ingress has 1 rule(s); want none"},
		{name: "an egress rule fails", set: map[string]any{"egress": []any{map[string]any{"cidrBlocks": []any{"0.0.0.0/0"}}}}, wantFail: "egress has 1 rule(s); want none"},
	})
}
