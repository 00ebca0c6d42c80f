package rules

import (
	"slices"
	"strings"
)

// SsmDocumentNotPublic keeps the program's SSM documents private. pulumi-aws passes the permissions map
// verbatim to the provider, which reads permissions["type"] and permissions["account_ids"], a
// comma-separated list in which "All" (any case) means every AWS account.
var SsmDocumentNotPublic = Rule{
	ID: "ssm-document-not-public", Controls: []string{"SSM.4"}, Severity: High,
	Description: "SSM documents are never shared with every account: no permissions.account_ids entry is \"All\" (any case, anywhere in the comma-separated list).",
	Remediation: "share the document with named account ids, or not at all",
	Types:       []string{ssmDocument},
	Reads:       map[string][]string{ssmDocument: {"permissions.account_ids"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("permissions", "account_ids")
		ids, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "permissions.account_ids")
		case slices.ContainsFunc(strings.Split(ids, ","), func(id string) bool { return strings.EqualFold(strings.TrimSpace(id), "all") }):
			f.Fail(r, "permissions.account_ids is %s: the document would be public", show(v))
		}
	},
}
