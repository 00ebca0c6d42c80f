// Package iamdoc builds IAM policy documents (JSON) for the components, so every trust and permission policy
// is written the same way and each component states only its statements.
package iamdoc

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Statement is one policy statement: Effect, Action, Resource, Principal, Condition as IAM spells them.
type Statement map[string]any

// JSON returns the policy document holding statements.
func JSON(statements ...Statement) (string, error) {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	return string(b), err
}

// Allow is an Allow statement of actions on resources.
func Allow(actions []string, resources ...string) Statement {
	return Statement{"Effect": "Allow", "Action": actions, "Resource": resources}
}

// noSourceAccount are services that do not send aws:SourceAccount when they assume a role (EC2 for
// instance profiles, AWS Backup for its jobs): a condition on it would lock them out, so their trust policy
// names the service alone.
var noSourceAccount = map[string]bool{"ec2.amazonaws.com": true, "backup.amazonaws.com": true}

// AssumeRole is the trust policy letting an AWS service assume a role. For services that send it, an
// aws:SourceAccount condition restricts the role to this account's resources (confused deputy).
func AssumeRole(service string, account pulumi.StringInput) pulumi.StringOutput {
	return account.ToStringOutput().ApplyT(func(account string) (string, error) {
		trust := Statement{
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": service},
			"Action":    "sts:AssumeRole",
		}
		if !noSourceAccount[service] {
			trust["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}
		}
		return JSON(trust)
	}).(pulumi.StringOutput)
}
