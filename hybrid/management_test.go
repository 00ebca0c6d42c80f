package hybrid

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func testManagementArgs() *ManagementArgs {
	return &ManagementArgs{
		Activations: []Activation{
			{PatchGroup: "onprem-linux", RegistrationLimit: 30, ExpiresOn: time.Date(2026, time.December, 20, 0, 0, 0, 0, time.UTC)},
			{PatchGroup: "onprem-windows", RegistrationLimit: 10, ExpiresOn: time.Date(2026, time.December, 20, 0, 0, 0, 0, time.UTC), Windows: true},
		},
		PatchBaselines: []PatchBaseline{
			{OperatingSystem: "AMAZON_LINUX_2023", ApproveAfterDays: 7, ComplianceLevel: "CRITICAL", PatchGroups: []string{"ecs-hosts"}},
			{OperatingSystem: "WINDOWS", ApproveAfterDays: 7, ComplianceLevel: "CRITICAL", PatchGroups: []string{"onprem-windows", "onprem-linux"}},
		},
		PatchSchedule: "cron(0 2 ? * SUN *)", PatchDurationHours: 4, PatchCutoffHours: 1,
		SessionIdleTimeoutMinutes: 15, LogRetentionDays: 365,
		LogsKeyArn:       pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		ManagedRoleNames: []pulumi.StringInput{pulumi.String("ecs-hosts-role")},
		Region:           "us-east-1",
		AccountID:        pulumi.String("123456789012"),
	}
}

func runManagement(t *testing.T, args *ManagementArgs) (*plan.Result, *Management) {
	t.Helper()
	var m *Management
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		m, err = NewManagement(ctx, "test-mgmt", args, pulumi.Provider(provider))
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.NoError(t, err)
	return res, m
}

func TestEachActivationIsBoundedAndTagsServersIntoItsPatchGroup(t *testing.T) {
	res, m := runManagement(t, testManagementArgs())
	for group, limit := range map[string]float64{"onprem-linux": 30, "onprem-windows": 10} {
		activation := plantest.Named(t, res, "aws:ssm/activation:Activation", "test-mgmt-"+group).Props()
		assert.Equal(t, "2026-12-20T00:00:00Z", activation["expirationDate"], group)
		assert.Equal(t, limit, activation["registrationLimit"], group)
		assert.Equal(t, map[string]any{PatchGroupTag: group}, activation["tags"], "%s: its servers join their patch group", group)

		code := plantest.Await(t, m.ActivationCodes[group])
		assert.True(t, code.Secret, "%s: the activation code is a secret output", group)
		cmd := plantest.Await(t, m.RegistrationCommands[group])
		assert.True(t, cmd.Secret, "%s: the command holds the activation code", group)
		assert.Contains(t, cmd.Value, `-id "test-mgmt-`+group+`_id" -region "us-east-1"`)
	}
	windows := plantest.Await(t, m.RegistrationCommands["onprem-windows"]).Value.(string)
	assert.Contains(t, windows, `amazon-ssm-agent.exe" -register`, "Windows servers get the PowerShell form")
	linux := plantest.Await(t, m.RegistrationCommands["onprem-linux"]).Value.(string)
	assert.True(t, strings.HasPrefix(linux, "sudo amazon-ssm-agent -register"), linux)

	role := plantest.Named(t, res, "aws:iam/role:Role", "test-mgmt-onprem").Props()
	var trust struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(role["assumeRolePolicy"].(string)), &trust))
	assert.Equal(t, map[string]any{"Service": "ssm.amazonaws.com"}, trust.Statement[0]["Principal"])
	assert.Contains(t, role["managedPolicyArns"], "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore")
}

