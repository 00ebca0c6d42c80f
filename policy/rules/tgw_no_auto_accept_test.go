package rules

import "testing"

func TestTgwNoAutoAccept(t *testing.T) {
	checkRule(t, TgwNoAutoAccept, "aws:ec2transitgateway/transitGateway:TransitGateway", map[string]any{"autoAcceptSharedAttachments": "disable"}, []mutation{
		{name: "disable passes"},
		{name: "unset passes: AWS defaults to disable", set: map[string]any{"autoAcceptSharedAttachments": nil}},
		{name: "enable fails", set: map[string]any{"autoAcceptSharedAttachments": "enable"}, wantFail: `autoAcceptSharedAttachments is "enable"`},
	})
}
