package rules

// EcsCapacityProviderTerminationProtection stops a scale-in from terminating hosts that still run tasks.
var EcsCapacityProviderTerminationProtection = Rule{
	ID: "ecs-capacity-provider-termination-protection", Controls: []string{"ECS.19"}, Severity: Medium,
	Description: "ECS capacity providers enable managed termination protection (autoScalingGroupProvider.managedTerminationProtection = \"ENABLED\").",
	Remediation: "set managedTerminationProtection \"ENABLED\" with managed scaling, and protectFromScaleIn on the Auto Scaling group",
	Types:       []string{ecsCapacityProvider},
	Reads:       map[string][]string{ecsCapacityProvider: {"autoScalingGroupProvider.managedTerminationProtection"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"ENABLED"}, "", "autoScalingGroupProvider", "managedTerminationProtection")
	},
}
