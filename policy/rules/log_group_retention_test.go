package rules

import "testing"

func TestLogGroupRetention(t *testing.T) {
	checkRule(t, LogGroupRetention, "aws:cloudwatch/logGroup:LogGroup", okLogGroup, []mutation{
		{name: "a retention period passes"},
		{name: "no retention fails", set: map[string]any{"retentionInDays": nil}, wantFail: "retentionInDays is unset"},
		{name: "an unknown retention is reported", set: map[string]any{"retentionInDays": unknown}, wantUnknown: "retentionInDays is unknown"},
	})
}
