package rules

import "testing"

func TestListenerTLSPolicy(t *testing.T) {
	ok := map[string]any{"protocol": "HTTPS", "port": 443, "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}
	checkRule(t, ListenerTLSPolicy, "aws:lb/listener:Listener", ok, []mutation{
		{name: "a TLS 1.3 policy passes"},
		{name: "an old policy fails", set: map[string]any{"sslPolicy": "ELBSecurityPolicy-2016-08"},
			wantFail: `sslPolicy is "ELBSecurityPolicy-2016-08"; want an ELBSecurityPolicy-TLS13-* policy`},
		{name: "no policy fails: AWS picks the 2016 one", set: map[string]any{"sslPolicy": nil}, wantFail: "sslPolicy is unset"},
		{name: "an HTTP listener has no TLS policy", set: map[string]any{"protocol": "HTTP", "sslPolicy": nil}},
		{name: "an unknown protocol is reported", set: map[string]any{"protocol": unknown}, wantUnknown: "protocol is unknown"},
	})
}
