package rules

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Tunnel proposals the rule accepts: AES-256, SHA-2, and DH groups of 2048 bits or more (MODP 14-18, ECP
// 19-21). Groups 22-24 have small subgroups and are excluded.
var (
	strongTunnelCiphers    = []string{"AES256", "AES256-GCM-16"}
	strongTunnelIntegrity  = []string{"SHA2-256", "SHA2-384", "SHA2-512"}
	strongTunnelDHGroups   = []float64{14, 15, 16, 17, 18, 19, 20, 21}
	tunnelCryptoProperties = []struct {
		suffix string
		strong func(property.Value) (ok, known bool)
	}{
		{"Phase1EncryptionAlgorithms", oneOfText(strongTunnelCiphers)},
		{"Phase2EncryptionAlgorithms", oneOfText(strongTunnelCiphers)},
		{"Phase1IntegrityAlgorithms", oneOfText(strongTunnelIntegrity)},
		{"Phase2IntegrityAlgorithms", oneOfText(strongTunnelIntegrity)},
		{"Phase1DhGroupNumbers", oneOfNumber(strongTunnelDHGroups)},
		{"Phase2DhGroupNumbers", oneOfNumber(strongTunnelDHGroups)},
	}
)

// VpnTunnelCrypto requires both tunnels to restrict their IKE and IPsec proposals to strong ones: left
// unset, AWS also accepts AES128, SHA1 and DH group 2, and the router may negotiate down to them.
var VpnTunnelCrypto = Rule{
	ID: "vpn-tunnel-crypto", Controls: []string{"B34"}, Severity: Medium,
	Description: "Both VPN tunnels set phase 1 and 2 encryption (AES256, AES256-GCM-16), integrity (SHA2-256/384/512) and DH groups (14-21) to strong values only.",
	Remediation: "list only AES256/AES256-GCM-16, SHA2-256/384/512 and DH groups 14-21 in every tunnel proposal",
	Types:       []string{vpnConnection},
	Reads: map[string][]string{vpnConnection: func() []string {
		var out []string
		for _, tunnel := range []string{"tunnel1", "tunnel2"} {
			for _, p := range tunnelCryptoProperties {
				out = append(out, tunnel+p.suffix)
			}
		}
		return out
	}()},
	Resource: func(r Resource, f *Findings) {
		for _, tunnel := range []string{"tunnel1", "tunnel2"} {
			for _, p := range tunnelCryptoProperties {
				key := tunnel + p.suffix
				v := r.Get(key)
				list, known := items(v)
				weak, pending := false, !known
				for _, e := range list {
					ok, known := p.strong(e)
					weak = weak || known && !ok
					pending = pending || !known
				}
				switch {
				case weak:
					f.Fail(r, "%s is %s; want only strong values", key, show(v))
				case pending:
					f.Unknown(r, key)
				case len(list) == 0:
					f.Fail(r, "%s is unset; AWS then also accepts AES128, SHA1 and DH group 2", key)
				}
			}
		}
	},
}

func oneOfText(allowed []string) func(property.Value) (bool, bool) {
	return func(v property.Value) (bool, bool) {
		s, known := text(v)
		return slices.Contains(allowed, s), known
	}
}

func oneOfNumber(allowed []float64) func(property.Value) (bool, bool) {
	return func(v property.Value) (bool, bool) {
		n, known := number(v, -1)
		return slices.Contains(allowed, n), known
	}
}
