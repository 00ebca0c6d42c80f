package hybrid

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// Services that publish to the operations topic: CloudWatch alarms, AWS Backup vault notifications, and
// EventBridge rules (the backup component's failed-job rule).
var topicPublishers = []string{"cloudwatch.amazonaws.com", "backup.amazonaws.com", "events.amazonaws.com"}

// AlarmTopicKeyPolicy is the key policy of the operations topic's KMS key: the account administers it, and
// the publishing services may use it, which they need to publish to an encrypted topic.
func AlarmTopicKeyPolicy(partition, accountID string) (string, error) {
	return iamdoc.JSON(
		keys.AccountAdministers(partition, accountID),
		iamdoc.Statement{
			"Sid":       "PublishersEncrypt",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": topicPublishers},
			"Action":    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			"Resource":  "*",
		},
	)
}

// AlarmTopicPolicy is the operations topic's policy: the account manages it, only this account's alarms,
// backup jobs and event rules publish to it, and only over TLS.
func AlarmTopicPolicy(partition, region, accountID, topicArn string) (string, error) {
	sourceAccount := map[string]any{"aws:SourceAccount": accountID}
	return iamdoc.JSON(
		iamdoc.Statement{
			"Sid":       "AccountManages",
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, accountID)},
			"Action": []string{"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
				"SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"},
			"Resource": topicArn,
		},
		iamdoc.Statement{
			"Sid":       "AlarmsPublish",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicArn,
			"Condition": map[string]any{
				"StringEquals": sourceAccount,
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:*", partition, region, accountID)},
			},
		},
		iamdoc.Statement{
			"Sid":       "BackupPublishes",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "backup.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicArn,
			"Condition": map[string]any{"StringEquals": sourceAccount},
		},
		iamdoc.Statement{
			"Sid":       "EventRulesPublish",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "events.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicArn,
			"Condition": map[string]any{
				"StringEquals": sourceAccount,
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:events:%s:%s:rule/*", partition, region, accountID)},
			},
		},
		iamdoc.Statement{
			"Sid":       "TLSOnly",
			"Effect":    "Deny",
			"Principal": "*",
			"Action":    "SNS:Publish",
			"Resource":  topicArn,
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		},
	)
}

// declareAlarmTopic declares the KMS-encrypted operations topic, its policy and the email subscriptions,
// and returns the topic's ARN.
func declareAlarmTopic(ctx *pulumi.Context, name string, args *ConnectivityArgs, parent pulumi.ResourceOption) (pulumi.StringOutput, error) {
	keyPolicy := args.AccountID.ToStringOutput().ApplyT(func(account string) (string, error) {
		return AlarmTopicKeyPolicy(args.Partition, account)
	}).(pulumi.StringOutput)
	key, err := keys.New(ctx, name+"-alarms", "Encrypts the "+name+" operations topic", keyPolicy, parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	topic, err := sns.NewTopic(ctx, name+"-alarms", &sns.TopicArgs{
		DisplayName:    pulumi.String(name + " operations"),
		KmsMasterKeyId: key.Arn,
	}, parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	policy := pulumi.All(args.AccountID, topic.Arn).ApplyT(func(v []any) (string, error) {
		return AlarmTopicPolicy(args.Partition, args.Region, v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	if _, err := sns.NewTopicPolicy(ctx, name+"-alarms", &sns.TopicPolicyArgs{Arn: topic.Arn, Policy: policy}, parent); err != nil {
		return pulumi.StringOutput{}, err
	}
	for _, email := range args.AlarmEmails {
		// Email subscriptions stay pending until the recipient confirms the message AWS sends.
		if _, err := sns.NewTopicSubscription(ctx, name+"-alarms-"+email, &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(email),
		}, parent); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	return topic.Arn, nil
}

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
	topic  pulumi.StringOutput
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
