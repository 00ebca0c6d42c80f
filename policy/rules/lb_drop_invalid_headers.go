package rules

// LoadBalancerDropInvalidHeaders makes Application Load Balancers drop malformed HTTP headers, which
// request-smuggling and header-injection attacks rely on.
var LoadBalancerDropInvalidHeaders = Rule{
	ID: "lb-drop-invalid-headers", Controls: []string{"ELB.4"}, Severity: Medium,
	Description: "Application Load Balancers set dropInvalidHeaderFields = true (AWS defaults to false).",
	Remediation: "set dropInvalidHeaderFields true",
	Types:       loadBalancerTypes,
	Reads:       reads(loadBalancerTypes, "loadBalancerType", "dropInvalidHeaderFields"),
	Resource: func(r Resource, f *Findings) {
		if isALB(r, f) {
			requireTrue(r, f, "dropInvalidHeaderFields")
		}
	},
}

// isALB says whether a load balancer is an Application Load Balancer, the default type; an unknown type is
// recorded.
func isALB(r Resource, f *Findings) bool {
	typ, known := text(r.Get("loadBalancerType"))
	if !known {
		f.Unknown(r, "loadBalancerType")
	}
	return known && (typ == "" || typ == "application")
}
