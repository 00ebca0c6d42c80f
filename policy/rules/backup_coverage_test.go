package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBackupCoverage(t *testing.T) {
	db := node(rdsInstance, "prod-db", okRds, nil)
	files := node(s3Bucket, "prod-files", map[string]any{}, nil)
	logs := node(s3Bucket, "prod-files-logs", map[string]any{}, nil)
	logging := node(s3Logging, "prod-files", map[string]any{}, map[string][]string{"bucket": {files.URN}, "targetBucket": {logs.URN}})
	both := node("aws:backup/selection:Selection", "prod-backup", map[string]any{"resources": []any{unknown, unknown}}, dependsOn("resources", db, files))
	dbOnly := node("aws:backup/selection:Selection", "prod-backup", map[string]any{"resources": []any{"arn:aws:rds:us-east-1:1:db:prod-db"}}, dependsOn("resources", db))
	cases := []struct {
		name string
		rs   []Resource
		want []string
	}{
		{"a selection over the database and the file bucket passes; the log bucket needs none", []Resource{db, files, logs, logging, both}, nil},
		{"a bucket left out fails", []Resource{db, files, logs, logging, dbOnly}, []string{`BucketV2 "prod-files": no aws:backup/selection:Selection lists this resource`}},
		{"no selection at all fails for each", []Resource{db, files, logs, logging}, []string{`Instance "prod-db"`, `BucketV2 "prod-files"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := stackFailures(BackupCoverage, tc.rs...)
			assert.Len(t, got, len(tc.want), "%v", got)
			for i := range tc.want {
				if i < len(got) {
					assert.Contains(t, got[i], tc.want[i])
				}
			}
		})
	}
}
