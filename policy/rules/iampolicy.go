package rules

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
)

// document is an IAM policy document (identity, trust, bucket, key or topic policy) in the shapes IAM
// accepts: Statement as one object or a list; Action, Resource and principals as a string or a list;
// condition values as a string, a boolean, a number or a list of them.
type document struct {
	Statements []statement
}

// statement is one statement of a document, normalised.
type statement struct {
	Sid, Effect             string
	Actions, NotActions     []string
	Resources, NotResources []string
	// HasNotAction and HasNotResource say the statement used the Not form (a NotPrincipal statement has no
	// Principals).
	HasNotAction, HasNotResource bool
	// Principals maps a principal type ("AWS", "Service", "Federated", "CanonicalUser") to its values;
	// Principal "*" is recorded as {"*": ["*"]}.
	Principals map[string][]string
	// Conditions maps an operator (as written) to condition keys (lower case, as IAM compares them) and
	// their values as strings.
	Conditions map[string]map[string][]string
}

// parseDocument decodes a policy document.
func parseDocument(doc string) (document, error) {
	var raw struct {
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(doc), &raw); err != nil {
		return document{}, err
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw.Statement, &list); err != nil {
		list = []json.RawMessage{raw.Statement}
	}
	out := document{}
	for _, one := range list {
		var s struct {
			Sid         string                    `json:"Sid"`
			Effect      string                    `json:"Effect"`
			Action      any                       `json:"Action"`
			NotAction   any                       `json:"NotAction"`
			Resource    any                       `json:"Resource"`
			NotResource any                       `json:"NotResource"`
			Principal   any                       `json:"Principal"`
			Condition   map[string]map[string]any `json:"Condition"`
		}
		if err := json.Unmarshal(one, &s); err != nil {
			return document{}, fmt.Errorf("statement %s: %w", one, err)
		}
		st := statement{Sid: s.Sid, Effect: s.Effect,
			Actions: strs(s.Action), NotActions: strs(s.NotAction), Resources: strs(s.Resource), NotResources: strs(s.NotResource),
			HasNotAction: s.NotAction != nil, HasNotResource: s.NotResource != nil,
			Principals: principals(s.Principal), Conditions: map[string]map[string][]string{}}
		for op, keys := range s.Condition {
			st.Conditions[op] = map[string][]string{}
			for k, v := range keys {
				st.Conditions[op][strings.ToLower(k)] = strs(v)
			}
		}
		out.Statements = append(out.Statements, st)
	}
	return out, nil
}

// strs reads a policy element that is a string, a boolean, a number or a list of them.
func strs(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, strs(e)...)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func principals(v any) map[string][]string {
	switch x := v.(type) {
	case nil:
		return nil
	case map[string]any:
		out := map[string][]string{}
		for k, e := range x {
			out[k] = strs(e)
		}
		return out
	}
	return map[string][]string{"*": strs(v)}
}

// allows says whether the statement is an Allow.
func (s statement) allows() bool { return s.Effect == "Allow" }

// grants says whether the statement's actions cover action (IAM action names and patterns are
// case-insensitive).
func (s statement) grants(action string) bool {
	if s.HasNotAction {
		return !slices.ContainsFunc(s.NotActions, func(p string) bool { return globMatch(p, action) })
	}
	return slices.ContainsFunc(s.Actions, func(p string) bool { return globMatch(p, action) })
}

// onEveryResource says whether the statement applies to Resource "*" (or to every resource but some).
func (s statement) onEveryResource() bool {
	return s.HasNotResource || slices.Contains(s.Resources, "*")
}

// everyone says whether the statement's principal is anyone: "*" or {"AWS": "*"}.
func (s statement) everyone() bool {
	return slices.Contains(s.Principals["*"], "*") || slices.Contains(s.Principals["AWS"], "*")
}

// conditionValues returns the values of condition key (any case) under every operator whose name is one
// of ops (also in its IfExists form).
func (s statement) conditionValues(key string, ops ...string) []string {
	var out []string
	for op, keys := range s.Conditions {
		if slices.Contains(ops, strings.TrimSuffix(op, "IfExists")) {
			out = append(out, keys[strings.ToLower(key)]...)
		}
	}
	return out
}

// hasConditionKey says whether the statement has a condition on key (any case) under any operator.
func (s statement) hasConditionKey(key string) bool {
	for _, keys := range s.Conditions {
		if _, ok := keys[strings.ToLower(key)]; ok {
			return true
		}
	}
	return false
}

// globMatch matches an IAM pattern ("*" and "?" wildcards), case-insensitively.
func globMatch(pattern, name string) bool {
	// path.Match treats only "/" specially; IAM names have no "/" in actions, and ARN patterns are matched
	// segment-free by replacing it.
	ok, _ := path.Match(strings.ReplaceAll(strings.ToLower(pattern), "/", "\x00"), strings.ReplaceAll(strings.ToLower(name), "/", "\x00"))
	return ok // a malformed pattern matches nothing
}

// policyText reads a JSON policy document input of r at prop: ok is false (and the reason recorded) when it
// is unknown or not a valid document; a missing document reads as an empty one.
func policyText(r Resource, f *Findings, prop ...any) (document, bool) {
	v := r.Get(prop...)
	doc, known := text(v)
	switch {
	case !known:
		f.Unknown(r, pathString(prop))
		return document{}, false
	case doc == "":
		return document{}, true
	}
	d, err := parseDocument(doc)
	if err != nil {
		f.Fail(r, "%s is not a valid policy document: %v", pathString(prop), err)
		return document{}, false
	}
	return d, true
}
