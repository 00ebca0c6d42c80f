package rules

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

func TestDxBGPAuth(t *testing.T) {
	checkRule(t, DxBGPAuth, "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
		map[string]any{"bgpAuthKey": resource.MakeSecret(resource.NewStringProperty("k"))}, []mutation{
			{name: "a secret key passes"},
			{name: "no key fails", set: map[string]any{"bgpAuthKey": nil}, wantFail: "bgpAuthKey is unset"},
		})
}
