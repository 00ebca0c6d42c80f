package foundation

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/sns"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// Services that publish to the operations topic: CloudWatch alarms, EventBridge rules (the backup
// component's failed-job rule carries AWS Backup's events; no vault sends notifications itself, so AWS
// Backup is no publisher) and RDS event subscriptions (the database's).
var topicPublishers = []string{"cloudwatch.amazonaws.com", "events.amazonaws.com", "events.rds.amazonaws.com"}

// TopicKeyPolicy is the key policy of the operations topic's KMS key: the administrators manage it, and
// the publishing services may use it only for this account and only for this topic, which they need to
// publish to an encrypted topic (SNS developer guide, "Enable compatibility between event sources from AWS
// services and encrypted topics"; SNS encrypts with the aws:sns:topicArn encryption context). The topic is
// Pulumi's autoname of topicName.
func TopicKeyPolicy(admins keys.Administration, partition, region, accountID, topicName string) (string, error) {
	return keys.Policy{
		Account:        accountID,
		Administrators: admins.Roles,
		BreakGlass:     admins.BreakGlass,
		Services: []keys.Service{{
			Sid:        "PublishersEncrypt",
			Principals: topicPublishers,
			Actions:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Conditions: map[string]any{
				"StringEquals": map[string]any{"aws:SourceAccount": accountID},
				"ArnLike":      map[string]any{"kms:EncryptionContext:aws:sns:topicArn": fmt.Sprintf("arn:%s:sns:%s:%s:%s-*", partition, region, accountID, topicName)},
			},
		}},
	}.JSON()
}

// TopicPolicy is the operations topic's policy: the account manages it, only this account's alarms, event
// rules and RDS events publish to it, and only over TLS.
func TopicPolicy(partition, region, accountID, topicARN string) (string, error) {
	sourceAccount := map[string]any{"aws:SourceAccount": accountID}
	return iamdoc.JSON(
		iamdoc.Statement{
			"Sid":       "AccountManages",
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": iamdoc.AccountRoot(partition, accountID)},
			"Action": []string{"SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
				"SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"},
			"Resource": topicARN,
		},
		iamdoc.Statement{
			"Sid":       "AlarmsPublish",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudwatch.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicARN,
			"Condition": map[string]any{
				"StringEquals": sourceAccount,
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:*", partition, region, accountID)},
			},
		},
		iamdoc.Statement{
			"Sid":       "EventRulesPublish",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "events.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicARN,
			"Condition": map[string]any{
				"StringEquals": sourceAccount,
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:events:%s:%s:rule/*", partition, region, accountID)},
			},
		},
		// RDS User Guide, "Granting permissions to publish notifications to an Amazon SNS topic"
		// (USER_Events.GrantingPermissions): events.rds.amazonaws.com, by source ARN and account.
		iamdoc.Statement{
			"Sid":       "RDSEventsPublish",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "events.rds.amazonaws.com"},
			"Action":    "SNS:Publish",
			"Resource":  topicARN,
			"Condition": map[string]any{
				"StringEquals": sourceAccount,
				"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:rds:%s:%s:*", partition, region, accountID)},
			},
		},
		iamdoc.Statement{
			"Sid":       "TLSOnly",
			"Effect":    "Deny",
			"Principal": "*",
			"Action":    "SNS:Publish",
			"Resource":  topicARN,
			"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
		},
	)
}

// declareOperationsTopic declares the KMS-encrypted operations topic, its policy and the email
// subscriptions.
func (b *Baseline) declareOperationsTopic(ctx *pulumi.Context, name string, args *BaselineArgs, opts ...pulumi.ResourceOption) error {
	name += "-operations"
	keyPolicy := pulumi.All(b.AccountID, b.KeyAdministratorARNs).ApplyT(func(v []any) (string, error) {
		return TopicKeyPolicy(keys.Administration{Roles: v[1].([]string), BreakGlass: args.Settings.BreakGlassRole}, b.Partition, args.Region, v[0].(string), name)
	}).(pulumi.StringOutput)
	protect := []pulumi.ResourceOption{pulumi.Protect(args.Settings.Protect), pulumi.RetainOnDelete(args.Settings.Protect)}
	key, err := keys.New(ctx, name, "Encrypts the operations topic "+name, keyPolicy, append(opts, protect...)...)
	if err != nil {
		return err
	}
	topic, err := sns.NewTopic(ctx, name, &sns.TopicArgs{
		DisplayName:    pulumi.String(name),
		KmsMasterKeyId: key.Arn,
	}, opts...)
	if err != nil {
		return err
	}
	b.OperationsTopicARN = topic.Arn
	policy := pulumi.All(b.AccountID, topic.Arn).ApplyT(func(v []any) (string, error) {
		return TopicPolicy(b.Partition, args.Region, v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	if _, err := sns.NewTopicPolicy(ctx, name, &sns.TopicPolicyArgs{Arn: topic.Arn, Policy: policy}, opts...); err != nil {
		return err
	}
	for _, email := range args.Settings.AlarmEmails {
		// Email subscriptions stay pending until the recipient confirms the message AWS sends.
		if _, err := sns.NewTopicSubscription(ctx, name+"-"+email, &sns.TopicSubscriptionArgs{
			Topic:    topic.Arn,
			Protocol: pulumi.String("email"),
			Endpoint: pulumi.String(email),
		}, opts...); err != nil {
			return err
		}
	}
	return nil
}
