package rules

import "testing"

const lbType, listenerType = "aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener"

func TestLoadBalancerInternal(t *testing.T) {
	checkRule(t, LoadBalancerInternal, lbType, inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "internal passes"},
		{name: "internet-facing fails", set: map[string]any{"internal": false}, wantFail: "internal is false; want true"},
		{name: "unset is internet-facing and fails", set: map[string]any{"internal": nil}, wantFail: "internal is unset"},
		{name: "unknown is re-checked", set: map[string]any{"internal": unknown}, wantUnknown: "internal"},
	})
	checkRule(t, LoadBalancerInternal, "aws:alb/loadBalancer:LoadBalancer", inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "the alb token is checked the same", set: map[string]any{"internal": false}, wantFail: "internal is false"},
	})
}

func TestLoadBalancerAccessLogs(t *testing.T) {
	checkRule(t, LoadBalancerAccessLogs, lbType, inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "access logs to a bucket pass"},
		{name: "disabled fails", set: map[string]any{"accessLogs.enabled": false}, wantFail: "accessLogs.enabled is false"},
		{name: "no access logs fail", set: map[string]any{"accessLogs": nil}, wantFail: "accessLogs.enabled is unset"},
		{name: "enabled without a bucket fails", set: map[string]any{"accessLogs.bucket": nil}, wantFail: "accessLogs.bucket is unset"},
	})
}

func TestLoadBalancerDeletionProtection(t *testing.T) {
	checkRule(t, LoadBalancerDeletionProtection, lbType, inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "protected passes"},
		{name: "unprotected fails", set: map[string]any{"enableDeletionProtection": false}, wantFail: "enableDeletionProtection is false"},
	})
	checkRule(t, LoadBalancerDeletionProtection, lbType, inputsOf(t, "dev", lbType, "dev-compute"), []mutation{
		{name: "dev's unprotected load balancer fails (advisory in dev)", wantFail: "enableDeletionProtection is false"},
	})
}

func TestLoadBalancerDropInvalidHeaders(t *testing.T) {
	checkRule(t, LoadBalancerDropInvalidHeaders, lbType, inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "dropping passes"},
		{name: "keeping invalid headers fails", set: map[string]any{"dropInvalidHeaderFields": false}, wantFail: "dropInvalidHeaderFields is false"},
		{name: "unset fails on an ALB: AWS defaults to false", set: map[string]any{"dropInvalidHeaderFields": nil, "loadBalancerType": nil}, wantFail: "dropInvalidHeaderFields is unset"},
		{name: "a network load balancer has no such setting", set: map[string]any{"dropInvalidHeaderFields": nil, "loadBalancerType": "network"}},
		{name: "an unknown type is re-checked", set: map[string]any{"loadBalancerType": unknown}, wantUnknown: "loadBalancerType"},
	})
}

func TestLoadBalancerDesyncMitigation(t *testing.T) {
	checkRule(t, LoadBalancerDesyncMitigation, lbType, inputsOf(t, "prod", lbType, "prod-compute"), []mutation{
		{name: "defensive passes"},
		{name: "strictest passes", set: map[string]any{"desyncMitigationMode": "strictest"}},
		{name: "unset is defensive", set: map[string]any{"desyncMitigationMode": nil}},
		{name: "monitor fails", set: map[string]any{"desyncMitigationMode": "monitor"}, wantFail: `desyncMitigationMode is "monitor"`},
		{name: "a network load balancer has no such setting", set: map[string]any{"desyncMitigationMode": "monitor", "loadBalancerType": "network"}},
		{name: "an unknown type is lb-drop-invalid-headers' to report", set: map[string]any{"loadBalancerType": unknown, "desyncMitigationMode": "monitor"}},
		{name: "an unknown mode is re-checked", set: map[string]any{"desyncMitigationMode": unknown}, wantUnknown: "desyncMitigationMode"},
	})
}

