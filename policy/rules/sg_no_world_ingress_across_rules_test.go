package rules

import "testing"

func TestSecurityGroupOpenIngressAcrossRules(t *testing.T) {
	alb := func(cidr string) func(s *stack) {
		return func(s *stack) {
			s.set(sgIngressRule, "prod-compute-alb-443-from-10.10.0.0-16", "cidrIpv4", "0.0.0.0/1").
				set(sgIngressRule, "prod-compute-alb-443-from-10.100.0.0-16", "cidrIpv4", cidr)
		}
	}
	checkStack(t, SecurityGroupOpenIngressAcrossRules, []stackCase{
		{name: "the program passes"},
		{name: "dev passes", stack: "dev"},
		{name: "two rule resources that add up to the world fail on the group", edit: alb("128.0.0.0/1"), on: "prod-compute-alb",
			wantFail: "its ingress rules together admit the whole internet on tcp/443"},
		{name: "two that do not add up pass", edit: alb("128.0.0.0/2")},
		{name: "a rule resource that completes the group's inline rules fails", edit: func(s *stack) {
			s.set(securityGroup, "prod-db", "ingress[1].cidrBlocks", []any{"0.0.0.0/1"}).
				add(sgIngressRule, "prod-db-rest", map[string]any{"ipProtocol": "tcp", "fromPort": 5433, "toPort": 5433, "cidrIpv4": "128.0.0.0/1",
					"securityGroupId": "prod-db_id"}).dep(sgIngressRule, "prod-db-rest", "securityGroupId", securityGroup, "prod-db")
		}, on: "prod-db", wantFail: "on tcp/5433"},
		{name: "a world rule alone is sg-no-world-ingress's finding, not this one's", edit: func(s *stack) {
			s.set(sgIngressRule, "prod-compute-alb-443-from-10.10.0.0-16", "cidrIpv4", "0.0.0.0/0")
		}},
		{name: "a world inline rule alone is sg-no-world-ingress's finding too", edit: func(s *stack) {
			s.set(securityGroup, "prod-db", "ingress[1].cidrBlocks", []any{"0.0.0.0/0"})
		}},
		{name: "rules of another group do not add up", edit: func(s *stack) {
			alb("128.0.0.0/1")(s)
			s.dep(sgIngressRule, "prod-compute-alb-443-from-10.100.0.0-16", "securityGroupId", securityGroup, "prod-compute-hosts").
				set(sgIngressRule, "prod-compute-alb-443-from-10.100.0.0-16", "securityGroupId", "prod-compute-hosts_id")
		}},
	})
}
