package hybrid

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid/patching"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func testManagementArgs() *ManagementArgs {
	return &ManagementArgs{
		Settings: ManagementSettings{
			Activations: map[string]Activation{
				"onprem-linux":   {Hosts: testHosts("lnx", 30), RotationDays: 14},
				"onprem-windows": {Hosts: testHosts("win", 10), RotationDays: 7},
			},
			PatchBaselines: map[patching.OperatingSystem]PatchBaseline{
				patching.Windows:               {ApproveAfterDays: 7, ComplianceLevel: patching.High, PatchGroups: []string{"onprem-windows", "onprem-windows-dc"}},
				patching.AmazonLinux2023:       {ApproveAfterDays: 7, ComplianceLevel: patching.Critical, PatchGroups: []string{"ecs-hosts"}},
				patching.RedHatEnterpriseLinux: {ApproveAfterDays: 3, ComplianceLevel: patching.Critical, PatchGroups: []string{"onprem-linux"}},
			},
			PatchWindow:               PatchWindow{Schedule: "cron(0 2 ? * SUN *)", DurationHours: 4, CutoffHours: 1},
			SessionIdleTimeoutMinutes: 15,
			SessionLogRetentionDays:   365,
		},
		LogsKeyARN:       pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		ManagedRoleNames: []pulumi.StringInput{pulumi.String("ecs-hosts-role"), pulumi.String("ecs-anywhere-role")},
		AccountID:        pulumi.String("123456789012"),
		Partition:        "aws",
		Region:           "us-east-1",
		Now:              plantest.Now,
		KeyAdmins:        keys.Admins{Roles: pulumi.ToStringArray([]string{testKeyAdmin}), BreakGlass: testBreakGlass},
		ParameterPath:    "/hybridcloud/prod/",
	}
}

// testHosts names n on-premises hosts, kind-01 onwards.
func testHosts(kind string, n int) []string {
	hosts := make([]string, n)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("%s-%02d", kind, i+1)
	}
	return hosts
}

const (
	testKeyAdmin   = "arn:aws:iam::123456789012:role/deployer"
	testBreakGlass = "arn:aws:iam::123456789012:role/break-glass"
)

// runManagement declares one Management named "test-mgmt" under mocks in mode.
func runManagement(t *testing.T, args *ManagementArgs, mode plan.Mode) (*plan.Result, *Management) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Management, error) {
		return NewManagement(ctx, "test-mgmt", args, opts...)
	})
}

func TestEachActivationIsBoundedAndTagsServersIntoItsPatchGroup(t *testing.T) {
	res, m := runManagement(t, testManagementArgs(), plan.Up)
	assert.Len(t, plantest.Every(t, res, token.SSMActivation, 2), 2, "one activation per configured patch group")
	// plantest.Now is 2030-01-15T09:30Z: the 14-day window started on 2030-01-14, and so did the 7-day one
	// too; each expires 30 days less an hour after its window's start.
	expiries := map[string]string{"onprem-linux": "2030-02-12T23:00:00Z", "onprem-windows": "2030-02-12T23:00:00Z"}
	for group, limit := range map[string]float64{"onprem-linux": 30, "onprem-windows": 10} {
		activation := plantest.Named(t, res, token.SSMActivation, "test-mgmt-"+group).Props()
		assert.Equal(t, "test-mgmt-"+group, activation["name"])
		assert.Equal(t, expiries[group], activation["expirationDate"], group)
		assert.Equal(t, limit, activation["registrationLimit"], group)
		assert.Equal(t, "test-mgmt-onprem", activation["iamRole"], group)
		assert.Equal(t, map[string]any{PatchGroupTag: group}, activation["tags"], "%s: its servers join their patch group", group)

		assert.EqualValues(t, "test-mgmt-"+group+"_id", plantest.Await(t, m.ActivationIDs[group]).Value)
		code := plantest.Await(t, m.ActivationCodes[group])
		assert.True(t, code.Secret, "%s: the activation code is a secret output", group)
		cmd := plantest.Await(t, m.RegistrationCommands[group])
		assert.True(t, cmd.Secret, "%s: the command holds the activation code", group)
		assert.Contains(t, cmd.Value, `-id "test-mgmt-`+group+`_id" -region "us-east-1"`)
	}
}

