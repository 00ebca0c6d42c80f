package rules

// AlarmHasActions requires every alarm to notify someone: an alarm nobody hears is no alarm.
var AlarmHasActions = Rule{
	ID: "alarm-has-actions", Controls: []string{"CloudWatch.15", "B24"}, Severity: Low,
	Description: "CloudWatch alarms keep actions enabled and have at least one alarm action.",
	Remediation: "send alarmActions to the operations topic and leave actionsEnabled unset or true",
	Types:       []string{metricAlarm},
	Reads:       map[string][]string{metricAlarm: {"actionsEnabled", "alarmActions"}},
	Resource: func(r Resource, f *Findings) {
		enabled := r.Get("actionsEnabled")
		if on, known := truth(enabled); !known {
			f.Unknown(r, "actionsEnabled")
		} else if !on && !enabled.IsNull() {
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
