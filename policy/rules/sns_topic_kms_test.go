package rules

import "testing"

func TestSnsTopicKMS(t *testing.T) {
	checkRule(t, SnsTopicKMS, "aws:sns/topic:Topic", map[string]any{"kmsMasterKeyId": unknown}, []mutation{
		{name: "a key created in the same run passes"},
		{name: "no key fails", set: map[string]any{"kmsMasterKeyId": nil}, wantFail: "kmsMasterKeyId is unset"},
	})
}