func TestTheRegistrationCommandFollowsTheOperatingSystemOfTheGroupsBaseline(t *testing.T) {
	_, m := runManagement(t, testManagementArgs(), plan.Up)
	windows := plantest.Await(t, m.RegistrationCommands["onprem-windows"]).Value.(string)
	assert.True(t, strings.HasPrefix(windows, `& "$env:ProgramFiles\Amazon\SSM\amazon-ssm-agent.exe" -register`), "the WINDOWS baseline's group gets the PowerShell form: %s", windows)
	linux := plantest.Await(t, m.RegistrationCommands["onprem-linux"]).Value.(string)
	assert.True(t, strings.HasPrefix(linux, "sudo amazon-ssm-agent -register"), "the RHEL baseline's group gets the shell form: %s", linux)
}

func TestTheOnPremisesRoleTrustsSSMOfThisAccountWithThePartitionsManagedPolicy(t *testing.T) {
	for partition, want := range map[string]string{
		"aws":    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
		"aws-cn": "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore",
	} {
		args := testManagementArgs()
		args.Partition = partition
		res, _ := runManagement(t, args, plan.Up)
		role := plantest.Named(t, res, token.IAMRole, "test-mgmt-onprem").Props()
		trust := plantest.Trust(t, role["assumeRolePolicy"])
		assert.Equal(t, map[string]any{"Service": "ssm.amazonaws.com"}, trust["Principal"])
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:" + partition + ":ssm:us-east-1:123456789012:*"},
		}, trust["Condition"], "only this account's Systems Manager in the region")
		assert.NotContains(t, role, "managedPolicyArns", "attachments only")
		assert.Equal(t, want, plantest.Named(t, res, token.IAMRolePolicyAttachment, "test-mgmt-onprem-ssm-core").Props()["policyArn"], partition)
		assert.Equal(t, "arn:aws:iam::123456789012:test-mgmt-sessions",
			plantest.Named(t, res, token.IAMRolePolicyAttachment, "test-mgmt-onprem-sessions").Props()["policyArn"], partition)
		fence := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "test-mgmt-onprem-parameters").Props()["policy"])["ReadParametersOnlyUnderTheStacksPath"]
		assert.Equal(t, "Deny", fence["Effect"])
		assert.Equal(t, []any{"arn:" + partition + ":ssm:*:*:parameter/aws/*", "arn:" + partition + ":ssm:*:*:parameter/hybridcloud/prod/*"}, fence["NotResource"],
			"a stolen hybrid credential reads no other parameter")
	}
}

