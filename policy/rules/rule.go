package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Severity ranks how bad a violation is, for reviewers, the docs table and every violation message.
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

// Rule is one check of the pack. Exactly one of Resource and Stack is set. A rule is mandatory in every
// environment except those listed in AdvisoryIn, where its advisory twin (ID+"-advisory") reports the same
// findings without blocking: a relaxation is always reported, never skipped.
type Rule struct {
	// ID is the stable policy name (never renamed: policy config and suppressions refer to it).
	ID string
	// Controls are the catalogue ids the rule implements: FSBP ("RDS.5"), Security Hub outside FSBP, cdk-nag
	// ("AwsSolutions-EC23"), pulumi/compliance-policies ("PCP aws-kms-key-missing-description"), AWSGuard
	// ("AWSGuard iam-role-no-policy-management-conflicts"), a catalogue row ("B31") or "custom".
	Controls []string
	// Severity ranks the risk of a violation.
	Severity Severity
	// AdvisoryIn lists environments where the rule only advises; Description says why.
	AdvisoryIn []Environment
	// Description says what the rule requires and why, for a reviewer.
	Description string
	// Remediation says what to change in the program or the stack file; every violation message ends with it.
	Remediation string
	// Exceptions are the cases the rule deliberately passes although a literal reading of its control would
	// flag them, each with its reason. They are shown in the docs table.
	Exceptions []string
	// Types are the resource type tokens a resource rule inspects.
	Types []string
	// Reads lists, per type token, the input property paths the rule reads ("a.b" for an object field or a
	// map key, "a[].b" for a field of every list element). A test checks every path against the pulumi-aws
	// SDK's input types, so a misspelt property cannot pass unnoticed.
	Reads map[string][]string
	// Config adds properties to the policy's config schema (JSON schema, with a default); resource rules read
	// them from Resource.Config.
	Config map[string]map[string]any
	// Resource checks one resource.
	Resource func(r Resource, f *Findings)
	// Stack checks the whole stack.
	Stack func(rs []Resource, f *Findings)
}

// applies says whether the rule inspects a resource of type typ.
func (r Rule) applies(typ string) bool {
	return slices.Contains(r.Types, typ) // stack rules have no Types
}

// advises says whether the rule only advises in env.
func (r Rule) advises(env Environment) bool {
	return slices.Contains(r.AdvisoryIn, env)
}

// header is the rule's policy description: its controls and severity, what it requires, and the fix. The
// engine (policyx) puts it on the first line of every violation message, above the finding itself.
func (r Rule) header() string {
	return fmt.Sprintf("[%s; severity %s] %s Remediation: %s.", strings.Join(r.Controls, ", "), r.Severity, r.Description, r.Remediation)
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
	// Deps maps an input property to the URNs of the resources it was built from.
	Deps map[string][]string
	// Protect and RetainOnDelete are the resource's options of those names.
	Protect, RetainOnDelete bool
	// Config is the policy config the engine sent for the rule (resource rules only; nil for none).
	Config map[string]any
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
	return fmt.Sprintf("%s %q", r.Type[strings.LastIndex(r.Type, ":")+1:], r.Name)
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
