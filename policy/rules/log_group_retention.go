package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LogGroupRetention requires a retention period on every log group, so logs neither vanish early nor pile
// up forever (0 means "never expire").
var LogGroupRetention = Rule{
	ID: "log-group-retention", Control: "CloudWatchLogGroupRetentionPeriod (cdk-nag)", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "CloudWatch log groups set retentionInDays.",
	Types:       []string{"aws:cloudwatch/logGroup:LogGroup"},
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