func TestPatchWindowInstallsOnEC2AndOnPremisesNodesByTag(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs())
	target := plantest.Named(t, res, "aws:ssm/maintenanceWindowTarget:MaintenanceWindowTarget", "test-mgmt-patch").Props()
	assert.Equal(t, "INSTANCE", target["resourceType"])
	assert.Equal(t, []any{map[string]any{"key": "tag:Patch Group", "values": []any{"ecs-hosts", "onprem-windows", "onprem-linux"}}}, target["targets"])

	task := plantest.Named(t, res, "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask", "test-mgmt-patch").Props()
	assert.Equal(t, "AWS-RunPatchBaseline", task["taskArn"])
	run := task["taskInvocationParameters"].(map[string]any)["runCommandParameters"].(map[string]any)
	assert.Contains(t, run["parameters"], map[string]any{"name": "Operation", "values": []any{"Install"}})
	assert.Equal(t, true, run["cloudwatchConfig"].(map[string]any)["cloudwatchOutputEnabled"])

	window := plantest.Named(t, res, "aws:ssm/maintenanceWindow:MaintenanceWindow", "test-mgmt-patch").Props()
	assert.Equal(t, "cron(0 2 ? * SUN *)", window["schedule"])
	assert.Equal(t, 4.0, window["duration"])
	assert.Equal(t, 1.0, window["cutoff"])
}

func TestEachOperatingSystemHasABaselineWithItsOwnFilters(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs())
	linux := plantest.Named(t, res, "aws:ssm/patchBaseline:PatchBaseline", "test-mgmt-AMAZON_LINUX_2023").Props()
	rule := linux["approvalRules"].([]any)[0].(map[string]any)
	assert.Equal(t, 7.0, rule["approveAfterDays"])
	assert.Equal(t, "CRITICAL", rule["complianceLevel"])
	assert.Contains(t, rule["patchFilters"], map[string]any{"key": "SEVERITY", "values": []any{"Critical", "Important"}})
	windows := plantest.Named(t, res, "aws:ssm/patchBaseline:PatchBaseline", "test-mgmt-WINDOWS").Props()
	assert.Contains(t, windows["approvalRules"].([]any)[0].(map[string]any)["patchFilters"],
		map[string]any{"key": "MSRC_SEVERITY", "values": []any{"Critical", "Important"}})
	assert.Len(t, res.OfType("aws:ssm/patchGroup:PatchGroup"), 3)
}

func TestSessionsAreEncryptedLoggedAndEndWhenIdle(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs())
	doc := plantest.Named(t, res, "aws:ssm/document:Document", "test-mgmt-sessions").Props()
	assert.Equal(t, "SSM-SessionManagerRunShell", doc["name"])
	assert.Equal(t, "Session", doc["documentType"])
	var content struct{ Inputs map[string]any }
	require.NoError(t, json.Unmarshal([]byte(doc["content"].(string)), &content))
	in := content.Inputs
	assert.Equal(t, true, in["cloudWatchEncryptionEnabled"])
	assert.NotEmpty(t, in["cloudWatchLogGroupName"])
	assert.Equal(t, "test-mgmt-sessions-key-id", in["kmsKeyId"], "the session channel is encrypted with the component's key")
	assert.Equal(t, "", in["s3BucketName"])
	assert.Equal(t, false, in["runAsEnabled"])
	assert.Equal(t, "15", in["idleSessionTimeout"])

	group := plantest.Named(t, res, "aws:cloudwatch/logGroup:LogGroup", "test-mgmt-sessions").Props()
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group["kmsKeyId"])
	attach := plantest.Named(t, res, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "test-mgmt-sessions-0").Props()
	assert.Equal(t, "ecs-hosts-role", attach["role"], "ECS hosts follow the same session preferences")
}

func TestAgentsStayUpdatedAndInventoried(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs())
	docs := map[any]any{}
	for _, a := range res.OfType("aws:ssm/association:Association") {
		p := a.Props()
		docs[p["name"]] = p["scheduleExpression"]
		assert.Equal(t, []any{map[string]any{"key": "InstanceIds", "values": []any{"*"}}}, p["targets"], "every managed node")
	}
	assert.Equal(t, map[any]any{"AWS-UpdateSSMAgent": "rate(14 days)", "AWS-GatherSoftwareInventory": "rate(1 day)"}, docs)
}

func TestManagementArgsAreChecked(t *testing.T) {
	args := testManagementArgs()
	args.PatchBaselines[0].OperatingSystem = "SOLARIS"
	args.Activations[1].RegistrationLimit = 0
	args.PatchCutoffHours = 4
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewManagement(ctx, "bad", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no approval filters for operating system "SOLARIS"`)
	assert.Contains(t, err.Error(), "duration longer than cutoff")
	assert.Contains(t, err.Error(), `activation "onprem-windows": registration limit, expiry and patch group are required`)
}
