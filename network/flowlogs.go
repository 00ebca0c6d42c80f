package network

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// declareFlowLogs declares flow logs of all traffic into a log group encrypted with the stack's logs key,
// delivered by a role that may write only to that group. The flow log waits for the role's policy: created
// before it, its first delivery fails and the flow log reports an access error until AWS retries.
func declareFlowLogs(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VPCArgs, parent pulumi.ResourceOption) error {
	group, err := cloudwatch.NewLogGroup(ctx, name+"-flow-logs", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.Settings.FlowLogRetentionDays),
		KmsKeyId:        args.LogsKeyARN,
	}, parent, pulumi.RetainOnDelete(args.Settings.Protect))
	if err != nil {
		return err
	}

	role, err := iam.NewRole(ctx, name+"-flow-logs", &iam.RoleArgs{
		Description: pulumi.String("Delivers " + name + " VPC flow logs to CloudWatch Logs"),
		// Only this account's flow logs in the region may assume it (VPC user guide, "IAM role for
		// publishing flow logs to CloudWatch Logs": aws:SourceArn arn:aws:ec2:<region>:<account>:vpc-flow-log/*).
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("vpc-flow-logs.amazonaws.com", args.AccountID,
			pulumi.Sprintf("arn:%s:ec2:%s:%s:vpc-flow-log/*", args.Partition, args.Region, args.AccountID)),
	}, parent)
	if err != nil {
		return err
	}
	write := group.Arn.ApplyT(func(arn string) (string, error) {
		return iamdoc.JSON(deliveryStatements(arn)...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, name+"-flow-logs", &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: write,
	}, parent)
	if err != nil {
		return err
	}

	_, err = ec2.NewFlowLog(ctx, name, &ec2.FlowLogArgs{
		VpcId:                  vpc.ID(),
		TrafficType:            pulumi.String("ALL"),
		LogDestinationType:     pulumi.String("cloud-watch-logs"),
		LogDestination:         group.Arn,
		IamRoleArn:             role.Arn,
		MaxAggregationInterval: pulumi.Int(60),
	}, parent, pulumi.DependsOn([]pulumi.Resource{policy}))
	return err
}

// deliveryStatements are what the flow-logs service does with the role, as AWS's documented policy has it
// (VPC user guide, "IAM role for publishing flow logs to CloudWatch Logs"): write streams and events to the
// one group, and describe log groups, which takes no resource narrower than the account's groups.
func deliveryStatements(groupARN string) []iamdoc.Statement {
	write := iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}, groupARN, groupARN+":*")
	write["Sid"] = "WriteTheFlowLogGroup"
	describe := iamdoc.Allow([]string{"logs:DescribeLogGroups"}, "*")
	describe["Sid"] = "DescribeLogGroups"
	return []iamdoc.Statement{write, describe}
}
