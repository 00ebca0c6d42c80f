package rules

import (
	"encoding/json"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// IamNoAdminWildcard forbids full administrator statements in the program's policies.
var IamNoAdminWildcard = Rule{
	ID: "iam-no-admin-wildcard", Control: "IAM.1", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "No IAM policy, role policy or inline role policy allows Action \"*\" on Resource \"*\".",
	Types:       []string{"aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy", "aws:iam/role:Role"},
	Resource: func(r Resource, f *Findings) {
		check := func(path string, doc string) {
			if adminStatement(doc) {
				f.Fail(r, "%s allows Action \"*\" on Resource \"*\"", path)
			}
		}
		if r.Type != "aws:iam/role:Role" {
			doc, known := text(r.Get("policy"))
			if !known {
				f.Unknown(r, "policy")
				return
			}
			check("policy", doc)
			return
		}
		inline, known := items(r.Get("inlinePolicies"))
		if !known {
			f.Unknown(r, "inlinePolicies")
		}
		for i, p := range inline {
			path := pathString([]any{"inlinePolicies", i, "policy"})
			doc, known := text(walk(p, "policy"))
			if !known {
				f.Unknown(r, path)
				continue
			}
			check(path, doc)
		}
	},
}

// adminStatement says whether a policy document has an Allow of every action on every resource.
func adminStatement(doc string) bool {
	var p struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return false
	}
	type statement struct {
		Effect   string `json:"Effect"`
		Action   any    `json:"Action"`
		Resource any    `json:"Resource"`
	}
	var list []statement
	if json.Unmarshal(p.Statement, &list) != nil {
		var one statement
		if json.Unmarshal(p.Statement, &one) != nil {
			return false
		}
		list = []statement{one}
	}
	return slices.ContainsFunc(list, func(s statement) bool {
		return s.Effect == "Allow" && hasStar(s.Action) && hasStar(s.Resource)
	})
}

// hasStar says whether a policy element (a string or a list of strings) contains "*".
func hasStar(v any) bool {
	switch x := v.(type) {
	case string:
		return x == "*"
	case []any:
		return slices.Contains(x, any("*"))
	}
	return false
}
