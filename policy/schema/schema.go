// Package schema holds the input schema of every resource type the policy pack reads or the program declares,
// as the pulumi-aws SDK defines it, and checks property paths and fixture inputs against it. The schema file
// (policy/rules/testdata/schema.json) is generated from the SDK's input types by reflection
// (`go test ./policy/offline -run TestSchemaFile -update`) and checked against them by the same test, so the
// rule tests, which do not link pulumi-aws, can still refuse a property name the provider does not know.
package schema

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Kinds of a schema node.
const (
	String = "string"
	Bool   = "bool"
	Number = "number"
	Array  = "array"
	Object = "object"
	Map    = "map"
	Any    = "any"
)

// Schema maps a type token to its input paths and their kinds. A path joins field names with ".", marks the
// elements of a list with "[]" and the values of a map with "{}": "ingress[].cidrBlocks[]", "tags{}".
type Schema struct {
	Types map[string]map[string]string `json:"types"`
	// MapKeys lists, for map-typed inputs whose keys the provider documents (pulumi-aws passes map keys
	// verbatim, so they keep the Terraform names), the keys it reads.
	MapKeys map[string]map[string][]string `json:"mapKeys"`
}

// Load reads a schema file.
func Load(path string) (*Schema, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	var s Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("schema: %s: %w", path, err)
	}
	return &s, nil
}

// Write writes s to path, sorted, one path per line, so diffs stay readable.
func (s *Schema) Write(path string) error {
	raw, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	return os.WriteFile(path, append(raw, '\n'), 0o644)
}

// CheckPath checks a declared read path ("a.b", "a[].b", "tags.Name") of type typ.
func (s *Schema) CheckPath(typ, path string) error {
	fields, ok := s.Types[typ]
	if !ok {
		return fmt.Errorf("schema: no input schema for %s", typ)
	}
	node := ""
	for _, step := range split(path) {
		next, err := s.step(typ, fields, node, step)
		if err != nil {
			return fmt.Errorf("%s %s: %w", typ, path, err)
		}
		if fields[next] == Any {
			return nil
		}
		node = next
	}
	return nil
}

// split turns "a[].b.c" into ["a", "[]", "b", "c"].
func split(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		n := 0
		for strings.HasSuffix(part, "[]") {
			part = strings.TrimSuffix(part, "[]")
			n++
		}
		out = append(out, part)
		for ; n > 0; n-- {
			out = append(out, "[]")
		}
	}
	return out
}

// step moves from node (a schema path, "" for the root) by one step: a field, "[]" or a map key.
func (s *Schema) step(typ string, fields map[string]string, node, step string) (string, error) {
	kind := Object
	if node != "" {
		kind = fields[node]
	}
	switch kind {
	case Array:
		if step != "[]" {
			return "", fmt.Errorf("%s is a list: want [] before %q", node, step)
		}
		return node + "[]", nil
	case Map:
		if keys := s.MapKeys[typ][node]; keys != nil && !slices.Contains(keys, step) {
			return "", fmt.Errorf("%s has no key %q; the provider reads %v", node, step, keys)
		}
		return node + "{}", nil
	case Object:
		next := step
		if node != "" {
			next = node + "." + step
		}
		if _, ok := fields[next]; !ok {
			return "", fmt.Errorf("no input %q (have %s)", next, strings.Join(children(fields, node), ", "))
		}
		return next, nil
	}
	return "", fmt.Errorf("%s is a %s: it has no %q", node, kind, step)
}

// children lists the fields directly under node, for error messages.
func children(fields map[string]string, node string) []string {
	prefix := ""
	if node != "" {
		prefix = node + "."
	}
	var out []string
	for p := range fields {
		rest, ok := strings.CutPrefix(p, prefix)
		if ok && !strings.ContainsAny(rest, ".[{") {
			out = append(out, rest)
		}
	}
	sort.Strings(out)
	return out
}

// CheckInputs checks every key and value kind of props (the inputs of a resource of type typ) against the
// schema. Unknown and secret values match any kind; null matches every kind.
func (s *Schema) CheckInputs(typ string, props property.Map) error {
	fields, ok := s.Types[typ]
	if !ok {
		return fmt.Errorf("schema: no input schema for %s", typ)
	}
	var errs []string
	var walk func(node string, v property.Value)
	walk = func(node string, v property.Value) {
		kind := Object
		if node != "" {
			kind = fields[node]
		}
		if v.IsNull() || v.IsComputed() || kind == Any {
			return
		}
		if got := kindOf(v); got != kind && (got != Object || kind != Map) {
			errs = append(errs, fmt.Sprintf("%s is a %s; the provider takes a %s", display(node), got, kind))
			return
		}
		switch kind {
		case Array:
			for _, e := range v.AsArray().AsSlice() {
				walk(node+"[]", e)
			}
		case Object, Map:
			for k, e := range v.AsMap().AllStable {
				next, err := s.step(typ, fields, node, k)
				if err != nil {
					errs = append(errs, err.Error())
					continue
				}
				walk(next, e)
			}
		}
	}
	walk("", property.New(props))
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%s: %s", typ, strings.Join(errs, "; "))
	}
	return nil
}

func display(node string) string {
	if node == "" {
		return "the inputs"
	}
	return node
}

func kindOf(v property.Value) string {
	switch {
	case v.IsString():
		return String
	case v.IsBool():
		return Bool
	case v.IsNumber():
		return Number
	case v.IsArray():
		return Array
	case v.IsMap():
		return Object
	}
	return Any
}