func TestPatchWindowInstallsOnEC2AndOnPremisesNodesByTag(t *testing.T) {
	res, m := runManagement(t, testManagementArgs(), plan.Up)
	window := plantest.Named(t, res, token.SSMMaintenanceWindow, "test-mgmt-patch").Props()
	assert.Equal(t, "cron(0 2 ? * SUN *)", window["schedule"])
	assert.Equal(t, "UTC", window["scheduleTimezone"])
	assert.EqualValues(t, 4, window["duration"])
	assert.EqualValues(t, 1, window["cutoff"])
	assert.EqualValues(t, "test-mgmt-patch_id", plantest.Await(t, m.PatchWindowID).Value)

	target := plantest.Named(t, res, token.SSMMaintenanceWindowTarget, "test-mgmt-patch").Props()
	assert.Equal(t, "test-mgmt-patch_id", target["windowId"])
	assert.Equal(t, "INSTANCE", target["resourceType"])
	assert.Equal(t, []any{map[string]any{"key": "tag:Patch Group", "values": []any{"ecs-hosts", "onprem-linux", "onprem-windows", "onprem-windows-dc"}}},
		target["targets"], "every group of every baseline, by operating system")

	task := plantest.Named(t, res, token.SSMMaintenanceWindowTask, "test-mgmt-patch").Props()
	assert.Equal(t, "AWS-RunPatchBaseline", task["taskArn"])
	assert.Equal(t, []any{map[string]any{"key": "WindowTargetIds", "values": []any{"test-mgmt-patch_id"}}}, task["targets"])
	run := task["taskInvocationParameters"].(map[string]any)["runCommandParameters"].(map[string]any)
	assert.Equal(t, []any{
		map[string]any{"name": "Operation", "values": []any{"Install"}},
		map[string]any{"name": "RebootOption", "values": []any{"RebootIfNeeded"}},
	}, run["parameters"])
	logs := plantest.Named(t, res, token.CloudWatchLogGroup, "test-mgmt-patch").Props()
	assert.Equal(t, map[string]any{"cloudwatchLogGroupName": "test-mgmt-patch", "cloudwatchOutputEnabled": true}, run["cloudwatchConfig"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", logs["kmsKeyId"])
	assert.EqualValues(t, 365, logs["retentionInDays"])
}

func TestEachOperatingSystemHasABaselineWithItsOwnFiltersAndItsGroups(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs(), plan.Up)
	assert.Len(t, plantest.Every(t, res, token.SSMPatchBaseline, 3), 3)
	linux := plantest.Named(t, res, token.SSMPatchBaseline, "test-mgmt-REDHAT_ENTERPRISE_LINUX").Props()
	assert.Equal(t, "REDHAT_ENTERPRISE_LINUX", linux["operatingSystem"])
	assert.Equal(t, []any{map[string]any{
		"approveAfterDays": 3.0,
		"complianceLevel":  "CRITICAL",
		"patchFilters": []any{
			map[string]any{"key": "CLASSIFICATION", "values": []any{"Security", "Bugfix"}},
			map[string]any{"key": "SEVERITY", "values": []any{"Critical", "Important"}},
		},
	}}, linux["approvalRules"])
	windows := plantest.Named(t, res, token.SSMPatchBaseline, "test-mgmt-WINDOWS").Props()
	assert.Equal(t, "HIGH", windows["approvedPatchesComplianceLevel"])
	assert.Contains(t, windows["approvalRules"].([]any)[0].(map[string]any)["patchFilters"],
		map[string]any{"key": "MSRC_SEVERITY", "values": []any{"Critical", "Important"}})

	groups := plantest.Every(t, res, token.SSMPatchGroup, 4)
	assert.Len(t, groups, 4)
	for group, baseline := range map[string]string{"ecs-hosts": "AMAZON_LINUX_2023", "onprem-linux": "REDHAT_ENTERPRISE_LINUX",
		"onprem-windows": "WINDOWS", "onprem-windows-dc": "WINDOWS"} {
		p := plantest.Named(t, res, token.SSMPatchGroup, "test-mgmt-"+group).Props()
		assert.Equal(t, group, p["patchGroup"])
		assert.Equal(t, "test-mgmt-"+baseline+"_id", p["baselineId"], "%s is registered with its own baseline", group)
	}
}

func TestSessionsAreEncryptedLoggedAndEndWhenIdle(t *testing.T) {
	res, m := runManagement(t, testManagementArgs(), plan.Up)
	doc := plantest.Named(t, res, token.SSMDocument, "test-mgmt-sessions").Props()
	assert.Equal(t, "SSM-SessionManagerRunShell", doc["name"])
	assert.Equal(t, "Session", doc["documentType"])
	var content struct{ Inputs map[string]any }
	require.NoError(t, json.Unmarshal([]byte(doc["content"].(string)), &content))
	in := content.Inputs
	assert.Equal(t, true, in["cloudWatchEncryptionEnabled"])
	assert.Equal(t, "test-mgmt-sessions", in["cloudWatchLogGroupName"])
	assert.Equal(t, "test-mgmt-sessions-key-id", in["kmsKeyId"], "the session channel is encrypted with the component's key")
	assert.Equal(t, "", in["s3BucketName"])
	assert.Equal(t, false, in["runAsEnabled"])
	assert.Equal(t, "15", in["idleSessionTimeout"])
	assert.Equal(t, "test-mgmt-sessions", plantest.Await(t, m.SessionLogGroupName).Value)

	group := plantest.Named(t, res, token.CloudWatchLogGroup, "test-mgmt-sessions").Props()
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group["kmsKeyId"])
	assert.EqualValues(t, 365, group["retentionInDays"])
	for i, role := range []string{"ecs-hosts-role", "ecs-anywhere-role"} {
		attach := plantest.Named(t, res, token.IAMRolePolicyAttachment, "test-mgmt-sessions-"+string(rune('0'+i))).Props()
		assert.Equal(t, role, attach["role"], "nodes registered elsewhere follow the same session preferences")
		assert.Equal(t, "arn:aws:iam::123456789012:test-mgmt-sessions", attach["policyArn"])
	}

	access := document(t, plantest.Named(t, res, token.IAMPolicy, "test-mgmt-sessions").Props()["policy"])
	assert.Equal(t, []any{
		map[string]any{"Effect": "Allow", "Action": []any{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"},
			"Resource": []any{"arn:aws:logs:us-east-1:123456789012:log-group:test-mgmt-sessions:*"}},
		map[string]any{"Effect": "Allow", "Action": []any{"logs:DescribeLogGroups"}, "Resource": []any{"*"}},
		map[string]any{"Effect": "Allow", "Action": []any{"kms:Decrypt"}, "Resource": []any{"arn:aws:kms:us-east-1:123456789012:test-mgmt-sessions"}},
	}, access["Statement"], "a node decrypts; DescribeLogGroups has no resource-level permissions")
}

func TestSessionKeyLetsTheNodesDecryptAndOperatorsOnlyStartSessions(t *testing.T) {
	for _, protect := range []bool{true, false} {
		args := testManagementArgs()
		args.Settings.Protect = protect
		res, _ := runManagement(t, args, plan.Up)
		key := plantest.Named(t, res, token.KMSKey, "test-mgmt-sessions")
		assert.Equal(t, protect, key.Protect, "protect=%v", protect)
		assert.Equal(t, protect, key.RetainOnDelete, "protect=%v", protect)
		sids := plantest.Statements(t, key.Props()["policy"])
		assert.Equal(t, map[string]any{"AWS": []any{testKeyAdmin}}, sids["KeyAdministration"]["Principal"])
		nodes := sids["NodesDecryptSessions"]
		assert.Equal(t, []any{"kms:Decrypt"}, nodes["Action"])
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"kms:CallerAccount": "123456789012"},
			"ArnLike": map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/test-mgmt-onprem-*",
				"arn:aws:iam::123456789012:role/ecs-hosts-role", "arn:aws:iam::123456789012:role/ecs-anywhere-role"}},
		}, nodes["Condition"], "the SSM agent calls KMS itself")
		ops := sids["OperatorsStartSessions"]
		assert.Equal(t, []any{"kms:GenerateDataKey"}, ops["Action"], "starting a session encrypts; only the nodes decrypt")
		assert.Equal(t, map[string]any{"AWS": []any{"arn:aws:iam::123456789012:root"}}, ops["Principal"])
		assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"])
	}
}

