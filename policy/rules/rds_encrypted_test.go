package rules

import "testing"

func TestRdsEncrypted(t *testing.T) {
	checkRule(t, RdsEncrypted, rdsInstance, okRds, []mutation{
		{name: "encrypted with a CMK passes"},
		{name: "unencrypted fails", set: map[string]any{"storageEncrypted": false}, wantFail: "storageEncrypted is false"},
		{name: "no CMK fails", set: map[string]any{"kmsKeyId": nil}, wantFail: "kmsKeyId is unset"},
	})
}
