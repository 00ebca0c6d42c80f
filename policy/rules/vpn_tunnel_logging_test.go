package rules

import "testing"

func TestVpnTunnelLogging(t *testing.T) {
	logs := map[string]any{"cloudwatchLogOptions": map[string]any{"logEnabled": true, "logGroupArn": unknown, "logOutputFormat": "json"}}
	ok := map[string]any{"tunnel1LogOptions": logs, "tunnel2LogOptions": logs}
	checkRule(t, VpnTunnelLogging, vpnConnection, ok, []mutation{
		{name: "both tunnels logging to a group created in the same run pass"},
		{name: "a tunnel without logs fails", set: map[string]any{"tunnel2LogOptions": nil}, wantFail: "tunnel2LogOptions.cloudwatchLogOptions.logEnabled is unset"},
		{name: "logging without a group fails", set: map[string]any{"tunnel1LogOptions": map[string]any{"cloudwatchLogOptions": map[string]any{"logEnabled": true}}},
			wantFail: "tunnel1LogOptions.cloudwatchLogOptions.logGroupArn is unset"},
	})
}
