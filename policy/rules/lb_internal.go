package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LoadBalancerInternal keeps every load balancer off the internet.
var LoadBalancerInternal = Rule{
	ID: "lb-internal", Control: "custom (B31)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Load balancers are internal (internal = true): the platform serves the corporate network only.",
	Types:       loadBalancerTypes,
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "internal")
	},
}
