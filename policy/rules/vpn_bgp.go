package rules

// VpnBGP requires dynamic (BGP) routing, so a tunnel failing moves traffic to the other tunnel.
var VpnBGP = Rule{
	ID: "vpn-bgp", Controls: []string{"custom"}, Severity: Medium,
	Description: "Site-to-Site VPN connections use BGP (staticRoutesOnly false or unset).",
	Remediation: "set staticRoutesOnly to false and peer with BGP",
	Types:       []string{vpnConnection},
	Reads:       map[string][]string{vpnConnection: {"staticRoutesOnly"}},
	Resource:    func(r Resource, f *Findings) { forbidTrue(r, f, "staticRoutesOnly") },
}
