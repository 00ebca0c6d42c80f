package rules

// EcsNoHostPID keeps containers out of the host's process namespace, where they could see and signal every
// process of the host.
var EcsNoHostPID = Rule{
	ID: "ecs-no-host-pid", Controls: []string{"ECS.3"}, Severity: High,
	Description: "Task definitions do not set pidMode \"host\".",
	Remediation: "leave pidMode unset (or \"task\")",
	Types:       []string{ecsTaskDefinition},
	Reads:       map[string][]string{ecsTaskDefinition: {"pidMode"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"", "task"}, "", "pidMode")
	},
}
