package rules

import "testing"

func TestEcrScanOnPush(t *testing.T) {
	checkRule(t, EcrScanOnPush, ecrRepository, okEcr, []mutation{
		{name: "scan on push passes"},
		{name: "no scanning fails", set: map[string]any{"imageScanningConfiguration": nil}, wantFail: "imageScanningConfiguration.scanOnPush is unset"},
	})
}
