package rules

import "testing"

func TestDefaultSecurityGroupClosed(t *testing.T) {
	rule := []any{map[string]any{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true}}
	checkRule(t, DefaultSecurityGroupClosed, defaultSecurityGroup, inputsOf(t, "prod", defaultSecurityGroup, "prod-vpc-default-sg"), []mutation{
		{name: "no rules pass"},
		{name: "an empty list passes", set: map[string]any{"ingress": []any{}}},
		{name: "an ingress rule fails", set: map[string]any{"ingress": rule}, wantFail: "ingress has 1 rule(s); want none"},
		{name: "an egress rule fails", set: map[string]any{"egress": rule}, wantFail: "egress has 1 rule(s)"},
		{name: "unknown ingress is re-checked at up", set: map[string]any{"ingress": unknown}, wantUnknown: "ingress"},
		{name: "unknown egress is re-checked at up", set: map[string]any{"egress": unknown}, wantUnknown: "egress"},
	})
}

func TestDefaultSecurityGroupAdopted(t *testing.T) {
	checkStack(t, DefaultSecurityGroupAdopted, []stackCase{
		{name: "the program adopts the default group"},
		{name: "a VPC whose default group is not adopted fails", edit: func(s *stack) { s.drop(defaultSecurityGroup) }, on: "prod-vpc",
			wantFail: "no aws:ec2/defaultSecurityGroup:DefaultSecurityGroup has vpcId = this VPC"},
		{name: "a default group of another VPC does not count", edit: func(s *stack) {
			s.dep(defaultSecurityGroup, "prod-vpc-default-sg", "vpcId").set(defaultSecurityGroup, "prod-vpc-default-sg", "vpcId", "vpc-other")
		}, on: "prod-vpc", wantFail: "keeps AWS's allow rules"},
		{name: "a rule resource on the default group fails", edit: func(s *stack) {
			s.dep(sgIngressRule, "prod-compute-alb-443-from-10.10.0.0-16", "securityGroupId", defaultSecurityGroup, "prod-vpc-default-sg")
		}, on: "prod-compute-alb-443-from-10.10.0.0-16", wantFail: `adds a rule to the default security group "prod-vpc-default-sg"`},
	})
}
