package rules

import "testing"

func TestLaunchTemplateIMDSv2(t *testing.T) {
	checkRule(t, LaunchTemplateIMDSv2, launchTemplate, okLaunchTemplate, []mutation{
		{name: "required tokens pass"},
		{name: "optional tokens fail", set: map[string]any{"metadataOptions": map[string]any{"httpTokens": "optional"}}, wantFail: `metadataOptions.httpTokens is "optional"`},
		{name: "no metadata options fail", set: map[string]any{"metadataOptions": nil}, wantFail: "metadataOptions.httpTokens is unset"},
	})
}
