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
			role := plantest.Named(t, res, token.IAMRole, name+"-onprem").Props()
			assert.Contains(t, role["managedPolicyArns"], "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "the partition of us-east-1")

			// The cluster's hosts join groups the patch window targets.
			target := plantest.Named(t, res, token.SSMMaintenanceWindowTarget, name+"-patch").Props()
			groups := target["targets"].([]any)[0].(map[string]any)["values"]
			assert.Contains(t, groups, "ecs-hosts", "the EC2 hosts' patch group")
			assert.Contains(t, groups, "onprem-linux", "the ECS Anywhere hosts' patch group")
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
