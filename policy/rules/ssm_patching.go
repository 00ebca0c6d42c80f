package rules

import "slices"

// runPatchBaseline is the SSM document that scans for and installs patches.
const runPatchBaseline = "AWS-RunPatchBaseline"

// SsmPatching makes a stack that runs or registers hosts also patch them: a patch baseline and a task that
// installs from it on a schedule.
var SsmPatching = Rule{
	ID: "ssm-patching", Controls: []string{"SSM.2"}, Severity: Medium,
	Description: "A stack with hosts (a launch template or an SSM activation) declares a patch baseline and installs patches: a maintenance window task or an association running AWS-RunPatchBaseline with Operation Install.",
	Remediation: "declare patch baselines per OS and a maintenance window task running AWS-RunPatchBaseline with Operation Install on the hosts' patch groups",
	Exceptions:  []string{"Whether the hosts are patch-compliant is run-time state (the catalogue marks SSM.2 partly static)."},
	Reads: map[string][]string{ssmPatchBaseline: {}, launchTemplate: {}, ssmActivation: {}, ssmWindowTask: {"taskArn", "taskInvocationParameters.runCommandParameters.parameters[].name",
		"taskInvocationParameters.runCommandParameters.parameters[].values"}, ssmAssociation: {"name", "parameters.Operation"}},
	Stack: func(rs []Resource, f *Findings) {
		hosts := ofType(rs, launchTemplate, ssmActivation)
		if len(hosts) == 0 {
			return
		}
		if len(ofType(rs, ssmPatchBaseline)) == 0 {
			f.Fail(hosts[0], "the stack runs hosts but declares no %s", ssmPatchBaseline)
		}
		installs, pending := false, false
		for _, t := range ofType(rs, ssmWindowTask) {
			doc, known := text(t.Get("taskArn"))
			pending = pending || !known
			if doc != runPatchBaseline {
				continue
			}
			params, _ := items(t.Get("taskInvocationParameters", "runCommandParameters", "parameters"))
			for _, p := range params {
				name, _ := text(walk(p, "name"))
				values, _ := texts(walk(p, "values"))
				installs = installs || name == "Operation" && slices.Contains(values, "Install")
			}
		}
		for _, a := range ofType(rs, ssmAssociation) {
			doc, known := text(a.Get("name"))
			op, _ := text(a.Get("parameters", "Operation"))
			pending = pending || !known
			installs = installs || doc == runPatchBaseline && op == "Install"
		}
		switch {
		case installs:
		case pending:
			f.Unknown(hosts[0], "the documents of the stack's maintenance window tasks and associations")
		default:
			f.Fail(hosts[0], "the stack runs hosts but nothing runs %s with Operation Install", runPatchBaseline)
		}
	},
}
