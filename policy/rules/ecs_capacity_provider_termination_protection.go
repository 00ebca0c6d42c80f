package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// EcsCapacityProviderTerminationProtection stops a scale-in from terminating hosts that still run tasks.
var EcsCapacityProviderTerminationProtection = Rule{
	ID: "ecs-capacity-provider-termination-protection", Control: "ECS.19", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECS capacity providers enable managed termination protection (autoScalingGroupProvider.managedTerminationProtection = \"ENABLED\").",
	Types:       []string{"aws:ecs/capacityProvider:CapacityProvider"},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("autoScalingGroupProvider", "managedTerminationProtection")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "autoScalingGroupProvider.managedTerminationProtection")
		case s != "ENABLED":
			f.Fail(r, "autoScalingGroupProvider.managedTerminationProtection is %s; want \"ENABLED\"", show(v))
		}
	},
}
