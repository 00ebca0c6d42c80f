package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// tls13PolicyPrefix starts the names of the ELB security policies AWS recommends: TLS 1.3, with TLS 1.2 at
// most as the floor, and forward-secret ciphers only.
const tls13PolicyPrefix = "ELBSecurityPolicy-TLS13-"

// ListenerTLSPolicy requires a recommended TLS policy on HTTPS and TLS listeners; without one AWS applies
// ELBSecurityPolicy-2016-08, which still accepts TLS 1.0.
var ListenerTLSPolicy = Rule{
	ID: "lb-listener-tls-policy", Control: "ELB.17", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "HTTPS and TLS listeners set sslPolicy to an ELBSecurityPolicy-TLS13-* policy.",
	Types:       []string{"aws:lb/listener:Listener", "aws:alb/listener:Listener"},
	Resource: func(r Resource, f *Findings) {
		proto, known := text(r.Get("protocol"))
		if !known {
			f.Unknown(r, "protocol")
			return
		}
		if proto != "HTTPS" && proto != "TLS" {
			return
		}
		v := r.Get("sslPolicy")
		policy, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "sslPolicy")
		case !strings.HasPrefix(policy, tls13PolicyPrefix):
			f.Fail(r, "sslPolicy is %s; want an %s* policy", show(v), tls13PolicyPrefix)
		}
	},
}
