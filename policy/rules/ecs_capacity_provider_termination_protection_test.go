package rules

import "testing"

func TestEcsCapacityProviderTerminationProtection(t *testing.T) {
	ok := map[string]any{"autoScalingGroupProvider": map[string]any{"autoScalingGroupArn": unknown, "managedTerminationProtection": "ENABLED"}}
	checkRule(t, EcsCapacityProviderTerminationProtection, "aws:ecs/capacityProvider:CapacityProvider", ok, []mutation{
		{name: "enabled passes"},
		{name: "disabled fails", set: map[string]any{"autoScalingGroupProvider": map[string]any{"managedTerminationProtection": "DISABLED"}},
			wantFail: `managedTerminationProtection is "DISABLED"; want "ENABLED"`},
	})
}
