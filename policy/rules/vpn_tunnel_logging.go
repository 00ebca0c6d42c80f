package rules

// VpnTunnelLogging requires both tunnels to log to CloudWatch, so IKE and BGP failures can be diagnosed.
var VpnTunnelLogging = Rule{
	ID: "vpn-tunnel-logging", Controls: []string{"EC2.171"}, Severity: Low,
	Description: "Both VPN tunnels log to CloudWatch Logs (tunnelNLogOptions.cloudwatchLogOptions.logEnabled with a log group).",
	Remediation: "set tunnelNLogOptions.cloudwatchLogOptions.logEnabled true with logGroupArn on both tunnels",
	Types:       []string{vpnConnection},
	Reads: map[string][]string{vpnConnection: {"tunnel1LogOptions.cloudwatchLogOptions.logEnabled", "tunnel1LogOptions.cloudwatchLogOptions.logGroupArn",
		"tunnel2LogOptions.cloudwatchLogOptions.logEnabled", "tunnel2LogOptions.cloudwatchLogOptions.logGroupArn"}},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"tunnel1LogOptions", "tunnel2LogOptions"} {
			requireTrue(r, f, k, "cloudwatchLogOptions", "logEnabled")
			if on, _ := truth(r.Get(k, "cloudwatchLogOptions", "logEnabled")); on {
				requireSet(r, f, k, "cloudwatchLogOptions", "logGroupArn")
			}
		}
	},
}
