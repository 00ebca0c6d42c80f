package rules

import "slices"

// VpnIKEv2 requires IKEv2 only on both tunnels: IKEv1 is weaker and slower to recover.
var VpnIKEv2 = Rule{
	ID: "vpn-ikev2-only", Controls: []string{"B34"}, Severity: Medium,
	Description: "Both VPN tunnels allow IKE version ikev2 only (tunnel1IkeVersions, tunnel2IkeVersions); an unknown version at preview is re-checked at up.",
	Remediation: "set tunnel1IkeVersions and tunnel2IkeVersions to [\"ikev2\"]",
	Types:       []string{vpnConnection},
	Reads:       map[string][]string{vpnConnection: {"tunnel1IkeVersions", "tunnel2IkeVersions"}},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"tunnel1IkeVersions", "tunnel2IkeVersions"} {
			v := r.Get(k)
			versions, known := texts(v)
			switch {
			case slices.ContainsFunc(versions, func(s string) bool { return s != "ikev2" }):
				f.Fail(r, "%s is %s; want [\"ikev2\"]", k, show(v))
			case !known:
				f.Unknown(r, k)
			case len(versions) == 0:
				f.Fail(r, "%s is unset: AWS then also accepts ikev1; want [\"ikev2\"]", k)
			}
		}
	},
}
