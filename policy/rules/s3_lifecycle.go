package rules

// S3Lifecycle makes every bucket expire or tier what it no longer needs: noncurrent versions, old logs,
// incomplete uploads.
var S3Lifecycle = Rule{
	ID: "s3-lifecycle", Controls: []string{"S3.13"}, Severity: Low,
	Description: "Every bucket has a lifecycle configuration with at least one rule whose status is Enabled.",
	Remediation: "declare an aws:s3/bucketLifecycleConfigurationV2 for the bucket with an Enabled rule",
	Reads:       map[string][]string{s3Lifecycle: {"bucket", "rules[].status"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, b := range ofType(rs, s3Bucket) {
			enabled, pending := false, false
			for _, l := range ofType(rs, s3Lifecycle) {
				if !links(l, "bucket", b) {
					continue
				}
				statuses, known := items(l.Get("rules"))
				pending = pending || !known
				for _, s := range statuses {
					status, known := text(walk(s, "status"))
					enabled = enabled || status == "Enabled"
					pending = pending || !known
				}
			}
			switch {
			case enabled:
			case pending:
				f.Unknown(b, "rules of its lifecycle configuration")
			default:
				f.Fail(b, "no %s with an Enabled rule has bucket = this bucket", s3Lifecycle)
			}
		}
	},
}
