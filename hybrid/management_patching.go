package hybrid

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// patchFilters are the patches each operating system's baseline approves: security and bug fixes of the
// two highest severities. Each OS family names its classifications and severities differently.
var patchFilters = map[string]map[string][]string{
	"AMAZON_LINUX_2023":       {"CLASSIFICATION": {"Security", "Bugfix"}, "SEVERITY": {"Critical", "Important"}},
	"AMAZON_LINUX_2":          {"CLASSIFICATION": {"Security", "Bugfix"}, "SEVERITY": {"Critical", "Important"}},
	"REDHAT_ENTERPRISE_LINUX": {"CLASSIFICATION": {"Security", "Bugfix"}, "SEVERITY": {"Critical", "Important"}},
	"WINDOWS":                 {"CLASSIFICATION": {"CriticalUpdates", "SecurityUpdates"}, "MSRC_SEVERITY": {"Critical", "Important"}},
}

// patching declares a baseline per operating system with its patch groups, and a window that installs
// patches on every node of those groups, in AWS or on premises.
func (m *Management) patching(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) error {
	var groups []string
	for _, b := range args.PatchBaselines {
		var filters ssm.PatchBaselineApprovalRulePatchFilterArray
		for _, key := range slices.Sorted(maps.Keys(patchFilters[b.OperatingSystem])) {
			filters = append(filters, ssm.PatchBaselineApprovalRulePatchFilterArgs{
				Key:    pulumi.String(key),
				Values: pulumi.ToStringArray(patchFilters[b.OperatingSystem][key]),
			})
		}
		baseline, err := ssm.NewPatchBaseline(ctx, name+"-"+b.OperatingSystem, &ssm.PatchBaselineArgs{
			Name:            pulumi.String(name + "-" + b.OperatingSystem),
			Description:     pulumi.String("Security and bug fixes, Critical and Important"),
			OperatingSystem: pulumi.String(b.OperatingSystem),
			ApprovalRules: ssm.PatchBaselineApprovalRuleArray{ssm.PatchBaselineApprovalRuleArgs{
				ApproveAfterDays: pulumi.Int(b.ApproveAfterDays),
				ComplianceLevel:  pulumi.String(b.ComplianceLevel),
				PatchFilters:     filters,
			}},
			ApprovedPatchesComplianceLevel: pulumi.String(b.ComplianceLevel),
		}, parent)
		if err != nil {
			return err
		}
		for _, g := range b.PatchGroups {
			if _, err := ssm.NewPatchGroup(ctx, name+"-"+g, &ssm.PatchGroupArgs{
				BaselineId: baseline.ID(),
				PatchGroup: pulumi.String(g),
			}, parent); err != nil {
				return err
			}
			groups = append(groups, g)
		}
	}

	window, err := ssm.NewMaintenanceWindow(ctx, name+"-patch", &ssm.MaintenanceWindowArgs{
		Name:                     pulumi.String(name + "-patch"),
		Schedule:                 pulumi.String(args.PatchSchedule),
		ScheduleTimezone:         pulumi.String("UTC"),
		Duration:                 pulumi.Int(args.PatchDurationHours),
		Cutoff:                   pulumi.Int(args.PatchCutoffHours),
		AllowUnassociatedTargets: pulumi.Bool(false),
	}, parent)
	if err != nil {
		return err
	}
	m.PatchWindowID = window.ID()
	// One target by tag covers EC2 instances and on-premises managed nodes (mi-...) alike.
	target, err := ssm.NewMaintenanceWindowTarget(ctx, name+"-patch", &ssm.MaintenanceWindowTargetArgs{
		WindowId:     window.ID(),
		Name:         pulumi.String(name + "-patch-groups"),
		ResourceType: pulumi.String("INSTANCE"),
		Targets: ssm.MaintenanceWindowTargetTargetArray{ssm.MaintenanceWindowTargetTargetArgs{
			Key:    pulumi.String("tag:" + PatchGroupTag),
			Values: pulumi.ToStringArray(groups),
		}},
	}, parent)
	if err != nil {
		return err
	}
	logs, err := logGroup(ctx, name+"-patch", args, parent)
	if err != nil {
		return err
	}
	_, err = ssm.NewMaintenanceWindowTask(ctx, name+"-patch", &ssm.MaintenanceWindowTaskArgs{
		WindowId:       window.ID(),
		Name:           pulumi.String(name + "-install-patches"),
		TaskType:       pulumi.String("RUN_COMMAND"),
		TaskArn:        pulumi.String("AWS-RunPatchBaseline"),
		Priority:       pulumi.Int(1),
		MaxConcurrency: pulumi.String("25%"),
		MaxErrors:      pulumi.String("10%"),
		CutoffBehavior: pulumi.String("CONTINUE_TASK"),
		Targets: ssm.MaintenanceWindowTaskTargetArray{ssm.MaintenanceWindowTaskTargetArgs{
			Key:    pulumi.String("WindowTargetIds"),
			Values: pulumi.StringArray{target.ID()},
		}},
		TaskInvocationParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersArgs{
			RunCommandParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersArgs{
				Parameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArray{
					ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs{
						Name: pulumi.String("Operation"), Values: pulumi.ToStringArray([]string{"Install"}),
					},
					ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs{
						Name: pulumi.String("RebootOption"), Values: pulumi.ToStringArray([]string{"RebootIfNeeded"}),
					},
				},
				CloudwatchConfig: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersCloudwatchConfigArgs{
					CloudwatchLogGroupName:  logs.Name,
					CloudwatchOutputEnabled: pulumi.Bool(true),
				},
			},
		},
	}, parent)
	return err
}
