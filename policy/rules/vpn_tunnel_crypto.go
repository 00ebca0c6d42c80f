package rules

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Tunnel proposals the rule accepts: AES-256, SHA-2, and DH groups of 2048 bits or more (MODP 14-18, ECP
// 19-21). Groups 22-24 have small subgroups and are excluded.
var (
	strongTunnelCiphers    = []string{"AES256", "AES256-GCM-16"}
	strongTunnelIntegrity  = []string{"SHA2-256", "SHA2-384", "SHA2-512"}
	strongTunnelDHGroups   = []float64{14, 15, 16, 17, 18, 19, 20, 21}
	tunnelCryptoProperties = []struct {
		suffix string
		ok     func(property.Value) bool
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
	ID: "vpn-tunnel-crypto", Control: "custom (B34)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Both VPN tunnels set phase 1 and 2 encryption (AES256, AES256-GCM-16), integrity (SHA2-256/384/512) and DH groups (14-21) to strong values only.",
	Types:       []string{vpnConnection},
	Resource: func(r Resource, f *Findings) {
		for _, tunnel := range []string{"tunnel1", "tunnel2"} {
			for _, p := range tunnelCryptoProperties {
				key := tunnel + p.suffix
				v := r.Get(key)
				list, known := items(v)
				switch {
				case !known:
					f.Unknown(r, key)
				case len(list) == 0:
					f.Fail(r, "%s is unset; AWS then also accepts AES128, SHA1 and DH group 2", key)
				case slices.ContainsFunc(list, func(e property.Value) bool { return !p.ok(e) }):
					f.Fail(r, "%s is %s; want only strong values", key, show(v))
				}
			}
		}
	},
}

func oneOfText(allowed []string) func(property.Value) bool {
	return func(v property.Value) bool {
		s, known := text(v)
		return !known || slices.Contains(allowed, s)
	}
}

func oneOfNumber(allowed []float64) func(property.Value) bool {
	return func(v property.Value) bool {
		n, known := number(v, -1)
		return !known || slices.Contains(allowed, n)
	}
}
