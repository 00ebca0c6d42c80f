package rules

// LogGroupRetention requires a retention period on every log group, so logs neither vanish early nor pile
// up forever (0 means "never expire").
var LogGroupRetention = Rule{
	ID: "log-group-retention", Controls: []string{"CloudWatchLogGroupRetentionPeriod (cdk-nag)", "B23"}, Severity: Low,
	Description: "CloudWatch log groups set retentionInDays.",
	Remediation: "set retentionInDays to the records-retention period of the logs",
	Types:       []string{logGroup},
	Reads:       map[string][]string{logGroup: {"retentionInDays"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("retentionInDays")
		days, known := number(v, 0)
		switch {
		case !known:
			f.Unknown(r, "retentionInDays")
		case days <= 0:
			f.Fail(r, "retentionInDays is %s; want a retention period", show(v))
		}
	},
}
