package rules

import "strings"

// IamNoObjectVersionDelete keeps every role from destroying old versions of objects: versioning is the undo
// of the data buckets, and s3:DeleteObjectVersion (or s3:*) undoes the undo.
var IamNoObjectVersionDelete = Rule{
	ID: "iam-no-object-version-delete", Controls: []string{"custom (issue 21)"}, Severity: High,
	Description: "No identity policy allows s3:DeleteObjectVersion (also through s3:*, s3:Delete*, * or NotAction) on an S3 bucket's objects (an arn:aws:s3::: resource, \"*\" or NotResource).",
	Remediation: "drop s3:DeleteObjectVersion (and s3:*); noncurrent versions expire through the bucket's lifecycle rule",
	Types:       identityTypes,
	Reads:       identityReads,
	Resource: identityRule(func(s statement) string {
		if !s.grants("s3:DeleteObjectVersion") {
			return ""
		}
		for _, res := range s.Resources {
			if res == "*" || strings.HasPrefix(res, "arn:aws:s3:::") && (strings.Contains(res, "/") || strings.HasSuffix(res, "*")) {
				return "allows s3:DeleteObjectVersion on " + res + ": old versions could be destroyed"
			}
		}
		if s.HasNotResource {
			return "allows s3:DeleteObjectVersion on NotResource " + showList(s.NotResources)
		}
		return ""
	}),
}