func TestAgentsStayUpdatedAndInventoried(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs(), plan.Up)
	docs := map[any]any{}
	for _, a := range plantest.Every(t, res, token.SSMAssociation, 2) {
		p := a.Props()
		docs[p["name"]] = p["scheduleExpression"]
		assert.Equal(t, []any{map[string]any{"key": "InstanceIds", "values": []any{"*"}}}, p["targets"], "every managed node")
	}
	assert.Equal(t, map[any]any{"AWS-UpdateSSMAgent": "rate(14 days)", "AWS-GatherSoftwareInventory": "rate(1 day)"}, docs)
}

func TestPreviewDeclaresWhatUpDeclaresAndKeepsTheCodesSecret(t *testing.T) {
	up, _ := runManagement(t, testManagementArgs(), plan.Up)
	for _, mode := range plantest.Modes {
		t.Run(mode.String(), func(t *testing.T) {
			res, m := runManagement(t, testManagementArgs(), mode)
			assert.Equal(t, up.CountByType(), res.CountByType())
			id := plantest.Await(t, m.ActivationIDs["onprem-linux"])
			cmd := plantest.Await(t, m.RegistrationCommands["onprem-linux"])
			assert.Equal(t, mode == plan.Up, id.Known, "an activation id is known only once it exists")
			assert.Equal(t, mode == plan.Up, cmd.Known)
			assert.True(t, cmd.Secret, "the command is secret in %s too", mode)
			assert.True(t, plantest.Await(t, m.ActivationCodes["onprem-windows"]).Secret)
			assert.Equal(t, mode == plan.Up, plantest.Await(t, m.PatchWindowID).Known)
		})
	}
}

