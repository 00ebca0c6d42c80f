package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestS3Encryption(t *testing.T) {
	files := node(s3Bucket, "prod-files", map[string]any{}, nil)
	albLogs := node(s3Bucket, "prod-alb-logs", map[string]any{}, nil)
	alb := node("aws:lb/loadBalancer:LoadBalancer", "prod-alb", okLoadBalancer, dependsOn("accessLogs", albLogs))
	sse := func(b Resource, algo any) Resource {
		return node(s3Encryption, b.Name, map[string]any{"rules": []any{map[string]any{
			"applyServerSideEncryptionByDefault": map[string]any{"sseAlgorithm": algo}}}}, dependsOn("bucket", b))
	}
	cases := []struct {
		name string
		rs   []Resource
		want string
	}{
		{"SSE-KMS passes", []Resource{files, sse(files, "aws:kms")}, ""},
		{"SSE-S3 on the ALB log bucket passes: ELB log delivery needs it", []Resource{albLogs, alb, sse(albLogs, "AES256")}, ""},
		{"SSE-S3 on a data bucket fails", []Resource{files, alb, albLogs, sse(files, "AES256")}, `sseAlgorithm is "AES256"; want "aws:kms"`},
		{"an algorithm unknown at preview is not failed", []Resource{files, sse(files, unknown)}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := stackFailures(S3Encryption, tc.rs...)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			if assert.Len(t, got, 1) {
				assert.Contains(t, got[0], tc.want)
			}
		})
	}
}
