// Command plandiff compares two offline plans in JSON (`make plan FORMAT=json`) and prints what differs:
// resources removed, added, moved (same type and inputs under another name or parent) and changed (same
// type and name, other inputs, parent or protection). `make plan-diff STACK=prod BASE=<git rev>` runs it
// against the plan of another commit, which proves a refactoring declares what it declared before.
//
//	plandiff old.json new.json
//	plandiff -rename prod-vpc-logs=prod-foundation-logs old.json new.json
//
// -rename old=new[@type-prefix] (repeatable) renames the old plan's resources called old (or old-...), of
// the types starting with the prefix when one is given, and rewrites the references to them in inputs
// (ARNs and aliases ending in :old or /old) before comparing: a resource that moved to another name then
// shows only what else changed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "plandiff:", err)
		os.Exit(2)
	}
}

// resource is one entry of a JSON plan.
type resource struct {
	Type           string         `json:"type"`
	Name           string         `json:"name"`
	Parent         string         `json:"parent"`
	Protect        bool           `json:"protect"`
	RetainOnDelete bool           `json:"retainOnDelete"`
	Inputs         map[string]any `json:"inputs"`
}

func (r resource) key() string { return r.Type + " " + r.Name }

// rename is one -rename old=new[@type-prefix].
type rename struct {
	from, to, types string
	ref             *regexp.Regexp // a reference to from in an input: after ':' or '/'
}

// renames is the repeatable -rename flag.
type renames []rename

func (r *renames) String() string { return fmt.Sprint(*r) }

func (r *renames) Set(v string) error {
	spec, types, _ := strings.Cut(v, "@")
	from, to, ok := strings.Cut(spec, "=")
	if !ok || from == "" || to == "" {
		return fmt.Errorf("-rename %q: want old=new or old=new@type-prefix", v)
	}
	*r = append(*r, rename{from: from, to: to, types: types, ref: regexp.MustCompile(`([:/])` + regexp.QuoteMeta(from) + `\b`)})
	return nil
}

func run(argv []string, out io.Writer) error {
	flags := flag.NewFlagSet("plandiff", flag.ContinueOnError)
	flags.SetOutput(io.Discard) // the returned error says what is wrong
	var rename renames
	flags.Var(&rename, "rename", "old=new: a resource name that changed (repeatable)")
	if err := flags.Parse(argv); err != nil {
		return err
	}
	args := flags.Args()
	if len(args) != 2 {
		return fmt.Errorf("usage: plandiff [-rename old=new]... old.json new.json")
	}
	old, err := load(args[0], rename)
	if err != nil {
		return err
	}
	next, err := load(args[1], nil)
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, diff(old, next))
	return err
}

func load(path string, rename renames) (map[string]resource, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var list []resource
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make(map[string]resource, len(list))
	for _, r := range list {
		for _, rn := range rename {
			if strings.HasPrefix(r.Type, rn.types) {
				r.Name = replaceName(r.Name, rn)
			}
			r.Inputs = replaceIn(r.Inputs, rn).(map[string]any)
		}
		out[r.key()] = r
	}
	return out, nil
}

// replaceName renames a resource called old, or named after it (old-suffix).
func replaceName(name string, rn rename) string {
	if name == rn.from || strings.HasPrefix(name, rn.from+"-") {
		return rn.to + strings.TrimPrefix(name, rn.from)
	}
	return name
}

// replaceIn rewrites the references to old in every string of an input value.
func replaceIn(v any, rn rename) any {
	switch t := v.(type) {
	case string:
		return rn.ref.ReplaceAllString(t, "${1}"+rn.to)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = replaceIn(e, rn)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = replaceIn(e, rn)
		}
		return out
	default:
		return v
	}
}

// diff describes how next differs from old, one line per resource, sorted; "no differences" when none.
func diff(old, next map[string]resource) string {
	var removed, added []resource
	var changed []string
	for _, k := range slices.Sorted(maps.Keys(old)) {
		n, ok := next[k]
		if !ok {
			removed = append(removed, old[k])
			continue
		}
		if what := changes(old[k], n); what != "" {
			changed = append(changed, fmt.Sprintf("changed  %s: %s", k, what))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(next)) {
		if _, ok := old[k]; !ok {
			added = append(added, next[k])
		}
	}
	var lines []string
	for _, r := range removed {
		if i := slices.IndexFunc(added, func(a resource) bool { return a.Type == r.Type && reflect.DeepEqual(a.Inputs, r.Inputs) }); i >= 0 {
			lines = append(lines, fmt.Sprintf("moved    %s -> %s (inputs equal)%s", r.key(), added[i].Name, parentChange(r, added[i])))
			added = slices.Delete(added, i, i+1)
			continue
		}
		lines = append(lines, "removed  "+r.key())
	}
	for _, a := range added {
		lines = append(lines, "added    "+a.key())
	}
	lines = append(lines, changed...)
	if len(lines) == 0 {
		return "no differences\n"
	}
	return strings.Join(lines, "\n") + "\n"
}

func parentChange(o, n resource) string {
	if o.Parent == n.Parent {
		return ""
	}
	return fmt.Sprintf(", parent %s -> %s", lastPart(o.Parent), lastPart(n.Parent))
}

// changes lists what differs between two versions of one resource: the input keys, the parent, protection.
func changes(o, n resource) string {
	var what []string
	keys := map[string]bool{}
	for k := range o.Inputs {
		keys[k] = true
	}
	for k := range n.Inputs {
		keys[k] = true
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if !reflect.DeepEqual(o.Inputs[k], n.Inputs[k]) {
			what = append(what, fmt.Sprintf("input %s %s -> %s", k, short(o.Inputs[k]), short(n.Inputs[k])))
		}
	}
	if o.Parent != n.Parent {
		what = append(what, "parent "+lastPart(o.Parent)+" -> "+lastPart(n.Parent))
	}
	if o.Protect != n.Protect {
		what = append(what, fmt.Sprintf("protect %v -> %v", o.Protect, n.Protect))
	}
	if o.RetainOnDelete != n.RetainOnDelete {
		what = append(what, fmt.Sprintf("retainOnDelete %v -> %v", o.RetainOnDelete, n.RetainOnDelete))
	}
	return strings.Join(what, "; ")
}

// short renders a value for a one-line report.
func short(v any) string {
	if v == nil {
		return "(none)"
	}
	b, _ := json.Marshal(v)
	if s := string(b); len(s) <= 80 {
		return s
	}
	return string(b[:77]) + "..."
}

// lastPart is the type and name at the end of a URN.
func lastPart(urn string) string {
	if i := strings.LastIndex(urn, "::"); i >= 0 {
		if j := strings.LastIndex(urn[:i], "$"); j >= 0 {
			return urn[j+1:]
		}
		if j := strings.LastIndex(urn[:i], "::"); j >= 0 {
			return urn[j+2:]
		}
	}
	return urn
}
