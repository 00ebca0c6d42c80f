package rules

import "testing"

func TestAlarmHasActions(t *testing.T) {
	checkRule(t, AlarmHasActions, "aws:cloudwatch/metricAlarm:MetricAlarm", map[string]any{"alarmActions": []any{unknown}}, []mutation{
		{name: "an alarm notifying the ops topic passes"},
		{name: "no actions fail", set: map[string]any{"alarmActions": nil}, wantFail: "alarmActions is empty"},
		{name: "disabled actions fail", set: map[string]any{"actionsEnabled": false}, wantFail: "actionsEnabled is false"},
		{name: "an action list unknown at preview is reported", set: map[string]any{"alarmActions": unknown}, wantUnknown: "alarmActions is unknown"},
	})
}
