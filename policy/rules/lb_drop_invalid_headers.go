package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// LoadBalancerDropInvalidHeaders makes Application Load Balancers drop malformed HTTP headers, which
// request-smuggling and header-injection attacks rely on.
var LoadBalancerDropInvalidHeaders = Rule{
	ID: "lb-drop-invalid-headers", Control: "ELB.4", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Application Load Balancers set dropInvalidHeaderFields = true (AWS defaults to false).",
	Types:       loadBalancerTypes,
	Resource: func(r Resource, f *Findings) {
		typ, known := text(r.Get("loadBalancerType"))
		switch {
		case !known:
			f.Unknown(r, "loadBalancerType")
		case typ == "" || typ == "application": // the setting exists only on ALBs, the default type
			requireTrue(r, f, "dropInvalidHeaderFields")
		}
	},
}
