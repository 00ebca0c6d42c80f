package rules

import "testing"

func TestRdsBackupRetention(t *testing.T) {
	checkRule(t, RdsBackupRetention, rdsInstance, okRds, []mutation{
		{name: "35 days pass"},
		{name: "7 days pass", set: map[string]any{"backupRetentionPeriod": 7}},
		{name: "1 day fails", set: map[string]any{"backupRetentionPeriod": 1}, wantFail: "backupRetentionPeriod is 1; want at least 7"},
		{name: "unset fails", set: map[string]any{"backupRetentionPeriod": nil}, wantFail: "backupRetentionPeriod is unset"},
	})
}
