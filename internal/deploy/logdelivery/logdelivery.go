// Package logdelivery declares the CloudWatch Logs resource policy that lets AWS's log-delivery service write
// a component's vended logs (Route 53 Resolver query logs, Site-to-Site VPN tunnel logs) to exactly the log
// groups the component declares.
//
// Without one, AWS writes its own when the first delivery is set up ("AWSLogDeliveryWrite…", with the
// deployer's logs:PutResourcePolicy): out of band, never reviewed, and account-wide in its older form
// (Amazon CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs"). AWS writes one only when the log
// group has no resource policy yet (same page), so declaring ours before the delivery keeps AWS's out.
//
// Account-wide limit: "An account can have up to 10 resource policies per AWS Region" (CloudWatch Logs API
// Reference, "PutResourcePolicy"). A stack uses one per
// component with vended logs in each region: hybrid DNS and hybrid connectivity, so 2 in the primary region
// and, with a DR VPN, 2 in the DR region. Dev and prod in one account share the limit (4 of 10 per region).
package logdelivery

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// Service is the principal that delivers vended logs to CloudWatch Logs.
const Service = "delivery.logs.amazonaws.com"

// MaxPolicyChars is the longest policy document CloudWatch Logs accepts (the provider's policyDocument doc
// comment: "Maximum length of 5120 characters").
const MaxPolicyChars = 5120

// Args configures a delivery policy.
type Args struct {
	// GroupARNs are the log groups delivery may write to, as the log group's arn output has them (no ":*").
	// Required: at least one.
	GroupARNs pulumi.StringArrayInput
	// AccountID is the account the deliveries are set up in (aws:SourceAccount). Required.
	AccountID pulumi.StringInput
	// Partition and Region place the deliveries' ARNs (aws:SourceArn). Required.
	Partition, Region string
}

// Statement is AWS's documented statement for vended logs sent to CloudWatch Logs ("Logs sent to
// CloudWatch Logs", log group resource policy): the delivery service may create streams and put events in
// these groups only, only for deliveries of this account (aws:SourceAccount) in this region (aws:SourceArn
// arn:<partition>:logs:<region>:<account>:*, the delivery's ARN: CloudWatch Logs sends it, not the
// Resolver configuration's or the VPN connection's).
func Statement(account, partition, region string, groupARNs []string) iamdoc.Statement {
	streams := make([]string, 0, len(groupARNs))
	for _, arn := range groupARNs {
		streams = append(streams, arn+":log-stream:*")
	}
	s := iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, streams...)
	s["Sid"] = "AWSLogDeliveryWrite"
	s["Principal"] = map[string]any{"Service": Service}
	s["Condition"] = map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": account},
		"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:logs:%s:%s:*", partition, region, account)},
	}
	return s
}

// Document is the policy document holding Statement, refused when CloudWatch Logs would refuse it.
func Document(account, partition, region string, groupARNs []string) (string, error) {
	if len(groupARNs) == 0 {
		return "", fmt.Errorf("logdelivery: no log group to deliver to")
	}
	doc, err := iamdoc.JSON(Statement(account, partition, region, groupARNs))
	if err == nil && len(doc) > MaxPolicyChars {
		err = fmt.Errorf("logdelivery: the policy for %d log groups is %d characters, more than CloudWatch Logs' %d", len(groupARNs), len(doc), MaxPolicyChars)
	}
	return doc, err
}

// New declares the policy, named name (unique in the account and region: the component's name holds the
// stack's). Whatever sets up a delivery to these groups must depend on it, or AWS writes its own first.
func New(ctx *pulumi.Context, name string, args Args, opts ...pulumi.ResourceOption) (*cloudwatch.LogResourcePolicy, error) {
	if args.GroupARNs == nil || args.AccountID == nil || args.Partition == "" || args.Region == "" {
		return nil, fmt.Errorf("logdelivery: %s: log groups, account, partition and region are required", name)
	}
	doc := pulumi.All(args.AccountID, args.GroupARNs).ApplyT(func(v []any) (string, error) {
		return Document(v[0].(string), args.Partition, args.Region, v[1].([]string))
	}).(pulumi.StringOutput)
	return cloudwatch.NewLogResourcePolicy(ctx, name, &cloudwatch.LogResourcePolicyArgs{
		PolicyName:     pulumi.String(name),
		PolicyDocument: doc,
	}, opts...)
}
