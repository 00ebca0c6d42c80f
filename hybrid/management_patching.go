package hybrid

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/hybrid/patching"
)

// patchBaselineArgs is system's baseline: it approves the system's security and bug fixes
// (patching.OperatingSystem.ApprovalFilters) ApproveAfterDays after release.
func patchBaselineArgs(name string, system patching.OperatingSystem, b PatchBaseline) (*ssm.PatchBaselineArgs, error) {
	approve, err := system.ApprovalFilters()
	if err != nil {
		return nil, err
	}
	var filters ssm.PatchBaselineApprovalRulePatchFilterArray
	for _, f := range approve {
		filters = append(filters, ssm.PatchBaselineApprovalRulePatchFilterArgs{
			Key:    pulumi.String(f.Key),
			Values: pulumi.ToStringArray(f.Values),
		})
	}
	return &ssm.PatchBaselineArgs{
		Name:            pulumi.String(name + "-" + string(system)),
		Description:     pulumi.String("Security and bug fixes, Critical and Important"),
		OperatingSystem: pulumi.String(string(system)),
		ApprovalRules: ssm.PatchBaselineApprovalRuleArray{ssm.PatchBaselineApprovalRuleArgs{
			ApproveAfterDays: pulumi.Int(b.ApproveAfterDays),
			ComplianceLevel:  pulumi.String(string(b.ComplianceLevel)),
			PatchFilters:     filters,
		}},
		ApprovedPatchesComplianceLevel: pulumi.String(string(b.ComplianceLevel)),
	}, nil
}

// maintenanceWindowArgs is the weekly (or rate) window in which patches are installed, in UTC. It opens
// only for registered targets.
func maintenanceWindowArgs(name string, w PatchWindow) *ssm.MaintenanceWindowArgs {
	return &ssm.MaintenanceWindowArgs{
		Name:                     pulumi.String(name + "-patch"),
		Schedule:                 pulumi.String(w.Schedule),
		ScheduleTimezone:         pulumi.String("UTC"),
		Duration:                 pulumi.Int(w.DurationHours),
		Cutoff:                   pulumi.Int(w.CutoffHours),
		AllowUnassociatedTargets: pulumi.Bool(false),
	}
}

// windowTargetArgs targets every node tagged into one of groups: one target by tag covers EC2 instances
// and on-premises managed nodes (mi-...) alike.
func windowTargetArgs(name string, windowID pulumi.StringInput, groups []string) *ssm.MaintenanceWindowTargetArgs {
	return &ssm.MaintenanceWindowTargetArgs{
		WindowId:     windowID,
		Name:         pulumi.String(name + "-patch-groups"),
		ResourceType: pulumi.String("INSTANCE"),
		Targets: ssm.MaintenanceWindowTargetTargetArray{ssm.MaintenanceWindowTargetTargetArgs{
			Key:    pulumi.String("tag:" + PatchGroupTag),
			Values: pulumi.ToStringArray(groups),
		}},
	}
}

// patchTaskArgs runs AWS-RunPatchBaseline on the window's target: install, reboot if a patch needs it, a
// quarter of the nodes at a time, stopping at 10% errors; the command output goes to logGroupName.
func patchTaskArgs(name string, windowID, targetID, logGroupName pulumi.StringInput) *ssm.MaintenanceWindowTaskArgs {
	type parameter = ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs
	return &ssm.MaintenanceWindowTaskArgs{
		WindowId:       windowID,
		Name:           pulumi.String(name + "-install-patches"),
		TaskType:       pulumi.String("RUN_COMMAND"),
		TaskArn:        pulumi.String("AWS-RunPatchBaseline"),
		Priority:       pulumi.Int(1),
		MaxConcurrency: pulumi.String("25%"),
		MaxErrors:      pulumi.String("10%"),
		CutoffBehavior: pulumi.String("CONTINUE_TASK"),
		Targets: ssm.MaintenanceWindowTaskTargetArray{ssm.MaintenanceWindowTaskTargetArgs{
			Key:    pulumi.String("WindowTargetIds"),
			Values: pulumi.StringArray{targetID},
		}},
		TaskInvocationParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersArgs{
			RunCommandParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersArgs{
				Parameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArray{
					parameter{Name: pulumi.String("Operation"), Values: pulumi.ToStringArray([]string{"Install"})},
					parameter{Name: pulumi.String("RebootOption"), Values: pulumi.ToStringArray([]string{"RebootIfNeeded"})},
				},
				CloudwatchConfig: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersCloudwatchConfigArgs{
					CloudwatchLogGroupName:  logGroupName,
					CloudwatchOutputEnabled: pulumi.Bool(true),
				},
			},
		},
	}
}

// declarePatching declares a baseline per operating system with its patch groups, and a window that
// installs patches on every node of those groups, in AWS or on premises.
func (m *Management) declarePatching(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) error {
	s := args.Settings
	if err := declareBaselines(ctx, name, s.PatchBaselines, parent); err != nil {
		return err
	}
	window, err := ssm.NewMaintenanceWindow(ctx, name+"-patch", maintenanceWindowArgs(name, s.PatchWindow), parent)
	if err != nil {
		return err
	}
	m.PatchWindowID = window.ID()
	target, err := ssm.NewMaintenanceWindowTarget(ctx, name+"-patch", windowTargetArgs(name, window.ID(), s.PatchGroups()), parent)
	if err != nil {
		return err
	}
	logs, err := managementLogGroup(ctx, name+"-patch", args, parent)
	if err != nil {
		return err
	}
	_, err = ssm.NewMaintenanceWindowTask(ctx, name+"-patch", patchTaskArgs(name, window.ID(), target.ID(), logs.Name), parent)
	return err
}

// declareBaselines declares each operating system's baseline, named after the system, and registers its
// patch groups with it, each named after its group.
func declareBaselines(ctx *pulumi.Context, name string, baselines map[patching.OperatingSystem]PatchBaseline, parent pulumi.ResourceOption) error {
	for _, system := range slices.Sorted(maps.Keys(baselines)) {
		b := baselines[system]
		baselineArgs, err := patchBaselineArgs(name, system, b)
		if err != nil {
			return err
		}
		baseline, err := ssm.NewPatchBaseline(ctx, name+"-"+string(system), baselineArgs, parent)
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
		}
	}
	return nil
}
