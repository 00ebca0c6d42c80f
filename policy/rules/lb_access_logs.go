package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LoadBalancerAccessLogs requires access logs on every load balancer.
var LoadBalancerAccessLogs = Rule{
	ID: "lb-access-logs", Control: "ELB.5", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Load balancers write access logs to S3 (accessLogs.enabled = true with a bucket).",
	Types:       loadBalancerTypes,
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "accessLogs", "enabled")
		if on, _ := truth(r.Get("accessLogs", "enabled")); on {
			requireSet(r, f, "accessLogs", "bucket")
		}
	},
}
