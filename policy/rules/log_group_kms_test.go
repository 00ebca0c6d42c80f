package rules

import "testing"

func TestLogGroupKMS(t *testing.T) {
	checkRule(t, LogGroupKMS, "aws:cloudwatch/logGroup:LogGroup", okLogGroup, []mutation{
		{name: "a KMS key passes"},
		{name: "a key ARN unknown at preview passes: it will be set", set: map[string]any{"kmsKeyId": unknown}},
		{name: "no key fails", set: map[string]any{"kmsKeyId": nil}, wantFail: "kmsKeyId is unset"},
	})
}
