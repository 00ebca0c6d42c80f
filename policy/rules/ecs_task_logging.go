package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// EcsTaskLogging requires every container to ship its output somewhere: without a log driver, what a task
// printed is lost when it stops.
var EcsTaskLogging = Rule{
	ID: "ecs-task-logging", Control: "ECS.9", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every container of a task definition sets logConfiguration.logDriver.",
	Types:       []string{"aws:ecs/taskDefinition:TaskDefinition"},
	Resource: func(r Resource, f *Findings) {
		defs, ok := containers(r, f)
		if !ok {
			return
		}
		for _, d := range defs {
			if d.LogConfiguration == nil || d.LogConfiguration.LogDriver == "" {
				f.Fail(r, "container %q has no logConfiguration.logDriver", d.Name)
			}
		}
	},
}
