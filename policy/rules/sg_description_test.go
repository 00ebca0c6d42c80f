package rules

import "testing"

func TestSecurityGroupDescription(t *testing.T) {
	checkRule(t, SecurityGroupDescription, securityGroup, inputsOf(t, "prod", securityGroup, "prod-compute-alb"), []mutation{
		{name: "a description of its own passes"},
		{name: "two characters pass", set: map[string]any{"description": "ok"}},
		{name: "none fails", set: map[string]any{"description": nil}, wantFail: "description is unset; want what the group is for"},
		{name: "one character fails", set: map[string]any{"description": "x"}, wantFail: `description is "x"`},
		{name: "the provider's default fails", set: map[string]any{"description": "Managed by Pulumi"}, wantFail: `"Managed by Pulumi"`},
		{name: "unknown is re-checked at up", set: map[string]any{"description": unknown}, wantUnknown: "description"},
	})
}

func TestSecurityGroupRuleDescription(t *testing.T) {
	checkRule(t, SecurityGroupRuleDescription, securityGroup, inputsOf(t, "prod", securityGroup, "prod-db"), []mutation{
		{name: "described inline rules pass"},
		{name: "an undescribed ingress rule fails", set: map[string]any{"ingress[1].description": nil}, wantFail: "ingress[1].description is unset"},
		{name: "an undescribed egress rule fails", set: map[string]any{"egress": []any{map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"10.0.0.0/8"}}}},
			wantFail: "egress[0].description is unset"},
		{name: "unknown rules are re-checked at up", set: map[string]any{"ingress": unknown}, wantUnknown: "ingress"},
		{name: "unknown egress rules are re-checked at up", set: map[string]any{"egress": unknown}, wantUnknown: "egress"},
	})
	checkRule(t, SecurityGroupRuleDescription, sgIngressRule, inputsOf(t, "prod", sgIngressRule, "prod-compute-alb-443-from-10.10.0.0-16"), []mutation{
		{name: "a described rule resource passes"},
		{name: "an undescribed one fails", set: map[string]any{"description": nil}, wantFail: "description is unset"},
	})
}

func TestSecurityGroupRuleConflict(t *testing.T) {
	checkStack(t, SecurityGroupRuleConflict, []stackCase{
		{name: "groups with separate rules only, or inline rules only, pass"},
		{name: "inline ingress beside separate rules fails", edit: func(s *stack) {
			s.set(securityGroup, "prod-compute-alb", "ingress", []any{map[string]any{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": []any{"10.0.0.0/8"}}})
		}, on: "prod-compute-alb", wantFail: "sets inline rules and aws:vpc/securityGroup", wantFails: 7},
		{name: "inline egress beside separate rules fails", edit: func(s *stack) {
			s.set(securityGroup, "prod-compute-hosts", "egress", []any{})
		}, on: "prod-compute-hosts", wantFail: "sets inline rules and aws:vpc/securityGroupEgressRule", wantFails: 2},
		{name: "a separate rule on an inline-only group fails", edit: func(s *stack) {
			s.add(securityGroupRule, "prod-db-extra", map[string]any{"type": "ingress", "protocol": "tcp", "fromPort": 5432, "toPort": 5432,
				"cidrBlocks": []any{"10.0.0.0/8"}, "securityGroupId": "x"}).dep(securityGroupRule, "prod-db-extra", "securityGroupId", securityGroup, "prod-db")
		}, on: "prod-db", wantFail: `aws:ec2/securityGroupRule:SecurityGroupRule "prod-db-extra"`},
	})
}
