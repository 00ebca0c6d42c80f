package rules

// LoadBalancerInternal keeps every load balancer off the internet.
var LoadBalancerInternal = Rule{
	ID: "lb-internal", Controls: []string{"B31"}, Severity: High,
	Description: "Load balancers are internal (internal = true): the platform serves the corporate network only.",
	Remediation: "set internal true and place the load balancer in the app subnets",
	Types:       loadBalancerTypes,
	Reads:       reads(loadBalancerTypes, "internal"),
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "internal") },
}
