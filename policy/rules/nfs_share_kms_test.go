package rules

import "testing"

func TestNfsKMS(t *testing.T) {
	checkRule(t, NfsKMS, nfsFileShare, okNfsShare, []mutation{
		{name: "KMS passes"},
		{name: "SSE-S3 fails", set: map[string]any{"kmsEncrypted": false}, wantFail: "kmsEncrypted is false"},
		{name: "KMS without a key fails", set: map[string]any{"kmsKeyArn": nil}, wantFail: "kmsKeyArn is unset"},
	})
}
