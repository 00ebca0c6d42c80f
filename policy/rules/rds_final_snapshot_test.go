package rules

import "testing"

func TestRdsFinalSnapshot(t *testing.T) {
	checkRule(t, RdsFinalSnapshot, rdsInstance, okRds, []mutation{
		{name: "a final snapshot passes"},
		{name: "skipping it fails in prod", set: map[string]any{"skipFinalSnapshot": true}, wantFail: "skipFinalSnapshot is true"},
		{name: "no identifier fails in prod", set: map[string]any{"finalSnapshotIdentifier": nil}, wantFail: "finalSnapshotIdentifier is unset"},
		{name: "skipping it passes in dev", env: Dev, set: map[string]any{"skipFinalSnapshot": true}},
	})
}
