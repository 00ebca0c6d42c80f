package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Severity ranks how bad a violation is, for reviewers and the docs table.
type Severity string

// Severities.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Environment is the stack's environment as the rules see it.
type Environment string

// Environments.
const (
	Dev  Environment = "dev"
	Prod Environment = "prod"
)

// Rule is one check of the pack. Exactly one of Resource and Stack is set.
type Rule struct {
	// ID is the stable policy name (never renamed: policy config and suppressions refer to it).
	ID string
	// Control is the catalogue id the rule implements (FSBP "RDS.5", CIS, cdk-nag, or "custom").
	Control string
	// Severity ranks the risk of a violation.
	Severity Severity
	// Enforcement is the level in every environment not listed in AdvisoryIn.
	Enforcement policyx.EnforcementLevel
	// AdvisoryIn lists environments where a mandatory rule only advises (reported by the policy ID+"-advisory").
	AdvisoryIn []Environment
	// OnlyIn limits the rule to these environments (empty: all).
	OnlyIn []Environment
	// Description says what the rule requires and why, for a reviewer.
	Description string
	// Types are the resource type tokens a resource rule inspects.
	Types []string
	// Resource checks one resource.
	Resource func(r Resource, f *Findings)
	// Stack checks the whole stack.
	Stack func(rs []Resource, f *Findings)
}

// applies says whether the rule runs for a resource of type typ in env.
func (r Rule) applies(typ string, env Environment) bool {
	if r.Resource == nil || !slices.Contains(r.Types, typ) {
		return false
	}
	return len(r.OnlyIn) == 0 || slices.Contains(r.OnlyIn, env)
}

// Resource is what a rule sees of one resource.
type Resource struct {
	// Type is the type token, Name the logical name and URN the resource's URN.
	Type, Name, URN string
	// Props are the resource's inputs; values may be computed (unknown) or secret.
	Props property.Map
	// Env is the environment the resource is deployed to; EnvSource says where it was read ("" if assumed).
	Env       Environment
	EnvSource string
	// Deps maps an input property to the URNs of the resources it was built from (stack rules only).
	Deps map[string][]string
	// Protect is the resource's protect option.
	Protect bool
}

// Get walks path (map keys as strings, array indexes as ints) into the inputs. A missing step yields Null;
// a computed step yields a computed value, so callers can tell "unset" from "unknown".
func (r Resource) Get(path ...any) property.Value {
	return walk(property.New(r.Props), path...)
}

func walk(v property.Value, path ...any) property.Value {
	for _, step := range path {
		if v.IsComputed() {
			return v
		}
		switch s := step.(type) {
		case string:
			if !v.IsMap() {
				return property.Value{}
			}
			v = v.AsMap().Get(s)
		case int:
			if !v.IsArray() || s >= v.AsArray().Len() {
				return property.Value{}
			}
			v = v.AsArray().Get(s)
		}
	}
	return v
}

// DependsOn says whether input prop of r was built from the resource with URN urn.
func (r Resource) DependsOn(prop, urn string) bool {
	return slices.Contains(r.Deps[prop], urn)
}

// label names a resource in messages: its short type and logical name.
func (r Resource) label() string {
	typ := r.Type
	if i := strings.LastIndex(typ, ":"); i >= 0 {
		typ = typ[i+1:]
	}
	return fmt.Sprintf("%s %q", typ, r.Name)
}

// Finding is one result of a rule on one resource.
type Finding struct {
	// URN is the resource the finding is about.
	URN string
	// Message names the resource, the property and the offending value.
	Message string
	// Unknown is true when the rule could not decide because an input is unknown until apply.
	Unknown bool
}

// Findings collects what a rule found.
type Findings struct {
	list []Finding
}

// Fail records a violation on r.
func (f *Findings) Fail(r Resource, format string, args ...any) {
	f.list = append(f.list, Finding{URN: r.URN, Message: r.label() + ": " + fmt.Sprintf(format, args...)})
}

// Unknown records that prop of r is unknown until apply, so the rule could not check it.
func (f *Findings) Unknown(r Resource, prop string) {
	f.list = append(f.list, Finding{URN: r.URN, Unknown: true,
		Message: fmt.Sprintf("%s: %s is unknown until apply; checked again by `pulumi up`", r.label(), prop)})
}

// All returns the findings in the order they were made.
func (f *Findings) All() []Finding { return f.list }

// show prints a value for a message, hiding secrets.
func show(v property.Value) string {
	switch {
	case v.Secret():
		return "[secret]"
	case v.IsComputed():
		return "[unknown]"
	case v.IsNull():
		return "unset"
	case v.IsString():
		return fmt.Sprintf("%q", v.AsString())
	case v.IsBool():
		return fmt.Sprint(v.AsBool())
	case v.IsNumber():
		return fmt.Sprint(v.AsNumber())
	case v.IsArray():
		parts := make([]string, 0, v.AsArray().Len())
		for _, e := range v.AsArray().AsSlice() {
			parts = append(parts, show(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return v.GoString()
}

// truth reads a boolean input that pulumi-aws v6 may type as a string ("true"). Null reads as false.
func truth(v property.Value) (val, known bool) {
	switch {
	case v.IsComputed():
		return false, false
	case v.IsBool():
		return v.AsBool(), true
	case v.IsString():
		return strings.EqualFold(v.AsString(), "true"), true
	}
	return false, true
}

// text reads a string input; null reads as "".
func text(v property.Value) (val string, known bool) {
	switch {
	case v.IsComputed():
		return "", false
	case v.IsString():
		return v.AsString(), true
	}
	return "", true
}

// number reads a numeric input; null reads as dflt.
func number(v property.Value, dflt float64) (val float64, known bool) {
	switch {
	case v.IsComputed():
		return 0, false
	case v.IsNumber():
		return v.AsNumber(), true
	}
	return dflt, true
}

// items returns an array input's elements; null is an empty list.
func items(v property.Value) (vals []property.Value, known bool) {
	switch {
	case v.IsComputed():
		return nil, false
	case v.IsArray():
		return v.AsArray().AsSlice(), true
	}
	return nil, true
}

// requireTrue fails r unless the boolean at path is true; unset counts as false.
func requireTrue(r Resource, f *Findings, path ...any) {
	v := r.Get(path...)
	val, known := truth(v)
	switch {
	case !known:
		f.Unknown(r, pathString(path))
	case !val:
		f.Fail(r, "%s is %s; want true", pathString(path), show(v))
	}
}

// requireSet fails r unless the input at path is set to a non-empty value.
func requireSet(r Resource, f *Findings, path ...any) {
	v := r.Get(path...)
	switch {
	case v.IsComputed():
		// an unknown value is a value: it will be set, only its content is unknown.
	case v.IsNull(), v.IsString() && v.AsString() == "":
		f.Fail(r, "%s is unset; want it set", pathString(path))
	}
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		switch s := p.(type) {
		case string:
			if i > 0 {
				b.WriteString(".")
			}
			b.WriteString(s)
		case int:
			fmt.Fprintf(&b, "[%d]", s)
		}
	}
	return b.String()
}
