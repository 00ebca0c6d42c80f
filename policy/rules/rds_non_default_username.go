package rules

import "strings"

// defaultUsernames are the engines' default administrator names that RDS.25 refuses.
var defaultUsernames = map[string]string{"postgres": "postgres", "mysql": "admin", "mariadb": "admin", "sqlserver": "admin", "oracle": "admin"}

// RdsNonDefaultUsername makes an attacker guess the administrator name as well as its password.
var RdsNonDefaultUsername = Rule{
	ID: "rds-non-default-username", Controls: []string{"RDS.25"}, Severity: Low,
	Description: "RDS instances name their master user something other than the engine's default (postgres for PostgreSQL).",
	Remediation: "set the master username to a name of the platform's own",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"engine", "username"}},
	Resource: func(r Resource, f *Findings) {
		engine, engineKnown := text(r.Get("engine"))
		family, _, _ := strings.Cut(engine, "-")
		dflt, listed := defaultUsernames[family]
		v := r.Get("username")
		user, known := text(v)
		switch {
		case !engineKnown:
			f.Unknown(r, "engine")
		case !listed:
		case !known:
			f.Unknown(r, "username")
		case strings.EqualFold(user, dflt):
			f.Fail(r, "username is %s, the %s default; want a name of the platform's own", show(v), family)
		}
	},
}
