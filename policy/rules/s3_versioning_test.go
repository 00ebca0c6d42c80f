package rules

import "testing"

func TestS3Versioning(t *testing.T) {
	checkRule(t, S3Versioning, s3Versioning, map[string]any{"versioningConfiguration": map[string]any{"status": "Enabled"}}, []mutation{
		{name: "enabled passes"},
		{name: "suspended fails", set: map[string]any{"versioningConfiguration": map[string]any{"status": "Suspended"}}, wantFail: `status is "Suspended"`},
	})
}
