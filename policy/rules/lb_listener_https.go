package rules

// ListenerHTTPS requires HTTPS listeners, or HTTP listeners that only redirect to HTTPS. Dev may run plain
// HTTP without a certificate, so there the rule only advises.
var ListenerHTTPS = Rule{
	ID: "lb-listener-https", Controls: []string{"ELB.1", "ELB.18", "PCP aws-lb-listener-disallow-unencrypted-traffic"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "Listeners use HTTPS (or TLS), or redirect HTTP to HTTPS; advisory in dev, which has no certificate.",
	Remediation: "use protocol HTTPS with a certificate, or make the HTTP listener's default action a redirect with protocol HTTPS",
	Types:       listenerTypes,
	Reads:       reads(listenerTypes, "protocol", "defaultActions[].type", "defaultActions[].redirect.protocol"),
	Resource: func(r Resource, f *Findings) {
		v := r.Get("protocol")
		proto, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "protocol")
		case proto == "HTTPS" || proto == "TLS":
		case redirectsToHTTPS(r, f) == no:
			f.Fail(r, "protocol is %s and no default action redirects to HTTPS", show(v))
		}
	},
}

// redirectsToHTTPS says whether a listener has a default action that redirects to HTTPS; pending (with the
// unknown recorded in f) when an action's type or redirect protocol is unknown and no known action
// redirects.
func redirectsToHTTPS(l Resource, f *Findings) verdict {
	actions, known := items(l.Get("defaultActions"))
	if !known {
		f.Unknown(l, "defaultActions")
		return pending
	}
	var unknowns []string
	for i, a := range actions {
		typ, typeKnown := text(walk(a, "type"))
		to, toKnown := text(walk(a, "redirect", "protocol"))
		switch {
		case typeKnown && typ != "redirect":
		case !typeKnown:
			unknowns = append(unknowns, pathString([]any{"defaultActions", i, "type"}))
		case !toKnown:
			unknowns = append(unknowns, pathString([]any{"defaultActions", i, "redirect", "protocol"}))
		case to == "HTTPS":
			return yes
		}
	}
	for _, p := range unknowns {
		f.Unknown(l, p)
	}
	if len(unknowns) > 0 {
		return pending
	}
	return no
}
