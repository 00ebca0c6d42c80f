package network

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogsKeyPolicy is the key policy of a KMS key for CloudWatch Logs: the account administers the key, and the
// Logs service of this region may use it only for this account's log groups.
func LogsKeyPolicy(partition, region, accountID string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []map[string]any{
			{
				"Sid":       "AccountAdministers",
				"Effect":    "Allow",
				"Principal": map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, accountID)},
				"Action":    "kms:*",
				"Resource":  "*",
			},
			{
				"Sid":       "CloudWatchLogsUse",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "logs." + region + ".amazonaws.com"},
				"Action":    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
				"Resource":  "*",
				"Condition": map[string]any{
					"ArnLike": map[string]any{
						"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:%s:logs:%s:%s:*", partition, region, accountID),
					},
				},
			},
		},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}

// declareFlowLogs declares the stack's log key, and flow logs of all traffic into a log group encrypted with
// it, delivered by a role that may write only to that group.
func (v *Vpc) declareFlowLogs(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VpcArgs, parent pulumi.ResourceOption) error {
	policy := args.AccountID.ToStringOutput().ApplyT(func(account string) (string, error) {
		return LogsKeyPolicy(args.Partition, args.Region, account)
	}).(pulumi.StringOutput)
	retain := pulumi.RetainOnDelete(args.RetainLogs)
	key, err := kms.NewKey(ctx, name+"-logs", &kms.KeyArgs{
		Description:          pulumi.String("Encrypts the " + name + " stack's CloudWatch log groups"),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(30),
		Policy:               policy,
	}, parent, retain)
	if err != nil {
		return err
	}
	v.LogsKeyArn = key.Arn

	group, err := cloudwatch.NewLogGroup(ctx, name+"-flow-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.FlowLogRetentionDays),
		KmsKeyId:        key.Arn,
	}, parent, retain)
	if err != nil {
		return err
	}

	// The source-account condition stops another account's flow logs from using this role (confused deputy).
	assume := args.AccountID.ToStringOutput().ApplyT(func(account string) (string, error) {
		b, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []map[string]any{{
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "vpc-flow-logs.amazonaws.com"},
				"Action":    "sts:AssumeRole",
				"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}},
			}},
		})
		return string(b), err
	}).(pulumi.StringOutput)
	role, err := iam.NewRole(ctx, name+"-flow-logs", &iam.RoleArgs{
		Description:      pulumi.String("Delivers " + name + " VPC flow logs to CloudWatch Logs"),
		AssumeRolePolicy: assume,
	}, parent)
	if err != nil {
		return err
	}
	write := group.Arn.ApplyT(func(arn string) (string, error) {
		b, err := json.Marshal(map[string]any{
			"Version": "2012-10-17",
			"Statement": []map[string]any{{
				"Effect":   "Allow",
				"Action":   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
				"Resource": []string{arn, arn + ":*"},
			}},
		})
		return string(b), err
	}).(pulumi.StringOutput)
	if _, err := iam.NewRolePolicy(ctx, name+"-flow-logs", &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: write,
	}, parent); err != nil {
		return err
	}

	_, err = ec2.NewFlowLog(ctx, name, &ec2.FlowLogArgs{
		VpcId:                  vpc.ID(),
		TrafficType:            pulumi.String("ALL"),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         group.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(60),
	}, parent)
	return err
}
