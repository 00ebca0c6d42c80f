package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestS3BucketControls(t *testing.T) {
	b := node(s3Bucket, "prod-files", map[string]any{}, nil)
	side := map[string]Resource{}
	for _, typ := range []string{s3PublicAccessBlock, s3Encryption, s3Versioning, s3Policy} {
		side[typ] = node(typ, "prod-files", map[string]any{"bucket": unknown}, dependsOn("bucket", b))
	}
	for _, missing := range []string{"", s3PublicAccessBlock, s3Encryption, s3Versioning, s3Policy} {
		name := "a bucket with every control passes"
		if missing != "" {
			name = "a bucket without " + missing + " fails"
		}
		t.Run(name, func(t *testing.T) {
			rs := []Resource{b}
			for typ, r := range side {
				if typ != missing {
					rs = append(rs, r)
				}
			}
			got := stackFailures(S3BucketControls, rs...)
			if missing == "" {
				assert.Empty(t, got)
				return
			}
			if assert.Len(t, got, 1) {
				assert.Contains(t, got[0], `BucketV2 "prod-files": no `+missing+" has bucket = this bucket")
			}
		})
	}
}
