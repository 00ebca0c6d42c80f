package hybrid

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Alarm timing: AWS/DX and AWS/VPN publish state every five minutes; two breaching periods in a row (about
// ten minutes) alarm, so one late datapoint does not page anyone.
const (
	alarmPeriodSeconds     = 300
	alarmEvaluationPeriods = 2
)

// stateAlarm is an alarm on a 0/1 state metric (1 = up).
type stateAlarm struct {
	description       string
	namespace, metric string
	dimensions        pulumi.StringMap
}

// alarmer declares state alarms that notify the operations topic.
type alarmer struct {
	ctx    *pulumi.Context
	topic  pulumi.StringInput
	parent pulumi.ResourceOption
}

// stateAlarm alarms when the metric's minimum drops below 1, and when it goes missing: a state metric that
// stops reporting means the thing it measures is gone. Recovery notifies too.
func (a alarmer) stateAlarm(name string, s stateAlarm) error {
	_, err := cloudwatch.NewMetricAlarm(a.ctx, name, &cloudwatch.MetricAlarmArgs{
		// A fixed name (the stack prefix keeps it unique) lets the runbook and the emails name the alarm.
		Name:               pulumi.String(name),
		AlarmDescription:   pulumi.String(s.description),
		Namespace:          pulumi.String(s.namespace),
		MetricName:         pulumi.String(s.metric),
		Dimensions:         s.dimensions,
		Statistic:          pulumi.String("Minimum"),
		Period:             pulumi.Int(alarmPeriodSeconds),
		EvaluationPeriods:  pulumi.Int(alarmEvaluationPeriods),
		DatapointsToAlarm:  pulumi.Int(alarmEvaluationPeriods),
		ComparisonOperator: pulumi.String("LessThanThreshold"),
		Threshold:          pulumi.Float64(1),
		TreatMissingData:   pulumi.String("breaching"),
		ActionsEnabled:     pulumi.Bool(true),
		AlarmActions:       pulumi.Array{a.topic},
		OkActions:          pulumi.Array{a.topic},
	}, a.parent)
	return err
}
