package rules

import "testing"

func TestLaunchTemplateEncryptedVolumes(t *testing.T) {
	checkRule(t, LaunchTemplateEncryptedVolumes, launchTemplate, okLaunchTemplate, []mutation{
		{name: "an encrypted root volume passes"},
		{name: "an unencrypted volume fails", set: map[string]any{"blockDeviceMappings": []any{map[string]any{"ebs": map[string]any{"encrypted": "false"}}}},
			wantFail: `blockDeviceMappings[0].ebs.encrypted is "false"`},
		{name: "no mapping fails", set: map[string]any{"blockDeviceMappings": nil}, wantFail: "blockDeviceMappings is empty"},
	})
}
