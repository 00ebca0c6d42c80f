package rules

import "testing"

func TestKmsKeyRotation(t *testing.T) {
	checkRule(t, KmsKeyRotation, "aws:kms/key:Key", map[string]any{"enableKeyRotation": true}, []mutation{
		{name: "a rotating key passes"},
		{name: "rotation off fails", set: map[string]any{"enableKeyRotation": false}, wantFail: "enableKeyRotation is false; want true"},
		{name: "rotation unset fails", set: map[string]any{"enableKeyRotation": nil}, wantFail: "enableKeyRotation is unset; want true"},
		{name: "an asymmetric key is exempt", set: map[string]any{"enableKeyRotation": nil, "customerMasterKeySpec": "RSA_2048"}},
	})
}
