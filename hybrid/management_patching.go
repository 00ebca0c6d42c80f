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
		Name:         pulumi.String(name + "-groups"),
		ResourceType: pulumi.String("INSTANCE"),
		Targets: ssm.MaintenanceWindowTargetTargetArray{ssm.MaintenanceWindowTargetTargetArgs{
			Key:    pulumi.String("tag:" + PatchGroupTag),
			Values: pulumi.ToStringArray(groups),
		}},
	}
}

// patchTask is one way the window patches its targets.
type patchTask struct {
	// document runs on each node; parameters are its parameters.
	document   string
	parameters map[string]string
	// maxConcurrency and maxErrors bound how many nodes it runs on at once, and when it stops.
	maxConcurrency, maxErrors string
}

// Patch tasks of the window.
var (
	// installTask patches ordinary servers: install, reboot if a patch needs it, a quarter of the nodes at a
	// time, stopping at 10% errors.
	installTask = patchTask{document: "AWS-RunPatchBaseline", maxConcurrency: "25%", maxErrors: "10%",
		parameters: map[string]string{"Operation": "Install", "RebootOption": "RebootIfNeeded"}}
	// scanTask only reports the compliance of hosts replaced rather than patched: no install, no reboot.
	scanTask = patchTask{document: "AWS-RunPatchBaseline", maxConcurrency: "25%", maxErrors: "10%",
		parameters: map[string]string{"Operation": "Scan", "RebootOption": "NoReboot"}}
)

// drainTask patches ECS Anywhere hosts one at a time with AWS-RunPatchBaselineWithHooks (SSM Agent 3.0.502
// or later): the pre-install hook drains the host's container instance (ECS moves its tasks within the
// services' deployment limits), the on-exit hook, after the reboot, makes it ACTIVE again. The first failure
// stops the window, so a host that cannot drain is never rebooted and no second host is taken.
func drainTask(drainDocument, activateDocument string) patchTask {
	return patchTask{document: "AWS-RunPatchBaselineWithHooks", maxConcurrency: "1", maxErrors: "0",
		parameters: map[string]string{"Operation": "Install", "RebootOption": "RebootIfNeeded",
			"PreInstallHookDocName": drainDocument, "OnExitHookDocName": activateDocument}}
}

// patchTaskArgs runs task on the window's target; the command output goes to logGroupName.
func patchTaskArgs(name string, task patchTask, windowID, targetID, logGroupName pulumi.StringInput) *ssm.MaintenanceWindowTaskArgs {
	type parameter = ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArgs
	var parameters ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersParameterArray
	for _, k := range slices.Sorted(maps.Keys(task.parameters)) {
		parameters = append(parameters, parameter{Name: pulumi.String(k), Values: pulumi.ToStringArray([]string{task.parameters[k]})})
	}
	return &ssm.MaintenanceWindowTaskArgs{
		WindowId:       windowID,
		Name:           pulumi.String(name),
		TaskType:       pulumi.String("RUN_COMMAND"),
		TaskArn:        pulumi.String(task.document),
		Priority:       pulumi.Int(1),
		MaxConcurrency: pulumi.String(task.maxConcurrency),
		MaxErrors:      pulumi.String(task.maxErrors),
		CutoffBehavior: pulumi.String("CONTINUE_TASK"),
		Targets: ssm.MaintenanceWindowTaskTargetArray{ssm.MaintenanceWindowTaskTargetArgs{
			Key:    pulumi.String("WindowTargetIds"),
			Values: pulumi.StringArray{targetID},
		}},
		TaskInvocationParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersArgs{
			RunCommandParameters: ssm.MaintenanceWindowTaskTaskInvocationParametersRunCommandParametersArgs{
				Parameters: parameters,
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
	logs, err := managementLogGroup(ctx, name+"-patch", args, parent)
	if err != nil {
		return err
	}
	ordinary, refreshed, drained := patchGroupsByHandling(s.PatchGroups(), args.RefreshedPatchGroups, args.DrainedPatchGroups)
	tasks := []struct {
		resource, task string
		groups         []string
		how            func() (patchTask, error)
	}{
		// The first keeps the names it had before hosts were told apart.
		{name + "-patch", name + "-install-patches", ordinary, func() (patchTask, error) { return installTask, nil }},
		{name + "-patch-scan", name + "-scan-refreshed-hosts", refreshed, func() (patchTask, error) { return scanTask, nil }},
		{name + "-patch-drained", name + "-patch-drained-hosts", drained, func() (patchTask, error) {
			drain, activate, err := declareHookDocuments(ctx, name, parent)
			if err != nil {
				return patchTask{}, err
			}
			return drainTask(drain, activate), nil
		}},
	}
	for _, t := range tasks {
		if len(t.groups) == 0 {
			continue
		}
		task, err := t.how()
		if err != nil {
			return err
		}
		target, err := ssm.NewMaintenanceWindowTarget(ctx, t.resource, windowTargetArgs(t.resource, window.ID(), t.groups), parent)
		if err != nil {
			return err
		}
		if _, err := ssm.NewMaintenanceWindowTask(ctx, t.resource, patchTaskArgs(t.task, task, window.ID(), target.ID(), logs.Name), parent); err != nil {
			return err
		}
	}
	return nil
}

// patchGroupsByHandling splits the baselines' groups into those patched in place, those only scanned
// (replaced hosts) and those drained first (ECS Anywhere hosts).
func patchGroupsByHandling(all, refreshed, drained []string) (ordinary, scanned, drainedOut []string) {
	for _, g := range all {
		switch {
		case slices.Contains(drained, g):
			drainedOut = append(drainedOut, g)
		case slices.Contains(refreshed, g):
			scanned = append(scanned, g)
		default:
			ordinary = append(ordinary, g)
		}
	}
	return ordinary, scanned, drainedOut
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
