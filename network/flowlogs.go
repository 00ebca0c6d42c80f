package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// LogsKeyPolicy is the key policy of a KMS key for CloudWatch Logs: the account administers the key, and the
// Logs service of this region may use it only for this account's log groups.
func LogsKeyPolicy(partition, region, accountID string) (string, error) {
	return iamdoc.JSON(
		keys.AccountAdministers(partition, accountID),
		iamdoc.Statement{
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
	)
}

// declareFlowLogs declares the stack's log key, and flow logs of all traffic into a log group encrypted with
// it, delivered by a role that may write only to that group.
func (v *Vpc) declareFlowLogs(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VpcArgs, parent pulumi.ResourceOption) error {
	policy := args.AccountID.ToStringOutput().ApplyT(func(account string) (string, error) {
		return LogsKeyPolicy(args.Partition, args.Region, account)
	}).(pulumi.StringOutput)
	retain := pulumi.RetainOnDelete(args.RetainLogs)
	key, err := keys.New(ctx, name+"-logs", "Encrypts the "+name+" stack's CloudWatch log groups", policy, parent, retain)
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

	role, err := iam.NewRole(ctx, name+"-flow-logs", &iam.RoleArgs{
		Description:      pulumi.String("Delivers " + name + " VPC flow logs to CloudWatch Logs"),
		AssumeRolePolicy: iamdoc.AssumeRole("vpc-flow-logs.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return err
	}
	write := group.Arn.ApplyT(func(arn string) (string, error) {
		return iamdoc.JSON(iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}, arn, arn+":*"))
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
