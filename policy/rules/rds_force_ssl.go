package rules

import "strings"

// RdsForceSSL requires PostgreSQL parameter groups to refuse unencrypted connections.
var RdsForceSSL = Rule{
	ID: "rds-force-ssl", Controls: []string{"B25"}, Severity: High,
	Description: "PostgreSQL parameter groups set rds.force_ssl = 1; a parameter whose name is unknown at preview is re-checked at up.",
	Remediation: "add the parameter {name: rds.force_ssl, value: \"1\"}",
	Types:       []string{rdsParameterGroup},
	Reads:       map[string][]string{rdsParameterGroup: {"family", "parameters[].name", "parameters[].value"}},
	Resource: func(r Resource, f *Findings) {
		family, known := text(r.Get("family"))
		if !known {
			f.Unknown(r, "family")
		} else if strings.HasPrefix(family, "postgres") {
			switch value, found := parameter(r, f, "rds.force_ssl"); {
			case found == no:
				f.Fail(r, "parameters has no rds.force_ssl; want rds.force_ssl = 1")
			case found == yes && value != "1":
				f.Fail(r, "rds.force_ssl is %q; want \"1\"", value)
			}
		}
	},
}

// parameter finds a parameter group's parameter by name: yes with its value, no, or pending (the unknown
// recorded) when the list, the named parameter's value, or a name it may hide behind is unknown.
func parameter(r Resource, f *Findings, name string) (string, verdict) {
	params, known := items(r.Get("parameters"))
	if !known {
		f.Unknown(r, "parameters")
		return "", pending
	}
	unnamed := false
	for i, p := range params {
		n, nameKnown := text(walk(p, "name"))
		unnamed = unnamed || !nameKnown
		if n != name {
			continue
		}
		value, known := text(walk(p, "value"))
		if !known {
			f.Unknown(r, pathString([]any{"parameters", i, "value"}))
			return "", pending
		}
		return value, yes
	}
	if unnamed {
		f.Unknown(r, "parameters[].name")
		return "", pending
	}
	return "", no
}
