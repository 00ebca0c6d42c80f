package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LogGroupKMS requires log groups to be encrypted with the stack's KMS key.
var LogGroupKMS = Rule{
	ID: "log-group-kms", Control: "CloudWatchLogGroupEncrypted (cdk-nag)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "CloudWatch log groups are encrypted with a customer-managed KMS key (kmsKeyId).",
	Types:       []string{"aws:cloudwatch/logGroup:LogGroup"},
	Resource: func(r Resource, f *Findings) {
		requireSet(r, f, "kmsKeyId")
	},
}
