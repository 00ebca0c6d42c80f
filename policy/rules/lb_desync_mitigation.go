package rules

// LoadBalancerDesyncMitigation keeps HTTP desync protection at defensive or strictest.
var LoadBalancerDesyncMitigation = Rule{
	ID: "lb-desync-mitigation", Controls: []string{"ELB.12"}, Severity: Medium,
	Description: "Application Load Balancers set desyncMitigationMode to defensive (the default) or strictest, never monitor.",
	Remediation: "set desyncMitigationMode \"defensive\" or \"strictest\"",
	Types:       loadBalancerTypes,
	Reads:       reads(loadBalancerTypes, "loadBalancerType", "desyncMitigationMode"),
	Resource: func(r Resource, f *Findings) {
		var scratch Findings // an unknown type is reported by lb-drop-invalid-headers
		if isALB(r, &scratch) {
			requireOneOf(r, f, []string{"defensive", "strictest"}, "defensive", "desyncMitigationMode")
		}
	},
}
