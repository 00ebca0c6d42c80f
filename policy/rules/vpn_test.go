package rules

import "testing"

func TestVpnBGP(t *testing.T) {
	checkRule(t, VpnBGP, vpnConnection, inputsOf(t, "prod", vpnConnection, "prod-hybrid-vpn-dc1-edge1"), []mutation{
		{name: "BGP passes"},
		{name: "unset passes", set: map[string]any{"staticRoutesOnly": nil}},
		{name: "static routes fail", set: map[string]any{"staticRoutesOnly": true}, wantFail: "staticRoutesOnly is true; want false"},
		{name: "unknown is re-checked at up", set: map[string]any{"staticRoutesOnly": unknown}, wantUnknown: "staticRoutesOnly"},
	})
}

func TestVpnIKEv2(t *testing.T) {
	checkRule(t, VpnIKEv2, vpnConnection, inputsOf(t, "prod", vpnConnection, "prod-hybrid-vpn-dc1-edge2"), []mutation{
		{name: "ikev2 only passes"},
		{name: "ikev1 beside ikev2 fails", set: map[string]any{"tunnel1IkeVersions": []any{"ikev1", "ikev2"}}, wantFail: `tunnel1IkeVersions is ["ikev1", "ikev2"]`},
		{name: "ikev1 on the second tunnel fails", set: map[string]any{"tunnel2IkeVersions": []any{"ikev1"}}, wantFail: "tunnel2IkeVersions"},
		{name: "unset fails", set: map[string]any{"tunnel2IkeVersions": nil}, wantFail: "tunnel2IkeVersions is unset: AWS then also accepts ikev1"},
		{name: "an unknown list is re-checked at up", set: map[string]any{"tunnel1IkeVersions": unknown}, wantUnknown: "tunnel1IkeVersions"},
		{name: "an unknown element is re-checked at up, not a violation", set: map[string]any{"tunnel1IkeVersions": []any{unknown}}, wantUnknown: "tunnel1IkeVersions"},
		{name: "a known ikev1 beside an unknown element still fails", set: map[string]any{"tunnel1IkeVersions": []any{"ikev1", unknown}}, wantFail: "tunnel1IkeVersions"},
	})
}

func TestVpnTunnelCrypto(t *testing.T) {
	if got := VpnTunnelCrypto.Reads[vpnConnection]; len(got) != 12 || got[0] != "tunnel1Phase1EncryptionAlgorithms" || got[11] != "tunnel2Phase2DhGroupNumbers" {
		t.Errorf("reads %v; want the 12 proposal inputs of both tunnels", got)
	}
	checkRule(t, VpnTunnelCrypto, vpnConnection, inputsOf(t, "prod", vpnConnection, "prod-hybrid-vpn-dc1-edge1"), []mutation{
		{name: "the program's proposals pass"},
		{name: "AES128 fails", set: map[string]any{"tunnel1Phase1EncryptionAlgorithms": []any{"AES256", "AES128"}}, wantFail: `tunnel1Phase1EncryptionAlgorithms is ["AES256", "AES128"]; want only strong values`},
		{name: "phase 2 AES128-GCM fails", set: map[string]any{"tunnel2Phase2EncryptionAlgorithms": []any{"AES128-GCM-16"}}, wantFail: "tunnel2Phase2EncryptionAlgorithms"},
		{name: "SHA1 fails", set: map[string]any{"tunnel1Phase1IntegrityAlgorithms": []any{"SHA1"}}, wantFail: "tunnel1Phase1IntegrityAlgorithms"},
		{name: "phase 2 SHA1 fails", set: map[string]any{"tunnel2Phase2IntegrityAlgorithms": []any{"SHA2-256", "SHA1"}}, wantFail: "tunnel2Phase2IntegrityAlgorithms"},
		{name: "DH group 2 fails", set: map[string]any{"tunnel2Phase1DhGroupNumbers": []any{2}}, wantFail: "tunnel2Phase1DhGroupNumbers is [2]"},
		{name: "DH group 24 fails", set: map[string]any{"tunnel1Phase2DhGroupNumbers": []any{21, 24}}, wantFail: "tunnel1Phase2DhGroupNumbers"},
		{name: "DH group 14 and SHA2-512 pass", set: map[string]any{"tunnel1Phase2DhGroupNumbers": []any{14}, "tunnel1Phase2IntegrityAlgorithms": []any{"SHA2-512"}}},
		{name: "unset fails", set: map[string]any{"tunnel2Phase2DhGroupNumbers": nil}, wantFail: "tunnel2Phase2DhGroupNumbers is unset; AWS then also accepts"},
		{name: "an empty list fails", set: map[string]any{"tunnel1Phase1EncryptionAlgorithms": []any{}}, wantFail: "tunnel1Phase1EncryptionAlgorithms is unset"},
		{name: "an unknown list is re-checked at up", set: map[string]any{"tunnel1Phase1DhGroupNumbers": unknown}, wantUnknown: "tunnel1Phase1DhGroupNumbers"},
		{name: "an unknown element is re-checked at up", set: map[string]any{"tunnel1Phase2EncryptionAlgorithms": []any{"AES256", unknown}}, wantUnknown: "tunnel1Phase2EncryptionAlgorithms"},
		{name: "a weak value beside an unknown one still fails", set: map[string]any{"tunnel1Phase2EncryptionAlgorithms": []any{"AES128", unknown}}, wantFail: "tunnel1Phase2EncryptionAlgorithms"},
		{name: "an unknown element before a strong one is re-checked", set: map[string]any{"tunnel2Phase1IntegrityAlgorithms": []any{unknown, "SHA2-256"}}, wantUnknown: "tunnel2Phase1IntegrityAlgorithms"},
	})
}

