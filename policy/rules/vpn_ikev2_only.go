package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// VpnIKEv2 requires IKEv2 only on both tunnels: IKEv1 is weaker and slower to recover.
var VpnIKEv2 = Rule{
	ID: "vpn-ikev2-only", Control: "custom (B34)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Both VPN tunnels allow IKE version ikev2 only (tunnel1IkeVersions, tunnel2IkeVersions).",
	Types:       []string{vpnConnection},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"tunnel1IkeVersions", "tunnel2IkeVersions"} {
			v := r.Get(k)
			versions, known := items(v)
			if !known {
				f.Unknown(r, k)
				continue
			}
			only := len(versions) == 1
			if only {
				s, _ := text(versions[0])
				only = s == "ikev2"
			}
			if !only {
				f.Fail(r, "%s is %s; want [\"ikev2\"]", k, show(v))
			}
		}
	},
}
