package rules

// RdsAutoMinorUpgrade lets AWS apply minor engine versions (security fixes) in the maintenance window.
var RdsAutoMinorUpgrade = Rule{
	ID: "rds-auto-minor-upgrade", Controls: []string{"RDS.13"}, Severity: Medium,
	Description: "RDS instances keep autoMinorVersionUpgrade true (the default).",
	Remediation: "set autoMinorVersionUpgrade true and pin only the major engine version",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"autoMinorVersionUpgrade"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("autoMinorVersionUpgrade")
		if on, known := truth(v); !known {
			f.Unknown(r, "autoMinorVersionUpgrade")
		} else if !on && !v.IsNull() {
			f.Fail(r, "autoMinorVersionUpgrade is false; want true")
		}
	},
}
