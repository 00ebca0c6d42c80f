package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsNotPublic keeps the database off the internet.
var RdsNotPublic = Rule{
	ID: "rds-not-public", Control: "RDS.2", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "RDS instances are not publicly accessible (publiclyAccessible false or unset).",
	Types:       []string{rdsInstance},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("publiclyAccessible")
		on, known := truth(v)
		switch {
		case !known:
			f.Unknown(r, "publiclyAccessible")
		case on:
			f.Fail(r, "publiclyAccessible is true; want false")
		}
	},
}
