package rules

// S3Versioning requires versioning so an overwrite or delete can be undone.
var S3Versioning = Rule{
	ID: "s3-versioning", Controls: []string{"S3.14"}, Severity: Medium,
	Description: "Bucket versioning is Enabled (versioningConfiguration.status).",
	Remediation: "set versioningConfiguration.status \"Enabled\"",
	Types:       []string{s3Versioning},
	Reads:       map[string][]string{s3Versioning: {"versioningConfiguration.status"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"Enabled"}, "", "versioningConfiguration", "status")
	},
}