func TestEveryChildIsParentedToTheManagementAndNamedAfterIt(t *testing.T) {
	res, _ := runManagement(t, testManagementArgs(), plan.Up)
	component := plantest.Named(t, res, ManagementType, "test-mgmt")
	children := 0
	for _, r := range res.Resources {
		if !r.Custom || r.Type == token.AWSProvider {
			continue
		}
		children++
		assert.Equal(t, component.URN, r.Parent, "%s %s", r.Type, r.Name)
		assert.True(t, strings.HasPrefix(r.Name, "test-mgmt-"), "%s is named after its component", r.Name)
	}
	assert.GreaterOrEqual(t, children, 20)
}

func TestNewManagementRefusesMissingArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Management, error) {
		return NewManagement(ctx, "test-mgmt", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybrid: management test-mgmt: args are required")

	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Management, error) {
		return NewManagement(ctx, "test-mgmt", &ManagementArgs{}, opts...)
	})
	require.Error(t, err)
	for _, want := range []string{"hybrid: management test-mgmt: ", "at least one patch baseline is required", "at least one activation is required",
		"the patch window needs a schedule", "the logs key, account id, partition, region and key administrators are required"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestManagementArgsAreCheckedForConsistency(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *ManagementArgs)
		want   string
	}{
		{"an operating system without rules", func(a *ManagementArgs) {
			a.Settings.PatchBaselines["SOLARIS"] = PatchBaseline{ComplianceLevel: patching.High, PatchGroups: []string{"unix"}}
		}, `unknown operating system "SOLARIS"`},
		{"a compliance level AWS does not know", func(a *ManagementArgs) {
			b := a.Settings.PatchBaselines[patching.Windows]
			b.ComplianceLevel = "SEVERE"
			a.Settings.PatchBaselines[patching.Windows] = b
		}, `WINDOWS baseline: unknown compliance level "SEVERE"`},
		{"a patch group in two baselines", func(a *ManagementArgs) {
			b := a.Settings.PatchBaselines[patching.Windows]
			b.PatchGroups = append(b.PatchGroups, "ecs-hosts")
			a.Settings.PatchBaselines[patching.Windows] = b
		}, `WINDOWS baseline: "ecs-hosts" is already in the AMAZON_LINUX_2023 baseline`},
		{"an activation for a group no baseline patches", func(a *ManagementArgs) {
			a.Settings.Activations["legacy"] = Activation{Hosts: []string{"old-01"}, RotationDays: 14}
		}, `activation legacy: "legacy" is in no patch baseline's patchGroups`},
		{"an activation nobody can use", func(a *ManagementArgs) {
			a.Settings.Activations["onprem-windows"] = Activation{RotationDays: 14}
		}, "activation onprem-windows: activation: 0 hosts listed, want 1-1000 (the registration limit is the number of hosts)"},
		{"an activation that never renews", func(a *ManagementArgs) {
			a.Settings.Activations["onprem-windows"] = Activation{Hosts: []string{"win-01"}, RotationDays: 29}
		}, "activation onprem-windows: activation: a rotation of 29 days is outside 1-28"},
		{"a cutoff as long as the window", func(a *ManagementArgs) { a.Settings.PatchWindow.CutoffHours = 4 },
			"patch window cutoff: 4 must be at least 0 and less than durationHours (4)"},
		{"sessions that never end", func(a *ManagementArgs) { a.Settings.SessionIdleTimeoutMinutes = 0 },
			"session idle timeout: 0 is outside 1-60"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := testManagementArgs()
			tc.mutate(args)
			_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Management, error) {
				return NewManagement(ctx, "bad", args, opts...)
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "hybrid: management bad: "+tc.want)
		})
	}
}

