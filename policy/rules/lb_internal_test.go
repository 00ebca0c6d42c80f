package rules

import "testing"

func TestLoadBalancerInternal(t *testing.T) {
	checkRule(t, LoadBalancerInternal, "aws:lb/loadBalancer:LoadBalancer", okLoadBalancer, []mutation{
		{name: "an internal load balancer passes"},
		{name: "an internet-facing one fails", set: map[string]any{"internal": false}, wantFail: "internal is false; want true"},
		{name: "an unset flag fails: AWS defaults to internet-facing", set: map[string]any{"internal": nil}, wantFail: "internal is unset; want true"},
	})
}
