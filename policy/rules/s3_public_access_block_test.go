package rules

import "testing"

func TestS3PublicAccessBlock(t *testing.T) {
	checkRule(t, S3PublicAccessBlock, s3PublicAccessBlock, map[string]any{
		"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true}, []mutation{
		{name: "all four flags pass"},
		{name: "one flag off fails", set: map[string]any{"restrictPublicBuckets": false}, wantFail: "restrictPublicBuckets is false; want true"},
		{name: "one flag unset fails", set: map[string]any{"blockPublicAcls": nil}, wantFail: "blockPublicAcls is unset; want true"},
	})
}
