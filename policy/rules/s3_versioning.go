package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// S3Versioning requires versioning so an overwrite or delete can be undone.
var S3Versioning = Rule{
	ID: "s3-versioning", Control: "S3.14", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Bucket versioning is Enabled (versioningConfiguration.status).",
	Types:       []string{s3Versioning},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("versioningConfiguration", "status")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "versioningConfiguration.status")
		case s != "Enabled":
			f.Fail(r, "versioningConfiguration.status is %s; want \"Enabled\"", show(v))
		}
	},
}
