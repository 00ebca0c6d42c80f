package rules

// LoadBalancerDeletionProtection keeps the load balancer (and the DNS names clients use) from being
// deleted by accident. Dev is torn down and rebuilt at will, so there the rule advises.
var LoadBalancerDeletionProtection = Rule{
	ID: "lb-deletion-protection", Controls: []string{"ELB.6", "AWSGuard elb-deletion-protection-enabled"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "Load balancers set enableDeletionProtection = true; advisory in dev, which is torn down at will.",
	Remediation: "set enableDeletionProtection true (compute.loadBalancer.deletionProtection)",
	Types:       loadBalancerTypes,
	Reads:       reads(loadBalancerTypes, "enableDeletionProtection"),
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "enableDeletionProtection") },
}
