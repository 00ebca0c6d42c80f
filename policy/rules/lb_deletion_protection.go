package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// LoadBalancerDeletionProtection keeps the prod load balancer (and the DNS names clients use) from being
// deleted by accident.
var LoadBalancerDeletionProtection = Rule{
	ID: "lb-deletion-protection", Control: "ELB.6", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	OnlyIn:      []Environment{Prod},
	Description: "In prod, load balancers set enableDeletionProtection = true.",
	Types:       loadBalancerTypes,
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "enableDeletionProtection") },
}
