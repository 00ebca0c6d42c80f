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
		switch {
		case !known:
			f.Unknown(r, "family")
			return
		case !strings.HasPrefix(family, "postgres"):
			return
		}
		value, found, known := parameter(r, f, "rds.force_ssl")
		switch {
		case !known:
		case !found:
			f.Fail(r, "parameters has no rds.force_ssl; want rds.force_ssl = 1")
		case value != "1":
			f.Fail(r, "rds.force_ssl is %q; want \"1\"", value)
		}
	},
}

// parameter finds a parameter group's parameter by name. known is false (and the unknown recorded) when the
// list, or the named parameter's value, is unknown, or when it was not found among parameters of which some
// have unknown names.
func parameter(r Resource, f *Findings, name string) (value string, found, known bool) {
	params, known := items(r.Get("parameters"))
	if !known {
		f.Unknown(r, "parameters")
		return "", false, false
	}
	pending := false
	for i, p := range params {
		n, nameKnown := text(walk(p, "name"))
		if !nameKnown {
			pending = true
			continue
		}
		if n == name {
			value, known := text(walk(p, "value"))
			if !known {
				f.Unknown(r, pathString([]any{"parameters", i, "value"}))
			}
			return value, true, known
		}
	}
	if pending {
		f.Unknown(r, "parameters[].name")
	}
	return "", false, !pending
}
