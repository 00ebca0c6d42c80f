package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// ListenerHTTPS requires HTTPS listeners, or HTTP listeners that only redirect to HTTPS. Dev may run plain
// HTTP without a certificate, so there the rule only advises.
var ListenerHTTPS = Rule{
	ID: "lb-listener-https", Control: "ELB.1/ELB.18", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	AdvisoryIn:  []Environment{Dev},
	Description: "Listeners use HTTPS (or TLS), or redirect HTTP to HTTPS; advisory in dev.",
	Types:       []string{"aws:lb/listener:Listener", "aws:alb/listener:Listener"},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("protocol")
		proto, known := text(v)
		if !known {
			f.Unknown(r, "protocol")
			return
		}
		if proto == "HTTPS" || proto == "TLS" {
			return
		}
		actions, known := items(r.Get("defaultActions"))
		if !known {
			f.Unknown(r, "defaultActions")
			return
		}
		for _, a := range actions {
			typ, _ := text(walk(a, "type"))
			to, _ := text(walk(a, "redirect", "protocol"))
			if typ == "redirect" && to == "HTTPS" {
				return
			}
		}
		f.Fail(r, "protocol is %s and the default action does not redirect to HTTPS", show(v))
	},
}
