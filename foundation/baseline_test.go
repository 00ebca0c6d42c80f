package foundation

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func testArgs() *BaselineArgs {
	return &BaselineArgs{
		Settings: Settings{AlarmEmails: []string{"oncall@insurance.example", "network@insurance.example"}, Protect: true},
		Region:   "us-east-1",
	}
}

func run(t *testing.T, args *BaselineArgs, mode plan.Mode) (*plan.Result, *Baseline) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Baseline, error) {
		return NewBaseline(ctx, "st-foundation", args, opts...)
	})
}

const deployer = "arn:aws:iam::123456789012:role/hybridcloud-deployer" // the mocks' assumed role

func TestAuditAndApplicationLogsHaveTheirOwnKeysOnlyThisAccountsLogGroupsMayUse(t *testing.T) {
	res, b := run(t, testArgs(), plan.Up)
	for _, name := range []string{"st-foundation-audit-logs", "st-foundation-app-logs"} {
		key := plantest.Named(t, res, token.KMSKey, name).Props()
		assert.Equal(t, true, key["enableKeyRotation"], name)
		assert.EqualValues(t, 30, key["deletionWindowInDays"], name)
		sids := plantest.Statements(t, key["policy"])
		assert.Equal(t, map[string]any{"AWS": []any{deployer}}, sids["KeyAdministration"]["Principal"], "%s: the deploying role administers it", name)
		use := sids["CloudWatchLogsUse"]
		assert.Equal(t, map[string]any{"Service": []any{"logs.us-east-1.amazonaws.com"}}, use["Principal"], name)
		assert.Equal(t, map[string]any{"ArnLike": map[string]any{"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:*"}}, use["Condition"], name)
		assert.Len(t, sids, 3, "%s: administration, grants for AWS resources, the Logs service: nothing delegated to IAM", name)
		assert.Equal(t, "alias/"+name, plantest.Named(t, res, token.KMSAlias, name).Props()["name"])
	}
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:st-foundation-audit-logs", plantest.Await(t, b.AuditLogsKeyARN).Value)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:st-foundation-app-logs", plantest.Await(t, b.AppLogsKeyARN).Value)
}

func TestConfiguredAdministratorsJoinTheDeployerAndTheBreakGlassRoleAloneDestroysKeys(t *testing.T) {
	args := testArgs()
	args.Settings.KeyAdministrators = []string{"arn:aws:iam::123456789012:role/security", deployer}
	args.Settings.BreakGlassRole = "arn:aws:iam::123456789012:role/break-glass"
	res, b := run(t, args, plan.Up)
	assert.Equal(t, []string{deployer, "arn:aws:iam::123456789012:role/security"}, plantest.Await(t, b.KeyAdministratorARNs).Value, "each once, sorted")
	for _, name := range []string{"st-foundation-audit-logs", "st-foundation-app-logs", "st-foundation-operations"} {
		sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, name).Props()["policy"])
		assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": args.Settings.BreakGlassRole}},
			sids["OnlyBreakGlassDestroysTheKey"]["Condition"], name)
	}
	assert.Equal(t, args.Settings.BreakGlassRole, b.BreakGlassRoleARN)
}

func TestProtectKeepsEveryFoundationKeyThroughADestroy(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testArgs()
		args.Settings.Protect = protect
		res, _ := run(t, args, plan.Up)
		for _, key := range plantest.Every(t, res, token.KMSKey, 3) {
			assert.Equal(t, protect, key.Protect, "%s protect=%v", key.Name, protect)
			assert.Equal(t, protect, key.RetainOnDelete, "%s protect=%v", key.Name, protect)
		}
	}
}

