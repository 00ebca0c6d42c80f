package rules

// Ec2DetailedMonitoring requires one-minute instance metrics on the hosts and the standalone instance, so
// scaling and alarms see a failing host within minutes.
var Ec2DetailedMonitoring = Rule{
	ID: "ec2-detailed-monitoring", Controls: []string{"AwsSolutions-EC28", "AWSGuard ec2-instance-detailed-monitoring-enabled"}, Severity: Low,
	Description: "Launch templates set monitoring.enabled = true and standalone instances set monitoring = true.",
	Remediation: "set monitoring.enabled true on the launch template, monitoring true on the instance",
	Types:       []string{launchTemplate, ec2Instance},
	Reads:       map[string][]string{launchTemplate: {"monitoring.enabled"}, ec2Instance: {"monitoring"}},
	Resource: func(r Resource, f *Findings) {
		if r.Type == launchTemplate {
			requireTrue(r, f, "monitoring", "enabled")
			return
		}
		requireTrue(r, f, "monitoring")
	},
}
