package rules

import "testing"

func TestSubnetPublicIP(t *testing.T) {
	ok := map[string]any{"mapPublicIpOnLaunch": false, "tags": map[string]any{"Tier": "app"}}
	checkRule(t, SubnetPublicIP, "aws:ec2/subnet:Subnet", ok, []mutation{
		{name: "a private app subnet passes"},
		{name: "an unset flag passes", set: map[string]any{"mapPublicIpOnLaunch": nil}},
		{name: "a public-tier subnet may map public IPs", set: map[string]any{"mapPublicIpOnLaunch": true, "tags": map[string]any{"Tier": "public"}}},
		{name: "an app subnet mapping public IPs fails", set: map[string]any{"mapPublicIpOnLaunch": true}, wantFail: `mapPublicIpOnLaunch is true on tier "app"`},
		{name: "an unknown flag is reported, not failed", set: map[string]any{"mapPublicIpOnLaunch": unknown}, wantUnknown: "mapPublicIpOnLaunch is unknown"},
	})
}
