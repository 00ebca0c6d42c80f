package rules

// RdsCopyTagsToSnapshot keeps snapshots tagged like their instance, so ownership, cost and backup policies
// follow them.
var RdsCopyTagsToSnapshot = Rule{
	ID: "rds-copy-tags-to-snapshot", Controls: []string{"RDS.17"}, Severity: Low,
	Description: "RDS instances set copyTagsToSnapshot = true.",
	Remediation: "set copyTagsToSnapshot true",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"copyTagsToSnapshot"}},
	Resource:    func(r Resource, f *Findings) { requireTrue(r, f, "copyTagsToSnapshot") },
}
