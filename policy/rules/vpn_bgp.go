package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// VpnBGP requires dynamic (BGP) routing, so a tunnel failing moves traffic to the other tunnel.
var VpnBGP = Rule{
	ID: "vpn-bgp", Control: "custom", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Site-to-Site VPN connections use BGP (staticRoutesOnly false or unset).",
	Types:       []string{vpnConnection},
	Resource: func(r Resource, f *Findings) {
		on, known := truth(r.Get("staticRoutesOnly"))
		switch {
		case !known:
			f.Unknown(r, "staticRoutesOnly")
		case on:
			f.Fail(r, "staticRoutesOnly is true; want BGP routing")
		}
	},
}
