package rules

import "testing"

func TestSubnetPublicIP(t *testing.T) {
	for _, name := range []string{"prod-vpc-public-0", "prod-vpc-app-0", "prod-vpc-data-0"} {
		checkRule(t, SubnetPublicIP, subnet, inputsOf(t, "prod", subnet, name), []mutation{
			{name: name + " as the program declares it passes"},
			{name: name + " unset passes", set: map[string]any{"mapPublicIpOnLaunch": nil}},
			{name: name + " mapping public IPs fails, the public tier too", set: map[string]any{"mapPublicIpOnLaunch": true}, wantFail: "mapPublicIpOnLaunch is true; want false"},
			{name: name + " unknown is re-checked at up", set: map[string]any{"mapPublicIpOnLaunch": unknown}, wantUnknown: "mapPublicIpOnLaunch"},
		})
	}
}
