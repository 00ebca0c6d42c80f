package rules

// identityTypes are the resources that carry identity policies: customer-managed policies, inline policies
// of roles, users and groups (as their own resources), and roles' inlinePolicies.
var identityTypes = []string{iamPolicy, iamRolePolicy, iamRole, iamUserPolicy, iamGroupPolicy}

// identityReads are what the identity-policy rules read.
var identityReads = map[string][]string{iamPolicy: {"policy"}, iamRolePolicy: {"policy"}, iamUserPolicy: {"policy"},
	iamGroupPolicy: {"policy"}, iamRole: {"inlinePolicies[].policy"}}

// namedDocument is a policy document with the property it came from.
type namedDocument struct {
	path string
	doc  document
}

// identityDocuments returns the identity policy documents of r; unknown or invalid ones are recorded in f.
func identityDocuments(r Resource, f *Findings) []namedDocument {
	if r.Type != iamRole {
		if doc, ok := policyText(r, f, "policy"); ok {
			return []namedDocument{{"policy", doc}}
		}
		return nil
	}
	inline, known := items(r.Get("inlinePolicies"))
	if !known {
		f.Unknown(r, "inlinePolicies")
	}
	var out []namedDocument
	for i := range inline {
		if doc, ok := policyText(r, f, "inlinePolicies", i, "policy"); ok {
			out = append(out, namedDocument{pathString([]any{"inlinePolicies", i, "policy"}), doc})
		}
	}
	return out
}

// identityRule is a resource rule over every Allow statement of every identity policy document: check
// returns what is wrong with a statement ("" for nothing).
func identityRule(check func(s statement) string) func(r Resource, f *Findings) {
	return func(r Resource, f *Findings) { checkAllows(r, f, identityDocuments(r, f), check) }
}

// checkAllows fails r for every Allow statement of docs that check finds wrong.
func checkAllows(r Resource, f *Findings, docs []namedDocument, check func(s statement) string) {
	for _, d := range docs {
		for i, s := range d.doc.Statements {
			if problem := check(s); s.allows() && problem != "" {
				f.Fail(r, "%s statement %s %s", d.path, statementName(i, s), problem)
			}
		}
	}
}

// keyPolicyDocuments returns the key policy document of a key or key policy, if it can be read.
func keyPolicyDocuments(r Resource, f *Findings) []namedDocument {
	if doc, ok := policyText(r, f, "policy"); ok {
		return []namedDocument{{"policy", doc}}
	}
	return nil
}
