package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// EcsNoPrivileged forbids privileged containers: they own the host.
var EcsNoPrivileged = Rule{
	ID: "ecs-no-privileged-containers", Control: "ECS.4", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "No container in a task definition runs privileged (containerDefinitions[].privileged).",
	Types:       []string{"aws:ecs/taskDefinition:TaskDefinition"},
	Resource: func(r Resource, f *Findings) {
		defs, ok := containers(r, f)
		if !ok {
			return
		}
		for _, d := range defs {
			if d.Privileged {
				f.Fail(r, "container %q has privileged = true", d.Name)
			}
		}
	},
}