func TestVpnTunnelLogging(t *testing.T) {
	checkRule(t, VpnTunnelLogging, vpnConnection, inputsOf(t, "prod", vpnConnection, "prod-hybrid-vpn-dc1-edge1"), []mutation{
		{name: "both tunnels logging passes"},
		{name: "tunnel 1 not logging fails", set: map[string]any{"tunnel1LogOptions.cloudwatchLogOptions.logEnabled": false}, wantFail: "tunnel1LogOptions.cloudwatchLogOptions.logEnabled is false"},
		{name: "tunnel 2 without options fails", set: map[string]any{"tunnel2LogOptions": nil}, wantFail: "tunnel2LogOptions.cloudwatchLogOptions.logEnabled is unset"},
		{name: "logging without a group fails", set: map[string]any{"tunnel2LogOptions.cloudwatchLogOptions.logGroupArn": nil}, wantFail: "tunnel2LogOptions.cloudwatchLogOptions.logGroupArn is unset"},
		{name: "an unknown group is set", set: map[string]any{"tunnel1LogOptions.cloudwatchLogOptions.logGroupArn": unknown}},
		{name: "unknown logging without a group is only re-checked", set: map[string]any{"tunnel1LogOptions.cloudwatchLogOptions.logEnabled": unknown,
			"tunnel1LogOptions.cloudwatchLogOptions.logGroupArn": nil}, wantUnknown: "tunnel1LogOptions"},
		{name: "unknown logging is re-checked at up", set: map[string]any{"tunnel1LogOptions.cloudwatchLogOptions.logEnabled": unknown}, wantUnknown: "tunnel1LogOptions"},
	})
}

func TestDxBGPAuth(t *testing.T) {
	for _, typ := range dxVIFTypes {
		checkRule(t, DxBGPAuth, typ, map[string]any{"bgpAuthKey": secret("k"), "bgpAsn": 65100}, []mutation{
			{name: typ + " with a key passes"},
			{name: typ + " without a key fails", set: map[string]any{"bgpAuthKey": nil}, wantFail: "bgpAuthKey is unset"},
		})
	}
	checkRule(t, DxBGPAuth, dxVIFTypes[0], inputsOf(t, "prod", dxVIFTypes[0], "prod-hybrid-dx-ash-a"), []mutation{{name: "the program's VIF passes"}})
}

func TestSnsTopicKMS(t *testing.T) {
	checkRule(t, SnsTopicKMS, snsTopic, inputsOf(t, "prod", snsTopic, "prod-foundation-operations"), []mutation{
		{name: "encrypted passes"},
		{name: "unencrypted fails", set: map[string]any{"kmsMasterKeyId": nil}, wantFail: "kmsMasterKeyId is unset"},
	})
}

func TestAlarmHasActions(t *testing.T) {
	for _, name := range namesOf(t, metricAlarm) {
		checkRule(t, AlarmHasActions, metricAlarm, inputsOf(t, "prod", metricAlarm, name), []mutation{
			{name: name + " passes"},
			{name: name + " with actions off fails", set: map[string]any{"actionsEnabled": false}, wantFail: "actionsEnabled is false; want true"},
			{name: name + " with actions on passes", set: map[string]any{"actionsEnabled": true}},
			{name: name + " with actionsEnabled unset passes (on by default)", set: map[string]any{"actionsEnabled": nil}},
			{name: name + " without actions fails", set: map[string]any{"alarmActions": []any{}}, wantFail: "alarmActions is empty"},
			{name: name + " unknown actions are re-checked", set: map[string]any{"alarmActions": unknown}, wantUnknown: "alarmActions"},
			{name: name + " unknown enablement is re-checked", set: map[string]any{"actionsEnabled": unknown}, wantUnknown: "actionsEnabled"},
		})
	}
}
