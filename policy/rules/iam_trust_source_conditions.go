package rules

import (
	"slices"
	"sort"
	"strings"
)

// sourceCondition says whether a service principal sends aws:SourceAccount and aws:SourceArn when it
// assumes a role or acts on a resource, and the AWS documentation that says so.
type sourceCondition struct {
	Sends bool
	Doc   string
}

// sourceConditions is the table the rule rests on. A service that sends the keys must be pinned with both
// (a condition on aws:SourceAccount alone lets any resource of the service in the account use the role);
// a service that does not send them must not be (the condition would never match).
var sourceConditions = map[string]sourceCondition{
	"ecs-tasks.amazonaws.com":      {true, "Amazon ECS Developer Guide, \"Amazon ECS task IAM role\": trust policy with aws:SourceArn arn:aws:ecs:<region>:<account>:* and aws:SourceAccount (docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)"},
	"ssm.amazonaws.com":            {true, "AWS Systems Manager User Guide, \"Create the IAM service role required for Systems Manager in hybrid and multicloud environments\": aws:SourceAccount and aws:SourceArn arn:aws:ssm:<region>:<account>:* (docs.aws.amazon.com/systems-manager/latest/userguide/hybrid-multicloud-service-role.html)"},
	"monitoring.rds.amazonaws.com": {true, "Amazon RDS User Guide, \"Setting up and enabling Enhanced Monitoring\", confused deputy: aws:SourceArn of the DB instance and aws:SourceAccount (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html)"},
	"vpc-flow-logs.amazonaws.com":  {true, "Amazon VPC User Guide, \"IAM role for publishing flow logs to CloudWatch Logs\": aws:SourceAccount and aws:SourceArn arn:aws:ec2:<region>:<account>:vpc-flow-log/* (docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html)"},
	"storagegateway.amazonaws.com": {true, "Amazon S3 File Gateway User Guide, \"Cross-service confused deputy prevention\": aws:SourceAccount and aws:SourceArn of the gateway the file share is associated with (docs.aws.amazon.com/filegateway/latest/files3/cross-service-confused-deputy-prevention.html)"},
	"cloudwatch.amazonaws.com":     {true, "Amazon SNS Developer Guide, \"Example cases for Amazon SNS access control\": publishing services are pinned with aws:SourceArn and aws:SourceAccount; CloudWatch sends the alarm ARN (docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html)"},
	"events.amazonaws.com":         {true, "Amazon EventBridge User Guide, \"Using resource-based policies for Amazon EventBridge\", Amazon SNS permissions: aws:SourceArn of the rule (docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html)"},
	"events.rds.amazonaws.com":     {true, "Amazon RDS User Guide, \"Granting permissions to publish notifications to an Amazon SNS topic\": topic policy with aws:SourceArn of the RDS resources and aws:SourceAccount (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.GrantingPermissions.html)"},
	"logging.s3.amazonaws.com":     {true, "Amazon S3 User Guide, \"Enabling Amazon S3 server access logging\": bucket policy with aws:SourceArn of the source bucket and aws:SourceAccount (docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html)"},
	"delivery.logs.amazonaws.com":  {true, "Amazon CloudWatch Logs User Guide, \"Logs sent to CloudWatch Logs\": aws:SourceAccount and aws:SourceArn arn:aws:logs:<region>:<account>:* (docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-V2-CloudWatchLogs.html)"},
	"ec2.amazonaws.com":            {false, "IAM User Guide, \"Use an IAM role to grant permissions to applications running on Amazon EC2 instances\": the role reaches the instance through its instance profile and EC2 sends no source keys (the confused-deputy checks of prowler exempt it for that reason, prowler issues 2810 and 7021)"},
	"ecr.amazonaws.com":            {false, "Amazon ECR User Guide, \"Create an IAM role for repository creation templates\": the documented trust policy of the repository creation role has no condition (docs.aws.amazon.com/AmazonECR/latest/userguide/repository-creation-templates-create-iam.html)"},
	"s3.amazonaws.com":             {false, "Amazon S3 User Guide, \"Setting up permissions for live replication\", Step 2: the documented trust policy of the replication role names s3.amazonaws.com with no condition (docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html)"},
	"backup.amazonaws.com":         {false, "AWS Backup Developer Guide, \"IAM service roles\": the documented trust policy of a Backup service role has no condition, and AWS Backup does not send the source keys when it assumes it (docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html)"},
}

// sourceConditionTypes are the documents the rule reads: trust policies, topic policies (the SNS
// publishers) and bucket policies (log delivery).
var sourceConditionTypes = []string{iamRole, snsTopicPolicy, snsTopic, s3Policy}

// IamTrustSourceConditions pins every service principal that sends aws:SourceAccount and aws:SourceArn to
// both, and never demands them of a service that does not send them.
var IamTrustSourceConditions = Rule{
	ID: "iam-trust-source-conditions", Controls: []string{"custom (issue 21)"}, Severity: Medium,
	Description: "Every Allow to a service principal in a trust policy, SNS topic policy or bucket policy carries aws:SourceAccount and aws:SourceArn conditions when the service sends them (ecs-tasks, ssm, monitoring.rds, vpc-flow-logs, storagegateway, the SNS publishers cloudwatch, events and events.rds, logging.s3, delivery.logs), and is not held to them when it does not (ec2, backup); a service missing from the rule's table fails until it is added with its AWS documentation.",
	Remediation: "add aws:SourceArn (the ARN pattern of the calling resources) beside aws:SourceAccount",
	Types:       sourceConditionTypes,
	Reads:       map[string][]string{iamRole: {"assumeRolePolicy"}, snsTopicPolicy: {"policy"}, snsTopic: {"policy"}, s3Policy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		var docs []namedDocument
		if r.Type != iamRole {
			docs = keyPolicyDocuments(r, f)
		} else if doc, ok := policyText(r, f, "assumeRolePolicy"); ok {
			docs = []namedDocument{{"assumeRolePolicy", doc}}
		}
		for _, d := range docs {
			for i, s := range d.doc.Statements {
				if !s.allows() {
					continue
				}
				for _, svc := range s.Principals["Service"] {
					entry, listed := sourceConditions[svc]
					var missing []string
					for _, k := range []string{"aws:SourceAccount", "aws:SourceArn"} {
						if !s.hasConditionKey(k) {
							missing = append(missing, k)
						}
					}
					switch {
					case !listed:
						f.Fail(r, "%s statement %s trusts %s, which is not in the rule's source-condition table; add it with the AWS documentation that says whether it sends aws:SourceArn", d.path, statementName(i, s), svc)
					case entry.Sends && len(missing) > 0:
						f.Fail(r, "%s statement %s trusts %s without %s, which the service sends", d.path, statementName(i, s), svc, strings.Join(missing, " and "))
					}
				}
			}
		}
	},
}

// SourceConditionTable lists the table for the docs: service, whether it sends the keys, and the source.
func SourceConditionTable() [][3]string {
	var services []string
	for s := range sourceConditions {
		services = append(services, s)
	}
	sort.Strings(services)
	out := make([][3]string, 0, len(services))
	for _, s := range services {
		sends := "no: never demanded"
		if sourceConditions[s].Sends {
			sends = "yes: both demanded"
		}
		out = append(out, [3]string{s, sends, sourceConditions[s].Doc})
	}
	return slices.Clip(out)
}
