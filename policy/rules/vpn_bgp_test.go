package rules

import "testing"

func TestVpnBGP(t *testing.T) {
	checkRule(t, VpnBGP, vpnConnection, okVpn, []mutation{
		{name: "BGP passes"},
		{name: "static routes fail", set: map[string]any{"staticRoutesOnly": true}, wantFail: "staticRoutesOnly is true"},
	})
}
