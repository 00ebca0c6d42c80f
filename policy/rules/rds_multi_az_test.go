package rules

import "testing"

func TestRdsMultiAZ(t *testing.T) {
	checkRule(t, RdsMultiAZ, rdsInstance, okRds, []mutation{
		{name: "Multi-AZ passes"},
		{name: "single-AZ fails", set: map[string]any{"multiAz": false}, wantFail: "multiAz is false; want true"},
	})
}
