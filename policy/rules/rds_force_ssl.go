package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsForceSSL requires PostgreSQL parameter groups to refuse unencrypted connections.
var RdsForceSSL = Rule{
	ID: "rds-force-ssl", Control: "custom (B25)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "PostgreSQL parameter groups set rds.force_ssl = 1.",
	Types:       []string{"aws:rds/parameterGroup:ParameterGroup"},
	Resource: func(r Resource, f *Findings) {
		family, known := text(r.Get("family"))
		if !known {
			f.Unknown(r, "family")
			return
		}
		if len(family) < 8 || family[:8] != "postgres" {
			return
		}
		params, known := items(r.Get("parameters"))
		if !known {
			f.Unknown(r, "parameters")
			return
		}
		for _, p := range params {
			if name, _ := text(walk(p, "name")); name != "rds.force_ssl" {
				continue
			}
			value, known := text(walk(p, "value"))
			switch {
			case !known:
				f.Unknown(r, "parameters[rds.force_ssl]")
			case value != "1":
				f.Fail(r, "rds.force_ssl is %q; want \"1\"", value)
			}
			return
		}
		f.Fail(r, "parameters has no rds.force_ssl; want rds.force_ssl = 1")
	},
}
