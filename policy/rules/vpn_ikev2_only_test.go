package rules

import "testing"

func TestVpnIKEv2(t *testing.T) {
	checkRule(t, VpnIKEv2, vpnConnection, okVpn, []mutation{
		{name: "ikev2 only passes"},
		{name: "ikev1 allowed fails", set: map[string]any{"tunnel2IkeVersions": []any{"ikev1", "ikev2"}}, wantFail: `tunnel2IkeVersions is ["ikev1", "ikev2"]; want ["ikev2"]`},
		{name: "unset versions fail: AWS allows both", set: map[string]any{"tunnel1IkeVersions": nil}, wantFail: "tunnel1IkeVersions is unset"},
	})
}
