package rules

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// RdsPrivateSubnets keeps the database's subnets off the internet gateway, so even a publicly accessible
// flag or a wide security group could not expose it.
var RdsPrivateSubnets = Rule{
	ID: "rds-private-subnets", Controls: []string{"RDS.46"}, Severity: High,
	Description: "No subnet of an RDS instance's subnet group (dbSubnetGroupName → subnetIds) is associated with a route table that routes to an internet gateway (aws:ec2/route or inline routes[].gatewayId).",
	Remediation: "put the subnet group's subnets in the data tier, whose route tables route only inside the VPC and to the Transit Gateway",
	Exceptions:  []string{"A subnet without an explicit route table association uses the VPC's main route table, whose routes the program does not declare (AWS gives it the local route only); the program associates every subnet explicitly."},
	Reads: map[string][]string{internetGateway: {}, subnet: {}, rdsInstance: {"dbSubnetGroupName"}, rdsSubnetGroup: {"subnetIds"},
		routeTableAssociation: {"subnetId", "routeTableId"}, route: {"routeTableId", "gatewayId"}, routeTable: {"routes[].gatewayId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, db := range ofType(rs, rdsInstance) {
			groups := targets(rs, db, "dbSubnetGroupName", rdsSubnetGroup)
			for _, g := range groups {
				subnets := targets(rs, g, "subnetIds", subnet)
				for _, s := range subnets {
					for _, a := range ofType(rs, routeTableAssociation) {
						if !links(a, "subnetId", s) {
							continue
						}
						tables := targets(rs, a, "routeTableId", routeTable)
						for _, t := range tables {
							if igw, known := routesToInternet(rs, t); !known {
								f.Unknown(db, "routes of route table "+t.Name)
							} else if igw != "" {
								f.Fail(db, "subnet %q of its subnet group routes to internet gateway %s through route table %q", s.Name, igw, t.Name)
							}
						}
					}
				}
			}
		}
	},
}

// routesToInternet returns what internet gateway route table t routes to, if any: by an aws:ec2/route of
// the table or an inline route, matched by dependency on an aws:ec2/internetGateway, by its known id, or by
// an igw- id.
func routesToInternet(rs []Resource, t Resource) (igw string, known bool) {
	gateway := func(r Resource, prop string, v property.Value) string {
		id, _ := text(v)
		for _, g := range ofType(rs, internetGateway) {
			if r.DependsOn(prop, g.URN) || ids(g)[id] {
				return g.Name
			}
		}
		if strings.HasPrefix(id, "igw-") {
			return id
		}
		return ""
	}
	inline, known := items(t.Get("routes"))
	routes := make([]func() (string, bool), 0, len(inline))
	for _, e := range inline {
		routes = append(routes, func() (string, bool) { v := walk(e, "gatewayId"); return gateway(t, "routes", v), !v.IsComputed() })
	}
	for _, r := range ofType(rs, route) {
		if links(r, "routeTableId", t) {
			routes = append(routes, func() (string, bool) { v := r.Get("gatewayId"); return gateway(r, "gatewayId", v), !v.IsComputed() })
		}
	}
	for _, route := range routes {
		name, ok := route()
		if name != "" {
			return name, true
		}
		known = known && ok
	}
	return "", known
}