func TestTheOperationsTopicIsEncryptedAndOnlyThisAccountsServicesPublishOverTLS(t *testing.T) {
	res, b := run(t, testArgs(), plan.Up)
	const topicARN = "arn:aws:sns:us-east-1:123456789012:st-foundation-operations"
	topic := plantest.Named(t, res, token.SNSTopic, "st-foundation-operations").Props()
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:st-foundation-operations", topic["kmsMasterKeyId"])
	assert.Equal(t, topicARN, plantest.Await(t, b.OperationsTopicARN).Value)

	keySids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "st-foundation-operations").Props()["policy"])
	assert.Equal(t, map[string]any{"Service": []any{"cloudwatch.amazonaws.com", "events.amazonaws.com"}}, keySids["PublishersEncrypt"]["Principal"],
		"no vault notifies the topic itself: AWS Backup is no publisher")
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"kms:EncryptionContext:aws:sns:topicArn": "arn:aws:sns:us-east-1:123456789012:st-foundation-operations-*"},
	}, keySids["PublishersEncrypt"]["Condition"], "the publishers encrypt for this account's alarms and rules, and this topic, only")

	sids := plantest.Statements(t, plantest.Named(t, res, token.SNSTopicPolicy, "st-foundation-operations").Props()["policy"])
	assert.Equal(t, "Deny", sids["TLSOnly"]["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, sids["TLSOnly"]["Condition"])
	assert.NotContains(t, sids, "BackupPublishes")
	assert.Equal(t, topicARN, sids["AlarmsPublish"]["Resource"])
	assert.Equal(t, map[string]any{"aws:SourceArn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:*"}, sids["AlarmsPublish"]["Condition"].(map[string]any)["ArnLike"])
	assert.Equal(t, map[string]any{"aws:SourceArn": "arn:aws:events:us-east-1:123456789012:rule/*"}, sids["EventRulesPublish"]["Condition"].(map[string]any)["ArnLike"],
		"only this account's event rules (the backup job failures) publish")
}

func TestEveryAlarmEmailSubscribes(t *testing.T) {
	res, _ := run(t, testArgs(), plan.Up)
	subs := plantest.Every(t, res, token.SNSTopicSubscription, 2)
	require.Len(t, subs, 2)
	for _, email := range testArgs().Settings.AlarmEmails {
		sub := plantest.Named(t, res, token.SNSTopicSubscription, "st-foundation-operations-"+email).Props()
		assert.Equal(t, "email", sub["protocol"])
		assert.Equal(t, email, sub["endpoint"])
	}
}

func TestIdentityComesFromTheProviderAndThePartitionFromTheRegion(t *testing.T) {
	_, b := run(t, testArgs(), plan.Up)
	assert.Equal(t, "123456789012", plantest.Await(t, b.AccountID).Value)
	assert.Equal(t, "aws", b.Partition)
	assert.Equal(t, "us-east-1", b.Region)
	for region, want := range map[string]string{"eu-central-1": "aws", "cn-north-1": "aws-cn", "us-gov-west-1": "aws-us-gov"} {
		assert.Equal(t, want, Partition(region), region)
	}
}

func TestPreviewDeclaresWhatUpDeclaresWithTheTopicUnknown(t *testing.T) {
	up, _ := run(t, testArgs(), plan.Up)
	preview, b := run(t, testArgs(), plan.Preview)
	assert.Equal(t, up.CountByType(), preview.CountByType())
	assert.False(t, plantest.Await(t, b.OperationsTopicARN).Known)
}

func TestEveryChildIsParentedToTheBaseline(t *testing.T) {
	res, _ := run(t, testArgs(), plan.Up)
	component := plantest.Named(t, res, Type, "st-foundation")
	children := 0
	for _, r := range res.Resources {
		if r.Custom && r.Type != token.AWSProvider {
			children++
			assert.Equal(t, component.URN, r.Parent, "%s %s", r.Type, r.Name)
			assert.Contains(t, r.Name, "st-foundation-", "%s is named after its component", r.Name)
		}
	}
	assert.Equal(t, 10, children, "3 keys and their aliases, the topic, its policy and 2 subscriptions, nothing else")
}

func TestBadArgsAreRefusedNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Baseline, error) {
		return NewBaseline(ctx, "st-foundation", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "foundation: baseline st-foundation: args are required")

	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Baseline, error) {
		return NewBaseline(ctx, "st-foundation", &BaselineArgs{}, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "foundation: baseline st-foundation: the region is required")
	assert.Contains(t, err.Error(), "at least one alarm email is required")
}
