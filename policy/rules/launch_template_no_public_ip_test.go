package rules

import "testing"

func TestLaunchTemplateNoPublicIP(t *testing.T) {
	checkRule(t, LaunchTemplateNoPublicIP, launchTemplate, okLaunchTemplate, []mutation{
		{name: "no public IP passes"},
		{name: "a public IP fails", set: map[string]any{"networkInterfaces": []any{map[string]any{"associatePublicIpAddress": "true"}}},
			wantFail: `networkInterfaces[0].associatePublicIpAddress is "true"; want false`},
	})
}
