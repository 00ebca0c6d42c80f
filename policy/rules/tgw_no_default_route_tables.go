package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// TgwNoDefaultRouteTables keeps the Transit Gateway from associating and propagating every attachment into
// one default route table, which would route any attachment to any other.
var TgwNoDefaultRouteTables = Rule{
	ID: "tgw-no-default-route-tables", Control: "custom (B36)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Transit Gateways set defaultRouteTableAssociation and defaultRouteTablePropagation to \"disable\" (AWS defaults to \"enable\").",
	Types:       []string{"aws:ec2transitgateway/transitGateway:TransitGateway"},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"defaultRouteTableAssociation", "defaultRouteTablePropagation"} {
			v := r.Get(k)
			s, known := text(v)
			switch {
			case !known:
				f.Unknown(r, k)
			case s != "disable":
				f.Fail(r, "%s is %s; want \"disable\"", k, show(v))
			}
		}
	},
}
