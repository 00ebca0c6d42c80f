package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsFinalSnapshot makes a prod database leave a snapshot when it is deleted anyway.
var RdsFinalSnapshot = Rule{
	ID: "rds-final-snapshot", Control: "custom", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	OnlyIn:      []Environment{Prod},
	Description: "In prod, RDS instances take a final snapshot on delete (skipFinalSnapshot false, finalSnapshotIdentifier set).",
	Types:       []string{rdsInstance},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("skipFinalSnapshot")
		skip, known := truth(v)
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
