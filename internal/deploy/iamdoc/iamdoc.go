// Package iamdoc builds IAM policy documents (JSON) for the components, so every trust and permission policy
// is written the same way and each component states only its statements.
package iamdoc

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Statement is one policy statement: Effect, Action, Resource, Principal, Condition as IAM spells them.
type Statement map[string]any

// JSON returns the policy document holding statements.
func JSON(statements ...Statement) (string, error) {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	return string(b), err
}

// AccountRoot is the ARN that names a whole account as a principal (arn:<partition>:iam::<account>:root).
func AccountRoot(partition, account string) string {
	return fmt.Sprintf("arn:%s:iam::%s:root", partition, account)
}

// Allow is an Allow statement of actions on resources.
func Allow(actions []string, resources ...string) Statement {
	return Statement{"Effect": "Allow", "Action": actions, "Resource": resources}
}

// noSourceAccount are services that do not send aws:SourceAccount when they assume a role (EC2 for
// instance profiles, AWS Backup for its jobs, ECR creating cached repositories, S3 for live replication): a
// condition on it would lock them out, so their trust policy names the service alone. ECR's
// repository-creation role is documented without a condition too (ECR User Guide, "Create an IAM role for
// repository creation templates"), and so is S3's replication role (S3 User Guide, "Setting up permissions
// for live replication").
var noSourceAccount = map[string]bool{"ec2.amazonaws.com": true, "backup.amazonaws.com": true, "ecr.amazonaws.com": true, "s3.amazonaws.com": true}

// AssumeRole is the trust policy letting an AWS service assume a role. For services that send it, an
// aws:SourceAccount condition restricts the role to this account's resources (confused deputy).
func AssumeRole(service string, account pulumi.StringInput) pulumi.StringOutput {
	return AssumeRoleFrom(service, account, nil)
}

// AssumeRoleFrom is AssumeRole with an aws:SourceArn condition too, for services that say which resource
// they act for: only sources matching the ARN pattern (ArnLike, so * and ? match) may assume the role. A nil
// pattern means no such condition. Never give one for EC2 or AWS Backup, which send neither key.
func AssumeRoleFrom(service string, account, sourceARN pulumi.StringInput) pulumi.StringOutput {
	if sourceARN == nil {
		sourceARN = pulumi.String("")
	}
	return pulumi.All(account, sourceARN).ApplyT(func(v []any) (string, error) {
		account, source := v[0].(string), v[1].(string)
		trust := Statement{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": service},
			"Action":    "sts:AssumeRole",
		}
		if noSourceAccount[service] {
			if source != "" {
				return "", fmt.Errorf("iamdoc: %s sends no aws:SourceArn; a condition on it would lock the service out", service)
			}
			return JSON(trust)
		}
		condition := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}
		if source != "" {
			condition["ArnLike"] = map[string]any{"aws:SourceArn": source}
		}
		trust["Condition"] = condition
		return JSON(trust)
	}).(pulumi.StringOutput)
}

// ParametersOnlyUnder is a Deny that fences a role holding AmazonSSMManagedInstanceCore (ssm:GetParameter*
// on every parameter) to AWS's public parameters and the stack's own path ("/hybridcloud/prod/"): a stolen
// hybrid credential, usable from anywhere, then reads no other team's String or SecureString parameter.
func ParametersOnlyUnder(partition, path string) Statement {
	return Statement{
		"Sid":    "ReadParametersOnlyUnderTheStacksPath",
		"Effect": "Deny",
		"Action": []string{"ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"},
		"NotResource": []string{
			fmt.Sprintf("arn:%s:ssm:*:*:parameter/aws/*", partition),
			fmt.Sprintf("arn:%s:ssm:*:*:parameter%s*", partition, path),
		},
	}
}
