package rules

import "testing"

func TestRdsDeletionProtection(t *testing.T) {
	checkRule(t, RdsDeletionProtection, rdsInstance, okRds, []mutation{
		{name: "protected passes"},
		{name: "unprotected fails in prod", set: map[string]any{"deletionProtection": false}, wantFail: "deletionProtection is false"},
		{name: "unprotected passes in dev", env: Dev, set: map[string]any{"deletionProtection": false}},
	})
}
