package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// VpnTunnelLogging requires both tunnels to log to CloudWatch, so IKE and BGP failures can be diagnosed.
var VpnTunnelLogging = Rule{
	ID: "vpn-tunnel-logging", Control: "EC2.171", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Both VPN tunnels log to CloudWatch Logs (tunnelNLogOptions.cloudwatchLogOptions.logEnabled with a log group).",
	Types:       []string{vpnConnection},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"tunnel1LogOptions", "tunnel2LogOptions"} {
			requireTrue(r, f, k, "cloudwatchLogOptions", "logEnabled")
			if on, _ := truth(r.Get(k, "cloudwatchLogOptions", "logEnabled")); on {
				requireSet(r, f, k, "cloudwatchLogOptions", "logGroupArn")
			}
		}
	},
}
