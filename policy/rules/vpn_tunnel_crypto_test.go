package rules

import "testing"

func TestVpnTunnelCrypto(t *testing.T) {
	strong := map[string]any{}
	for k, v := range okVpn {
		strong[k] = v
	}
	for _, tunnel := range []string{"tunnel1", "tunnel2"} {
		for _, phase := range []string{"Phase1", "Phase2"} {
			strong[tunnel+phase+"EncryptionAlgorithms"] = []any{"AES256-GCM-16", "AES256"}
			strong[tunnel+phase+"IntegrityAlgorithms"] = []any{"SHA2-256", "SHA2-384", "SHA2-512"}
			strong[tunnel+phase+"DhGroupNumbers"] = []any{19, 20, 21}
		}
	}
	checkRule(t, VpnTunnelCrypto, vpnConnection, strong, []mutation{
		{name: "AES-256, SHA-2 and ECP groups pass"},
		{name: "AES128 in phase 1 fails", set: map[string]any{"tunnel1Phase1EncryptionAlgorithms": []any{"AES256", "AES128"}},
			wantFail: `tunnel1Phase1EncryptionAlgorithms is ["AES256", "AES128"]`},
		{name: "SHA1 in phase 2 fails", set: map[string]any{"tunnel2Phase2IntegrityAlgorithms": []any{"SHA1"}},
			wantFail: "tunnel2Phase2IntegrityAlgorithms"},
		{name: "DH group 2 fails", set: map[string]any{"tunnel2Phase1DhGroupNumbers": []any{2, 19}},
			wantFail: "tunnel2Phase1DhGroupNumbers is [2, 19]"},
		{name: "DH group 24 fails", set: map[string]any{"tunnel1Phase2DhGroupNumbers": []any{24}},
			wantFail: "tunnel1Phase2DhGroupNumbers is [24]"},
		{name: "unset proposals fail, since AWS then accepts weak ones", set: map[string]any{"tunnel1Phase1IntegrityAlgorithms": nil},
			wantFail: "tunnel1Phase1IntegrityAlgorithms is unset"},
		{name: "an unknown proposal is reported, not failed", set: map[string]any{"tunnel2Phase2EncryptionAlgorithms": unknown},
			wantUnknown: "tunnel2Phase2EncryptionAlgorithms"},
	})
}
