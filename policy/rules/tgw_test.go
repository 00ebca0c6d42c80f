package rules

import "testing"

func TestTgwNoAutoAccept(t *testing.T) {
	checkRule(t, TgwNoAutoAccept, transitGateway, inputsOf(t, "prod", transitGateway, "prod-hybrid-tgw"), []mutation{
		{name: "disable passes"},
		{name: "unset passes: AWS defaults to disable", set: map[string]any{"autoAcceptSharedAttachments": nil}},
		{name: "enable fails", set: map[string]any{"autoAcceptSharedAttachments": "enable"}, wantFail: `autoAcceptSharedAttachments is "enable"; want "disable"`},
		{name: "unknown is re-checked at up", set: map[string]any{"autoAcceptSharedAttachments": unknown}, wantUnknown: "autoAcceptSharedAttachments"},
	})
}

func TestTgwNoDefaultRouteTables(t *testing.T) {
	checkRule(t, TgwNoDefaultRouteTables, transitGateway, inputsOf(t, "prod", transitGateway, "prod-hybrid-tgw"), []mutation{
		{name: "both disabled pass"},
		{name: "association enabled fails", set: map[string]any{"defaultRouteTableAssociation": "enable"}, wantFail: `defaultRouteTableAssociation is "enable"`},
		{name: "propagation unset fails: AWS defaults to enable", set: map[string]any{"defaultRouteTablePropagation": nil}, wantFail: "defaultRouteTablePropagation is unset"},
		{name: "unknown is re-checked at up", set: map[string]any{"defaultRouteTablePropagation": unknown}, wantUnknown: "defaultRouteTablePropagation"},
	})
}
