package rules

// RdsFinalSnapshot makes a database leave a snapshot when it is deleted anyway. Dev data is disposable, so
// there the rule advises.
var RdsFinalSnapshot = Rule{
	ID: "rds-final-snapshot", Controls: []string{"custom"}, Severity: High,
	AdvisoryIn:  []Environment{Dev},
	Description: "RDS instances take a final snapshot on delete (skipFinalSnapshot false, finalSnapshotIdentifier set); advisory in dev.",
	Remediation: "set skipFinalSnapshot false with a finalSnapshotIdentifier",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"skipFinalSnapshot", "finalSnapshotIdentifier"}},
	Resource: func(r Resource, f *Findings) {
		skip, known := truth(r.Get("skipFinalSnapshot"))
		switch {
		case !known:
			f.Unknown(r, "skipFinalSnapshot")
		case skip:
			f.Fail(r, "skipFinalSnapshot is true; want false")
		default:
			requireSet(r, f, "finalSnapshotIdentifier")
		}
	},
}
