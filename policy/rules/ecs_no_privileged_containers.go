package rules

// EcsNoPrivileged forbids privileged containers: they own the host.
var EcsNoPrivileged = Rule{
	ID: "ecs-no-privileged-containers", Controls: []string{"ECS.4"}, Severity: High,
	Description: "No container in a task definition runs privileged (containerDefinitions[].privileged).",
	Remediation: "drop privileged; grant the single Linux capability the container needs instead",
	Types:       []string{ecsTaskDefinition},
	Reads:       taskReads,
	Resource: func(r Resource, f *Findings) {
		for _, d := range containers(r, f) {
			if d.Privileged {
				f.Fail(r, "container %q has privileged = true", d.Name)
			}
		}
	},
}
