package rules

import "testing"

func TestListenerHTTPS(t *testing.T) {
	redirect := []any{map[string]any{"type": "redirect", "redirect": map[string]any{"protocol": "HTTPS", "port": "443", "statusCode": "HTTP_301"}}}
	forward := []any{map[string]any{"type": "forward", "targetGroupArn": "arn:tg"}}
	checkRule(t, ListenerHTTPS, "aws:lb/listener:Listener", map[string]any{"protocol": "HTTPS", "defaultActions": forward}, []mutation{
		{name: "an HTTPS listener passes"},
		{name: "an HTTP redirect to HTTPS passes", set: map[string]any{"protocol": "HTTP", "defaultActions": redirect}},
		{name: "plain HTTP forwarding fails", set: map[string]any{"protocol": "HTTP"}, wantFail: `protocol is "HTTP" and the default action does not redirect`},
	})
}
