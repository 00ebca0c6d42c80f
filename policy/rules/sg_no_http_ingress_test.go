package rules

import "testing"

func TestSecurityGroupNoHTTPIngress(t *testing.T) {
	const http80 = "prod-compute-alb-80-from-10.100.0.0-16"
	checkStack(t, SecurityGroupNoHTTPIngress, []stackCase{
		{name: "prod's port 80 serves only the HTTPS redirect and passes"},
		{name: "dev's plain HTTP listener makes its port 80 fail (advisory there)", stack: "dev", on: "dev-compute-alb-80-from-10.100.0.0-16",
			wantFail: "on tcp/80, which includes plain HTTP (tcp/80)", wantFails: 3},
		{name: "an HTTP listener that forwards makes port 80 fail", edit: func(s *stack) {
			s.set("aws:lb/listener:Listener", "prod-compute-http", "defaultActions", []any{map[string]any{"type": "forward", "targetGroupArn": "tg"}})
		}, on: http80, wantFail: "tcp/80", wantFails: 3},
		{name: "a load balancer without HTTP listeners needs no port 80", edit: func(s *stack) {
			s.drop("aws:lb/listener:Listener", "prod-compute-http")
		}, on: http80, wantFail: "tcp/80", wantFails: 3},
		{name: "port 80 into a group no load balancer uses fails", edit: func(s *stack) {
			s.set(securityGroup, "prod-db", "ingress[1].fromPort", 80).set(securityGroup, "prod-db", "ingress[1].toPort", 80)
		}, on: "prod-db", wantFail: "ingress[1].cidrs admits 10.100.0.0/16, 172.20.0.0/16 on tcp/80"},
		{name: "a range that covers 80 fails", edit: func(s *stack) {
			s.set(securityGroup, "prod-db", "ingress[1].fromPort", 1).set(securityGroup, "prod-db", "ingress[1].toPort", 1024)
		}, on: "prod-db", wantFail: "on tcp/1-1024"},
		{name: "all traffic includes 80", edit: func(s *stack) { s.set(securityGroup, "prod-db", "ingress[1].protocol", "-1") }, on: "prod-db",
			wantFail: "every protocol and port"},
		{name: "udp/80 is not HTTP", edit: func(s *stack) {
			s.set(securityGroup, "prod-db", "ingress[1].protocol", "udp").set(securityGroup, "prod-db", "ingress[1].fromPort", 80).set(securityGroup, "prod-db", "ingress[1].toPort", 80)
		}},
		{name: "a rule resource on a group outside the stack fails", edit: func(s *stack) {
			s.dep(sgIngressRule, http80, "securityGroupId").set(sgIngressRule, http80, "securityGroupId", "sg-elsewhere")
		}, on: http80, wantFail: "tcp/80"},
		{name: "a listener of another load balancer does not make the redirect", edit: func(s *stack) {
			s.dep("aws:lb/listener:Listener", "prod-compute-http", "loadBalancerArn").set("aws:lb/listener:Listener", "prod-compute-http", "loadBalancerArn", "arn:other")
		}, on: http80, wantFail: "tcp/80", wantFails: 3},
		{name: "an HTTP listener whose actions are unknown is no redirect yet", edit: func(s *stack) {
			s.set("aws:lb/listener:Listener", "prod-compute-http", "defaultActions", unknown)
		}, on: http80, wantFail: "tcp/80", wantFails: 3, wantUnknown: "defaultActions"},
		{name: "an HTTP listener beside the redirect breaks it", edit: func(s *stack) {
			s.add("aws:lb/listener:Listener", "prod-compute-http2", map[string]any{"protocol": "HTTP", "port": 8080,
				"defaultActions": []any{map[string]any{"type": "forward"}}}).dep("aws:lb/listener:Listener", "prod-compute-http2", "loadBalancerArn", "aws:lb/loadBalancer:LoadBalancer", "prod-compute")
		}, on: http80, wantFail: "tcp/80", wantFails: 3},
	})
}
