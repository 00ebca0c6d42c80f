package rules

// LoadBalancerAccessLogs requires access logs on every load balancer.
var LoadBalancerAccessLogs = Rule{
	ID: "lb-access-logs", Controls: []string{"ELB.5", "AwsSolutions-ELB2", "PCP aws-lb-loadbalancer-enable-access-logging", "PCP aws-lb-loadbalancer-configure-access-logging"}, Severity: Medium,
	Description: "Load balancers write access logs to S3 (accessLogs.enabled = true with a bucket).",
	Remediation: "set accessLogs.enabled true with the stack's access-log bucket (SSE-S3: AWS cannot write ALB logs to a KMS bucket)",
	Types:       loadBalancerTypes,
	Reads:       reads(loadBalancerTypes, "accessLogs.enabled", "accessLogs.bucket"),
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "accessLogs", "enabled")
		if on, _ := truth(r.Get("accessLogs", "enabled")); on {
			requireSet(r, f, "accessLogs", "bucket")
		}
	},
}
