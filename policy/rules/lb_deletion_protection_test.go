package rules

import "testing"

func TestLoadBalancerDeletionProtection(t *testing.T) {
	ok := map[string]any{"internal": true, "enableDeletionProtection": true}
	checkRule(t, LoadBalancerDeletionProtection, "aws:lb/loadBalancer:LoadBalancer", ok, []mutation{
		{name: "protected passes"},
		{name: "unprotected fails in prod", set: map[string]any{"enableDeletionProtection": false}, wantFail: "enableDeletionProtection is false"},
		{name: "unprotected passes in dev", env: Dev, set: map[string]any{"enableDeletionProtection": false}},
	})
}
