package rules

import "testing"

func TestLoadBalancerDropInvalidHeaders(t *testing.T) {
	ok := map[string]any{"loadBalancerType": "application", "internal": true, "dropInvalidHeaderFields": true}
	checkRule(t, LoadBalancerDropInvalidHeaders, "aws:lb/loadBalancer:LoadBalancer", ok, []mutation{
		{name: "an ALB dropping invalid headers passes"},
		{name: "an ALB keeping them fails", set: map[string]any{"dropInvalidHeaderFields": false}, wantFail: "dropInvalidHeaderFields is false; want true"},
		{name: "an ALB of the default type without the flag fails", set: map[string]any{"loadBalancerType": nil, "dropInvalidHeaderFields": nil},
			wantFail: "dropInvalidHeaderFields is unset; want true"},
		{name: "a network load balancer has no such setting", set: map[string]any{"loadBalancerType": "network", "dropInvalidHeaderFields": nil}},
	})
}
