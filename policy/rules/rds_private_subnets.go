package rules

import "strings"

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
			groups, _ := targets(rs, db, "dbSubnetGroupName", rdsSubnetGroup)
			for _, g := range groups {
				subnets, _ := targets(rs, g, "subnetIds", subnet)
				for _, s := range subnets {
					for _, a := range ofType(rs, routeTableAssociation) {
						if !links(a, "subnetId", s) {
							continue
						}
						tables, _ := targets(rs, a, "routeTableId", routeTable)
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
// the table or an inline route, matched by dependency on an aws:ec2/internetGateway or an igw- id.
func routesToInternet(rs []Resource, t Resource) (igw string, known bool) {
	isIGW := func(r Resource, prop string, v string) string {
		for _, g := range ofType(rs, internetGateway) {
			if r.DependsOn(prop, g.URN) || ids(g)[v] {
				return g.Name
			}
		}
		if strings.HasPrefix(v, "igw-") {
			return v
		}
		return ""
	}
	known = true
	for _, r := range ofType(rs, route) {
		if !links(r, "routeTableId", t) {
			continue
		}
		v, ok := text(r.Get("gatewayId"))
		known = known && ok
		if name := isIGW(r, "gatewayId", v); name != "" {
			return name, true
		}
	}
	inline, ok := items(t.Get("routes"))
	known = known && ok
	for _, e := range inline {
		v, ok := text(walk(e, "gatewayId"))
		known = known && ok
		if name := isIGW(t, "routes", v); name != "" {
			return name, true
		}
	}
	return "", known
}
