package rules

import (
	"slices"
	"strings"
)

// RdsLogExports publishes the PostgreSQL log (connections, errors, audit) and the upgrade log to CloudWatch
// Logs, where they are encrypted and retained like every other log.
var RdsLogExports = Rule{
	ID: "rds-log-exports", Controls: []string{"RDS.9", "RDS.36"}, Severity: Medium,
	Description: "PostgreSQL instances export the postgresql and upgrade logs to CloudWatch Logs (enabledCloudwatchLogsExports).",
	Remediation: "set enabledCloudwatchLogsExports to [\"postgresql\", \"upgrade\"]",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"engine", "enabledCloudwatchLogsExports"}},
	Resource: func(r Resource, f *Findings) {
		engine, known := text(r.Get("engine"))
		if !known {
			f.Unknown(r, "engine")
		}
		if !strings.HasPrefix(engine, "postgres") {
			return
		}
		v := r.Get("enabledCloudwatchLogsExports")
		exports, known := texts(v)
		for _, want := range []string{"postgresql", "upgrade"} {
			if known && !slices.Contains(exports, want) {
				f.Fail(r, "enabledCloudwatchLogsExports is %s; want it to include %q", show(v), want)
			}
		}
		if !known {
			f.Unknown(r, "enabledCloudwatchLogsExports")
		}
	},
}
