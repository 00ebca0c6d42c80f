package rules

import "strings"

// tls13PolicyPrefix starts the names of the ELB security policies AWS recommends: TLS 1.3, with TLS 1.2 at
// most as the floor, and forward-secret ciphers only.
const tls13PolicyPrefix = "ELBSecurityPolicy-TLS13-"

// ListenerTLSPolicy requires a recommended TLS policy on HTTPS and TLS listeners; without one AWS applies
// ELBSecurityPolicy-2016-08, which still accepts TLS 1.0.
var ListenerTLSPolicy = Rule{
	ID: "lb-listener-tls-policy", Controls: []string{"ELB.17", "PCP aws-lb-listener-configure-secure-tls"}, Severity: Medium,
	Description: "HTTPS and TLS listeners set sslPolicy to an ELBSecurityPolicy-TLS13-* policy.",
	Remediation: "set sslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a stricter TLS13 policy)",
	Types:       listenerTypes,
	Reads:       reads(listenerTypes, "protocol", "sslPolicy"),
	Resource: func(r Resource, f *Findings) {
		proto, known := text(r.Get("protocol"))
		switch {
		case !known:
			f.Unknown(r, "protocol")
		case proto == "HTTPS" || proto == "TLS":
			v := r.Get("sslPolicy")
			if policy, known := text(v); !known {
				f.Unknown(r, "sslPolicy")
			} else if !strings.HasPrefix(policy, tls13PolicyPrefix) {
				f.Fail(r, "sslPolicy is %s; want an %s* policy", show(v), tls13PolicyPrefix)
			}
		}
	},
}
