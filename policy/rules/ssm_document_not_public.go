package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// SsmDocumentNotPublic keeps the program's SSM documents private.
var SsmDocumentNotPublic = Rule{
	ID: "ssm-document-not-public", Control: "SSM.4", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "SSM documents are never shared with every account (permissions.accountIds \"All\").",
	Types:       []string{"aws:ssm/document:Document"},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("permissions", "accountIds")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "permissions.accountIds")
		case s == "All" || s == "all":
			f.Fail(r, "permissions.accountIds is %s; the document would be public", show(v))
		}
	},
}
