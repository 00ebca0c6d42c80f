package rules

// RdsPerformanceInsights turns Performance Insights on, encrypted with the database's own key (its data
// includes query text).
var RdsPerformanceInsights = Rule{
	ID: "rds-performance-insights", Controls: []string{"PCP aws-rds-instance-enable-performance-insights", "PCP aws-rds-instance-disallow-unencrypted-performance-insights", "B27"}, Severity: Low,
	Description: "RDS instances set performanceInsightsEnabled = true with a customer-managed performanceInsightsKmsKeyId.",
	Remediation: "set performanceInsightsEnabled true and performanceInsightsKmsKeyId to the database key",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"performanceInsightsEnabled", "performanceInsightsKmsKeyId"}},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "performanceInsightsEnabled")
		if on, _ := truth(r.Get("performanceInsightsEnabled")); on {
			requireCustomerKey(r, f, "aws/rds", "performanceInsightsKmsKeyId")
		}
	},
}
