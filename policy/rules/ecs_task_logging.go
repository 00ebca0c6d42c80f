package rules

// EcsTaskLogging requires every container to ship its output somewhere: without a log driver, what a task
// printed is lost when it stops.
var EcsTaskLogging = Rule{
	ID: "ecs-task-logging", Controls: []string{"ECS.9", "AwsSolutions-ECS7"}, Severity: Medium,
	Description: "Every container of a task definition sets logConfiguration.logDriver.",
	Remediation: "set logConfiguration with logDriver awslogs and the service's log group",
	Types:       []string{ecsTaskDefinition},
	Reads:       taskReads,
	Resource: func(r Resource, f *Findings) {
		for _, d := range containers(r, f) {
			if d.LogConfiguration == nil || d.LogConfiguration.LogDriver == "" {
				f.Fail(r, "container %q has no logConfiguration.logDriver", d.Name)
			}
		}
	},
}
