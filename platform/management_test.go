package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func TestManagementIsWiredToTheFoundationAndTheClustersNodes(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			res := runStack(t, stack, plan.Up)
			name := stack + "-management"
			for _, group := range []string{name + "-sessions", name + "-patch"} {
				logs := plantest.Named(t, res, token.CloudWatchLogGroup, group).Props()
				assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:"+stack+"-foundation-audit-logs", logs["kmsKeyId"], "%s: the stack's logs key", group)
			}
			// Both stacks run ECS Anywhere: its role and the EC2 hosts' role follow the session preferences.
			for i, role := range []string{stack + "-compute-hosts", stack + "-compute-anywhere"} {
				attach := plantest.Named(t, res, token.IAMRolePolicyAttachment, name+"-sessions-"+string(rune('0'+i))).Props()
				assert.Equal(t, role, attach["role"])
			}
			core := plantest.Named(t, res, token.IAMRolePolicyAttachment, name+"-onprem-ssm-core").Props()
			assert.Equal(t, "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", core["policyArn"], "the partition of us-east-1")

			// Issue 15: the window never reboots a container host without draining it.
			groupsOf := func(target string) any {
				return plantest.Named(t, res, token.SSMMaintenanceWindowTarget, target).Props()["targets"].([]any)[0].(map[string]any)["values"]
			}
			taskOf := func(task string) (map[string]any, map[string]any) {
				p := plantest.Named(t, res, token.SSMMaintenanceWindowTask, task).Props()
				params := map[string]any{}
				run := p["taskInvocationParameters"].(map[string]any)["runCommandParameters"].(map[string]any)
				for _, kv := range run["parameters"].([]any) {
					params[kv.(map[string]any)["name"].(string)] = kv.(map[string]any)["values"].([]any)[0]
				}
				return p, params
			}
			assert.NotContains(t, groupsOf(name+"-patch"), "ecs-hosts", "the EC2 hosts are not patched in place")
			assert.NotContains(t, groupsOf(name+"-patch"), "ecs-anywhere")
			assert.Contains(t, groupsOf(name+"-patch"), "onprem-linux", "other servers are patched as before")

			assert.Equal(t, []any{"ecs-hosts"}, groupsOf(name+"-patch-scan"))
			_, scan := taskOf(name + "-patch-scan")
			assert.Equal(t, map[string]any{"Operation": "Scan", "RebootOption": "NoReboot"}, scan, "the EC2 hosts are only scanned: a new AMI replaces them")

			assert.Equal(t, []any{"ecs-anywhere"}, groupsOf(name+"-patch-drained"))
			task, drained := taskOf(name + "-patch-drained")
			assert.Equal(t, "AWS-RunPatchBaselineWithHooks", task["taskArn"])
			assert.Equal(t, "1", task["maxConcurrency"], "one host at a time")
			assert.Equal(t, "0", task["maxErrors"], "a host that cannot drain stops the window")
			assert.Equal(t, name+"-drain-ecs-host", drained["PreInstallHookDocName"])
			assert.Equal(t, name+"-activate-ecs-host", drained["OnExitHookDocName"])
			drain := plantest.Named(t, res, token.SSMDocument, name+"-drain-ecs-host").Props()
			assert.Contains(t, drain["content"], "--status DRAINING")
			assert.Contains(t, plantest.Named(t, res, token.SSMDocument, name+"-activate-ecs-host").Props()["content"], "--status ACTIVE")
		})
	}
}

func TestBothStacksSwitchOnTheAdvancedInstancesTierForOnPremisesSessions(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			setting := plantest.Named(t, res, token.SSMServiceSetting, stack+"-management-advanced-tier").Props()
			assert.Equal(t, "advanced", setting["settingValue"], "%s %s", stack, mode)
			if mode == plan.Up {
				assert.Equal(t, "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/managed-instance/activation-tier", setting["settingId"], stack)
			}
		}
	}
}
