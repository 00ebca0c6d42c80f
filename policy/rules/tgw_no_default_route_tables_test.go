package rules

import "testing"

func TestTgwNoDefaultRouteTables(t *testing.T) {
	checkRule(t, TgwNoDefaultRouteTables, "aws:ec2transitgateway/transitGateway:TransitGateway",
		map[string]any{"defaultRouteTableAssociation": "disable", "defaultRouteTablePropagation": "disable"}, []mutation{
			{name: "both disabled pass"},
			{name: "propagation enabled fails", set: map[string]any{"defaultRouteTablePropagation": "enable"}, wantFail: `defaultRouteTablePropagation is "enable"; want "disable"`},
			{name: "association unset fails: AWS defaults to enable", set: map[string]any{"defaultRouteTableAssociation": nil}, wantFail: "defaultRouteTableAssociation is unset"},
		})
}
