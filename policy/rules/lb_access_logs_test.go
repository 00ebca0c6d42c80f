package rules

import "testing"

func TestLoadBalancerAccessLogs(t *testing.T) {
	checkRule(t, LoadBalancerAccessLogs, "aws:lb/loadBalancer:LoadBalancer", okLoadBalancer, []mutation{
		{name: "access logs pass"},
		{name: "no access logs fail", set: map[string]any{"accessLogs": nil}, wantFail: "accessLogs.enabled is unset; want true"},
		{name: "logs without a bucket fail", set: map[string]any{"accessLogs": map[string]any{"enabled": true}}, wantFail: "accessLogs.bucket is unset"},
	})
}
