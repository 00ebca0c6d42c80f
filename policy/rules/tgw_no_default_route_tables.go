package rules

// TgwNoDefaultRouteTables keeps the Transit Gateway from associating and propagating every attachment into
// one default route table, which would route any attachment to any other.
var TgwNoDefaultRouteTables = Rule{
	ID: "tgw-no-default-route-tables", Controls: []string{"B36"}, Severity: Medium,
	Description: "Transit Gateways set defaultRouteTableAssociation and defaultRouteTablePropagation to \"disable\" (AWS defaults to \"enable\").",
	Remediation: "set both to \"disable\" and route each segment through its own route table",
	Types:       []string{transitGateway},
	Reads:       map[string][]string{transitGateway: {"defaultRouteTableAssociation", "defaultRouteTablePropagation"}},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"defaultRouteTableAssociation", "defaultRouteTablePropagation"} {
			requireOneOf(r, f, []string{"disable"}, "enable", k)
		}
	},
}
