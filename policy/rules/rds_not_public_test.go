package rules

import "testing"

func TestRdsNotPublic(t *testing.T) {
	checkRule(t, RdsNotPublic, rdsInstance, okRds, []mutation{
		{name: "private passes"},
		{name: "public fails", set: map[string]any{"publiclyAccessible": true}, wantFail: "publiclyAccessible is true"},
	})
}
