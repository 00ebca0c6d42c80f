package hybrid

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// sessionPreferencesDocument is the document Session Manager reads its account-wide preferences from. An
// account that set preferences in the console already has it: import it before the first `pulumi up`. It
// is one per account and region, so one Management component per account and region declares it.
const sessionPreferencesDocument = "SSM-SessionManagerRunShell"

// sessionPreferences is the preferences document: every session encrypted end to end with keyID,
// streamed to the encrypted logGroup, never to S3, ended after idleMinutes idle, and on Linux run as the
// named OS user runAs when one is set (else as ssm-user, which has passwordless sudo).
func sessionPreferences(logGroup, keyID string, idleMinutes int, runAs string) (string, error) {
	b, err := json.Marshal(map[string]any{
		"schemaVersion": "1.0",
		"description":   "Session Manager preferences: encrypted, logged to CloudWatch, idle sessions ended",
		"sessionType":   "Standard_Stream",
		"inputs": map[string]any{
			"s3BucketName":                "",
			"s3KeyPrefix":                 "",
			"s3EncryptionEnabled":         true,
			"cloudWatchLogGroupName":      logGroup,
			"cloudWatchEncryptionEnabled": true,
			"cloudWatchStreamingEnabled":  true,
			"kmsKeyId":                    keyID,
			"runAsEnabled":                runAs != "",
			"runAsDefaultUser":            runAs,
			"idleSessionTimeout":          strconv.Itoa(idleMinutes),
			"maxSessionDuration":          "",
			"shellProfile":                map[string]string{"windows": "", "linux": ""},
		},
	})
	return string(b), err
}

// sessionAccess is what a managed node needs to honour the preferences (Session Manager user guide,
// "Step 2: Verify or add instance permissions for Session Manager"): write its own session log, find log
// groups (logs:DescribeLogGroups has no resource-level permissions, so a scoped grant would never match),
// and decrypt the session channel with the key; the user who starts the session generates its data key.
func sessionAccess(logGroupARN, keyARN string) (string, error) {
	return iamdoc.JSON(
		iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}, logGroupARN+":*"),
		iamdoc.Allow([]string{"logs:DescribeLogGroups"}, "*"),
		iamdoc.Allow([]string{"kms:Decrypt"}, keyARN),
	)
}

// SessionKeyPolicy is the policy of the session key: the administrators manage it; the nodes' roles
// (nodeRoles: ARN patterns, the on-premises role declared after the key) decrypt the session channel,
// calling KMS themselves from their SSM agent; the account's operators, as their IAM policies allow,
// generate a session's data key when they start one, which encrypts but never decrypts.
func SessionKeyPolicy(admins keys.Administration, partition, account string, nodeRoles []string) (string, error) {
	return keys.Policy{Account: account, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: []keys.User{
		{Sid: "NodesDecryptSessions", PrincipalPatterns: nodeRoles, Actions: []string{"kms:Decrypt"}, Direct: true},
		{Sid: "OperatorsStartSessions", Principals: []string{iamdoc.AccountRoot(partition, account)},
			Actions: []string{"kms:GenerateDataKey"}, Direct: true},
	}}.JSON()
}

// declareSessions declares the session key, the session log group, the preferences document and the
// policy every managed node's role needs to honour them, which it attaches to ManagedRoleNames and returns
// for the on-premises role.
func (m *Management) declareSessions(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) (*iam.Policy, error) {
	// The nodes' roles are known by name: the cluster's (outputs) and the on-premises one, declared next.
	roles := make([]any, len(args.ManagedRoleNames))
	for i, r := range args.ManagedRoleNames {
		roles[i] = r
	}
	keyPolicy := args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, names []any) (string, error) {
		patterns := []string{keys.RolePattern(args.Partition, account, name+onPremisesRole)}
		for _, n := range names {
			patterns = append(patterns, fmt.Sprintf("arn:%s:iam::%s:role/%s", args.Partition, account, n))
		}
		return SessionKeyPolicy(admins, args.Partition, account, patterns)
	}, roles...)
	// Protected in prod: without the key the recorded sessions cannot be read.
	protect := args.Settings.Protect
	key, err := keys.New(ctx, name+"-sessions", "Encrypts "+name+" Session Manager sessions", keyPolicy, parent,
		pulumi.Protect(protect), pulumi.RetainOnDelete(protect))
	if err != nil {
		return nil, err
	}
	logs, err := managementLogGroup(ctx, name+"-sessions", args, parent)
	if err != nil {
		return nil, err
	}
	m.SessionLogGroupName = logs.Name

	idle, runAs := args.Settings.SessionIdleTimeoutMinutes, args.Settings.SessionRunAsUser
	content := pulumi.All(logs.Name, key.KeyId).ApplyT(func(v []any) (string, error) {
		return sessionPreferences(v[0].(string), v[1].(string), idle, runAs)
	}).(pulumi.StringOutput)
	if _, err := ssm.NewDocument(ctx, name+"-sessions", &ssm.DocumentArgs{
		Name:           pulumi.String(sessionPreferencesDocument),
		DocumentType:   pulumi.String("Session"),
		DocumentFormat: pulumi.String("JSON"),
		Content:        content,
	}, parent); err != nil {
		return nil, err
	}

	access := pulumi.All(logs.Arn, key.Arn).ApplyT(func(v []any) (string, error) {
		return sessionAccess(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	policy, err := iam.NewPolicy(ctx, name+"-sessions", &iam.PolicyArgs{
		Description: pulumi.String("Lets a managed node log and encrypt Session Manager sessions of " + name),
		Policy:      access,
	}, parent)
	if err != nil {
		return nil, err
	}
	if err := declareAdvancedTier(ctx, name, args, parent); err != nil {
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

// declareAdvancedTier switches the account's hybrid activations to the advanced-instances tier: Session
// Manager reaches on-premises (mi-…) nodes only there
// (https://docs.aws.amazon.com/systems-manager/latest/userguide/fleet-manager-configure-instance-tiers.html).
// The stack always registers on-premises servers, so it always promises them sessions. The setting is
// account- and region-wide and billed per advanced node-hour (docs/operations.md).
func declareAdvancedTier(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) error {
	_, err := ssm.NewServiceSetting(ctx, name+"-advanced-tier", &ssm.ServiceSettingArgs{
		SettingId: pulumi.Sprintf("arn:%s:ssm:%s:%s:servicesetting/ssm/managed-instance/activation-tier",
			args.Partition, args.Region, args.AccountID),
		SettingValue: pulumi.String("advanced"),
	}, parent)
	return err
}
