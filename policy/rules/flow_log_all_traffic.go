package rules

// FlowLogAllTraffic asks more of every flow log than EC2.6 does: all traffic, accepted too, delivered to a
// CloudWatch log group (which log-group-kms and log-group-retention then hold to encryption and retention).
var FlowLogAllTraffic = Rule{
	ID: "flow-log-all-traffic", Controls: []string{"B47"}, Severity: Low,
	Description: "Flow logs capture trafficType ALL and deliver to CloudWatch Logs (logDestinationType cloud-watch-logs with a logDestination), where the log group rules apply.",
	Remediation: "set trafficType ALL, logDestinationType cloud-watch-logs and logDestination to the stack's encrypted log group",
	Types:       []string{flowLog},
	Reads:       map[string][]string{flowLog: {"trafficType", "logDestinationType", "logDestination", "logGroupName"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"ALL"}, "", "trafficType")
		requireOneOf(r, f, []string{"cloud-watch-logs"}, "cloud-watch-logs", "logDestinationType")
		if r.Get("logGroupName").IsNull() {
			requireSet(r, f, "logDestination")
		}
	},
}