func TestPatchBaselineArgsApproveEachFamilysSecurityAndBugFixes(t *testing.T) {
	cases := []struct {
		system   patching.OperatingSystem
		severity string
	}{
		{patching.AmazonLinux2023, "SEVERITY"},
		{patching.AmazonLinux2, "SEVERITY"},
		{patching.RedHatEnterpriseLinux, "SEVERITY"},
		{patching.Windows, "MSRC_SEVERITY"},
	}
	for _, tc := range cases {
		t.Run(string(tc.system), func(t *testing.T) {
			args, err := patchBaselineArgs("mgmt", tc.system, PatchBaseline{ApproveAfterDays: 7, ComplianceLevel: patching.Critical})
			require.NoError(t, err)
			assert.Equal(t, pulumi.String("mgmt-"+string(tc.system)), args.Name)
			assert.Equal(t, pulumi.String(string(tc.system)), args.OperatingSystem)
			assert.Equal(t, pulumi.String("CRITICAL"), args.ApprovedPatchesComplianceLevel)
			rule := args.ApprovalRules.(ssm.PatchBaselineApprovalRuleArray)[0].(ssm.PatchBaselineApprovalRuleArgs)
			assert.Equal(t, pulumi.Int(7), rule.ApproveAfterDays)
			filters := rule.PatchFilters.(ssm.PatchBaselineApprovalRulePatchFilterArray)
			require.Len(t, filters, 2)
			assert.Equal(t, pulumi.String("CLASSIFICATION"), filters[0].(ssm.PatchBaselineApprovalRulePatchFilterArgs).Key)
			assert.Equal(t, pulumi.String(tc.severity), filters[1].(ssm.PatchBaselineApprovalRulePatchFilterArgs).Key)
		})
	}
	_, err := patchBaselineArgs("mgmt", "SOLARIS", PatchBaseline{})
	assert.ErrorContains(t, err, `unknown operating system "SOLARIS"`)
}

func TestActivationArgsCarryTheirExpiryAndTagTheGroup(t *testing.T) {
	expiry := time.Date(2030, time.February, 12, 23, 0, 0, 0, time.UTC)
	args := activationArgs("mgmt", "onprem-linux", Activation{Hosts: testHosts("lnx", 5), RotationDays: 14}, pulumi.String("role"), expiry)
	assert.Equal(t, pulumi.String("2030-02-12T23:00:00Z"), args.ExpirationDate)
	assert.Equal(t, pulumi.Int(5), args.RegistrationLimit, "one registration per listed host")
	assert.Equal(t, pulumi.String("mgmt-onprem-linux"), args.Name)
	assert.Equal(t, pulumi.StringMap{PatchGroupTag: pulumi.String("onprem-linux")}, args.Tags)
}

func TestMaintenanceWindowArgsOpenOnlyForRegisteredTargetsInUTC(t *testing.T) {
	args := maintenanceWindowArgs("mgmt", PatchWindow{Schedule: "rate(7 days)", DurationHours: 3, CutoffHours: 0})
	assert.Equal(t, pulumi.String("mgmt-patch"), args.Name)
	assert.Equal(t, pulumi.String("rate(7 days)"), args.Schedule)
	assert.Equal(t, pulumi.String("UTC"), args.ScheduleTimezone)
	assert.Equal(t, pulumi.Int(3), args.Duration)
	assert.Equal(t, pulumi.Int(0), args.Cutoff)
	assert.Equal(t, pulumi.Bool(false), args.AllowUnassociatedTargets)
}

