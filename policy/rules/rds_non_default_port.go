package rules

import "strings"

// defaultPorts are the engines' default ports that RDS.23 refuses.
var defaultPorts = map[string]float64{"postgres": 5432, "mysql": 3306, "mariadb": 3306, "sqlserver": 1433, "oracle": 1521}

// RdsNonDefaultPort moves the database off its engine's well-known port, which scanners probe first.
var RdsNonDefaultPort = Rule{
	ID: "rds-non-default-port", Controls: []string{"RDS.23", "AwsSolutions-RDS11"}, Severity: Low,
	Description: "RDS instances listen on a port other than their engine's default (5432 for PostgreSQL); unset means the default.",
	Remediation: "set the instance's port to a non-default value and give it to the services and security groups",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"engine", "port"}},
	Resource: func(r Resource, f *Findings) {
		engine, engineKnown := text(r.Get("engine"))
		family, _, _ := strings.Cut(engine, "-") // sqlserver-se, oracle-ee
		dflt, listed := defaultPorts[family]
		v := r.Get("port")
		port, known := number(v, dflt)
		switch {
		case !engineKnown:
			f.Unknown(r, "engine")
		case !listed:
		case !known:
			f.Unknown(r, "port")
		case port == dflt:
			f.Fail(r, "port is %s, the %s default; want another port", show(v), family)
		}
	},
}