func TestLoadBalancerMultiAZ(t *testing.T) {
	checkStack(t, LoadBalancerMultiAZ, []stackCase{
		{name: "prod's three zones pass"},
		{name: "dev's two pass", stack: "dev"},
		{name: "one zone fails", edit: func(s *stack) { subnetsOf(s, lbType, "prod-compute", "subnets", "prod-vpc-app-0", "prod-vpc-data-0") },
			on: "prod-compute", wantFail: "spans 1 availability zone(s) (us-east-1a); want at least 2"},
		{name: "subnet mappings count", edit: func(s *stack) {
			subnetsOf(s, lbType, "prod-compute", "subnets")
			s.set(lbType, "prod-compute", "subnetMappings", []any{map[string]any{"subnetId": unknown}, map[string]any{"subnetId": unknown}}).
				dep(lbType, "prod-compute", "subnetMappings", subnet, "prod-vpc-app-0", subnet, "prod-vpc-app-1")
		}},
		{name: "subnet mappings in one zone fail", edit: func(s *stack) {
			subnetsOf(s, lbType, "prod-compute", "subnets")
			s.set(lbType, "prod-compute", "subnetMappings", []any{map[string]any{"subnetId": unknown}}).
				dep(lbType, "prod-compute", "subnetMappings", subnet, "prod-vpc-app-0")
		}, on: "prod-compute", wantFail: "spans 1 availability zone(s)"},
		{name: "a mapping to a subnet of unknown zone is re-checked", edit: func(s *stack) {
			subnetsOf(s, lbType, "prod-compute", "subnets")
			s.set(lbType, "prod-compute", "subnetMappings", []any{map[string]any{"subnetId": unknown}, map[string]any{"subnetId": unknown}}).
				dep(lbType, "prod-compute", "subnetMappings", subnet, "prod-vpc-app-0", subnet, "prod-vpc-app-1").set(subnet, "prod-vpc-app-1", "availabilityZone", unknown)
		}, wantUnknown: "availability zones"},
		{name: "unknown mappings are re-checked", edit: func(s *stack) {
			subnetsOf(s, lbType, "prod-compute", "subnets")
			s.set(lbType, "prod-compute", "subnetMappings", unknown)
		}, wantUnknown: "availability zones"},
		{name: "a subnet outside the stack is re-checked", edit: func(s *stack) {
			subnetsOf(s, lbType, "prod-compute", "subnets", "prod-vpc-app-0")
			s.set(lbType, "prod-compute", "subnets", []any{"subnet-elsewhere"})
		}, wantUnknown: "availability zones"},
	})
}

func TestListenerHTTPS(t *testing.T) {
	checkRule(t, ListenerHTTPS, listenerType, inputsOf(t, "prod", listenerType, "prod-compute-https"), []mutation{
		{name: "HTTPS passes"},
		{name: "TLS passes", set: map[string]any{"protocol": "TLS"}},
		{name: "an unknown protocol is re-checked", set: map[string]any{"protocol": unknown}, wantUnknown: "protocol"},
	})
	checkRule(t, ListenerHTTPS, listenerType, inputsOf(t, "prod", listenerType, "prod-compute-http"), []mutation{
		{name: "an HTTP listener that redirects to HTTPS passes"},
		{name: "a redirect to HTTP fails", set: map[string]any{"defaultActions[0].redirect.protocol": "HTTP"}, wantFail: `protocol is "HTTP" and no default action redirects to HTTPS`},
		{name: "a redirect without a protocol fails", set: map[string]any{"defaultActions[0].redirect.protocol": nil}, wantFail: "no default action redirects"},
		{name: "a forward fails", set: map[string]any{"defaultActions[0]": map[string]any{"type": "forward", "targetGroupArn": "tg"}}, wantFail: "no default action redirects"},
		{name: "a redirect beside a forward passes", set: map[string]any{"defaultActions[1]": map[string]any{"type": "forward", "targetGroupArn": "tg"}}},
		{name: "a redirect-shaped forward fails", set: map[string]any{"defaultActions[0].type": "forward"}, wantFail: "no default action redirects"},
		{name: "no actions fail", set: map[string]any{"defaultActions": []any{}}, wantFail: "no default action"},
		{name: "unknown actions are re-checked", set: map[string]any{"defaultActions": unknown}, wantUnknown: "defaultActions"},
		{name: "an unknown action type is re-checked, not a violation", set: map[string]any{"defaultActions": []any{map[string]any{"type": unknown}}}, wantUnknown: "defaultActions[0].type"},
		{name: "an unknown redirect protocol is re-checked", set: map[string]any{"defaultActions[0].redirect.protocol": unknown}, wantUnknown: "defaultActions[0].redirect.protocol"},
		{name: "an unknown action beside a redirect passes", set: map[string]any{"defaultActions[1]": map[string]any{"type": unknown}}},
	})
	checkRule(t, ListenerHTTPS, listenerType, inputsOf(t, "dev", listenerType, "dev-compute-http"), []mutation{
		{name: "dev's plain HTTP listener fails (advisory in dev)", wantFail: "no default action redirects to HTTPS"},
	})
}

func TestListenerTLSPolicy(t *testing.T) {
	checkRule(t, ListenerTLSPolicy, listenerType, inputsOf(t, "prod", listenerType, "prod-compute-https"), []mutation{
		{name: "a TLS 1.3 policy passes"},
		{name: "the 2016 default fails", set: map[string]any{"sslPolicy": "ELBSecurityPolicy-2016-08"}, wantFail: `sslPolicy is "ELBSecurityPolicy-2016-08"; want an ELBSecurityPolicy-TLS13-* policy`},
		{name: "unset fails", set: map[string]any{"sslPolicy": nil}, wantFail: "sslPolicy is unset"},
		{name: "a TLS listener is held to it too", set: map[string]any{"protocol": "TLS", "sslPolicy": nil}, wantFail: "sslPolicy is unset"},
		{name: "an unknown policy is re-checked", set: map[string]any{"sslPolicy": unknown}, wantUnknown: "sslPolicy"},
		{name: "an unknown protocol is re-checked", set: map[string]any{"protocol": unknown}, wantUnknown: "protocol"},
	})
	checkRule(t, ListenerTLSPolicy, listenerType, inputsOf(t, "prod", listenerType, "prod-compute-http"), []mutation{
		{name: "an HTTP listener has no TLS policy"},
	})
}
