package hybrid

import (
	"encoding/json"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// sessionPreferencesDocument is the document Session Manager reads its account-wide preferences from. An
// account that set preferences in the console already has it: import it before the first `pulumi up`.
const sessionPreferencesDocument = "SSM-SessionManagerRunShell"

// sessionPreferences makes every Session Manager session encrypted end to end with the component's key,
// streamed to an encrypted log group, never to S3, ended when idle, and never run as root. It returns the
// policy every managed node's role needs to honour them.
func (m *Management) sessionPreferences(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) (*iam.Policy, error) {
	key, err := keys.New(ctx, name+"-sessions", "Encrypts "+name+" Session Manager sessions", nil, parent)
	if err != nil {
		return nil, err
	}
	logs, err := logGroup(ctx, name+"-sessions", args, parent)
	if err != nil {
		return nil, err
	}
	m.SessionLogGroupName = logs.Name

	content := pulumi.All(logs.Name, key.KeyId).ApplyT(func(v []any) (string, error) {
		b, err := json.Marshal(map[string]any{
			"schemaVersion": "1.0",
			"description":   "Session Manager preferences: encrypted, logged to CloudWatch, idle sessions ended",
			"sessionType":   "Standard_Stream",
			"inputs": map[string]any{
				"s3BucketName":                "",
				"s3KeyPrefix":                 "",
				"s3EncryptionEnabled":         true,
				"cloudWatchLogGroupName":      v[0],
				"cloudWatchEncryptionEnabled": true,
				"cloudWatchStreamingEnabled":  true,
				"kmsKeyId":                    v[1],
				"runAsEnabled":                false,
				"runAsDefaultUser":            "",
				"idleSessionTimeout":          strconv.Itoa(args.SessionIdleTimeoutMinutes),
				"maxSessionDuration":          "",
				"shellProfile":                map[string]string{"windows": "", "linux": ""},
			},
		})
		return string(b), err
	}).(pulumi.StringOutput)
	if _, err := ssm.NewDocument(ctx, name+"-sessions", &ssm.DocumentArgs{
		Name:           pulumi.String(sessionPreferencesDocument),
		DocumentType:   pulumi.String("Session"),
		DocumentFormat: pulumi.String("JSON"),
		Content:        content,
	}, parent); err != nil {
		return nil, err
	}

	// A node writes its own session log and decrypts the session channel with the key.
	access := pulumi.All(logs.Arn, key.Arn).ApplyT(func(v []any) (string, error) {
		group, keyArn := v[0].(string), v[1].(string)
		return iamdoc.JSON(
			iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, group+":*"),
			iamdoc.Allow([]string{"logs:DescribeLogGroups", "logs:DescribeLogStreams"}, group, group+":*"),
			iamdoc.Allow([]string{"kms:Decrypt", "kms:GenerateDataKey"}, keyArn),
		)
	}).(pulumi.StringOutput)
	policy, err := iam.NewPolicy(ctx, name+"-sessions", &iam.PolicyArgs{
		Description: pulumi.String("Lets a managed node log and encrypt Session Manager sessions of " + name),
		Policy:      access,
	}, parent)
	if err != nil {
		return nil, err
	}
	for i, role := range args.ManagedRoleNames {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-sessions-"+strconv.Itoa(i), &iam.RolePolicyAttachmentArgs{
			Role:      role,
			PolicyArn: policy.Arn,
		}, parent); err != nil {
			return nil, err
		}
	}
	return policy, nil
}
