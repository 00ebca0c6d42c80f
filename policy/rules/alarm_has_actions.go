package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// AlarmHasActions requires every alarm to notify someone: an alarm nobody hears is no alarm.
var AlarmHasActions = Rule{
	ID: "alarm-has-actions", Control: "CloudWatch.15", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "CloudWatch alarms keep actions enabled and have at least one alarm action.",
	Types:       []string{"aws:cloudwatch/metricAlarm:MetricAlarm"},
	Resource: func(r Resource, f *Findings) {
		enabled := r.Get("actionsEnabled")
		if on, known := truth(enabled); known && !on && !enabled.IsNull() {
			f.Fail(r, "actionsEnabled is false; want true")
		}
		actions, known := items(r.Get("alarmActions"))
		switch {
		case !known:
			f.Unknown(r, "alarmActions")
		case len(actions) == 0:
			f.Fail(r, "alarmActions is empty; want the operations topic")
		}
	},
}