func TestSessionPreferencesAndAccessNameTheirLogGroupAndKey(t *testing.T) {
	prefs, err := sessionPreferences("mgmt-sessions", "key-1", 20, "")
	require.NoError(t, err)
	var doc struct {
		SessionType string
		Inputs      map[string]any
	}
	require.NoError(t, json.Unmarshal([]byte(prefs), &doc))
	assert.Equal(t, "Standard_Stream", doc.SessionType)
	assert.Equal(t, "mgmt-sessions", doc.Inputs["cloudWatchLogGroupName"])
	assert.Equal(t, true, doc.Inputs["cloudWatchStreamingEnabled"])
	assert.Equal(t, "key-1", doc.Inputs["kmsKeyId"])
	assert.Equal(t, "20", doc.Inputs["idleSessionTimeout"], "Session Manager takes the minutes as a string")

	access, err := sessionAccess("arn:aws:logs:us-east-1:1:log-group:s", "arn:aws:kms:us-east-1:1:key/k")
	require.NoError(t, err)
	var policy struct{ Statement []map[string]any }
	require.NoError(t, json.Unmarshal([]byte(access), &policy))
	require.Len(t, policy.Statement, 3)
	assert.Equal(t, []any{"arn:aws:logs:us-east-1:1:log-group:s:*"}, policy.Statement[0]["Resource"], "a node writes only into the session log group")
	assert.Equal(t, []any{"logs:DescribeLogGroups"}, policy.Statement[1]["Action"])
	assert.Equal(t, []any{"*"}, policy.Statement[1]["Resource"], "DescribeLogGroups takes no narrower resource")
	assert.Equal(t, []any{"kms:Decrypt"}, policy.Statement[2]["Action"], "the starting user generates the data key; the node only decrypts")
	assert.Equal(t, []any{"arn:aws:kms:us-east-1:1:key/k"}, policy.Statement[2]["Resource"], "and uses only the session key")
}

func TestPatchGroupsListEveryBaselinesGroupsByOperatingSystem(t *testing.T) {
	s := testManagementArgs().Settings
	assert.Equal(t, []string{"ecs-hosts", "onprem-linux", "onprem-windows", "onprem-windows-dc"}, s.PatchGroups())
	assert.Empty(t, DefaultManagementSettings().PatchGroups())
	assert.Equal(t, DefaultSessionIdleTimeoutMinutes, DefaultManagementSettings().SessionIdleTimeoutMinutes)
}

// document decodes a JSON policy document.
func document(t *testing.T, v any) map[string]any {
	t.Helper()
	s, ok := v.(string)
	require.True(t, ok, "want a JSON string, got %T", v)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &doc))
	return doc
}

func TestSessionsRunAsTheNamedUserWhenOneIsSet(t *testing.T) {
	var doc struct{ Inputs map[string]any }
	prefs, err := sessionPreferences("g", "k", 20, "")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal([]byte(prefs), &doc))
	assert.Equal(t, false, doc.Inputs["runAsEnabled"], "unset: ssm-user")
	prefs, err = sessionPreferences("g", "k", 20, "opsadmin")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal([]byte(prefs), &doc))
	assert.Equal(t, true, doc.Inputs["runAsEnabled"])
	assert.Equal(t, "opsadmin", doc.Inputs["runAsDefaultUser"])
}

func TestOnPremisesSessionsGetTheAdvancedInstancesTier(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, _ := runManagement(t, testManagementArgs(), mode)
		setting := plantest.Named(t, res, token.SSMServiceSetting, "test-mgmt-advanced-tier").Props()
		assert.Equal(t, "advanced", setting["settingValue"], mode)
		if mode == plan.Up {
			assert.Equal(t, "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/activation-tier", setting["settingId"])
		}
	}
}
