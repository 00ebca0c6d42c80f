package rules

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/policy/schema"
)

// The rule tests start from what the program really declares (testdata/program.json, a snapshot of both
// stacks' `pulumi up` that policy/offline keeps in step with the program) and change one input per case.
// Every input of every case is checked against the pulumi-aws SDK's input schema (testdata/schema.json,
// generated from the SDK by policy/offline), so a fixture can only use property names the provider knows.

// unknown stands for an input that is unknown until apply.
var unknown = resource.MakeComputed(resource.NewStringProperty(""))

// secret wraps a value the way the engine marks a secret.
func secret(s string) resource.PropertyValue {
	return resource.MakeSecret(resource.NewStringProperty(s))
}

// snapshotResource is one resource of testdata/program.json.
type snapshotResource struct {
	Type           string              `json:"type"`
	Name           string              `json:"name"`
	URN            string              `json:"urn"`
	Protect        bool                `json:"protect"`
	RetainOnDelete bool                `json:"retainOnDelete"`
	Inputs         map[string]any      `json:"inputs"`
	Deps           map[string][]string `json:"deps"`
	// outputs are outputs a stack-rule test adds (the engine sends stack policies outputs: ids, ARNs).
	outputs map[string]any
	// props caches the converted, schema-checked inputs of a resource no test has edited.
	props *property.Map
}

var (
	loadOnce sync.Once
	sdk      *schema.Schema
	program  map[string][]snapshotResource
	loadErr  error
)

func load(t testing.TB) {
	t.Helper()
	loadOnce.Do(func() {
		sdk, loadErr = schema.Load("testdata/schema.json")
		if loadErr != nil {
			return
		}
		raw, err := os.ReadFile("testdata/program.json")
		if err != nil {
			loadErr = err
			return
		}
		if loadErr = json.Unmarshal(raw, &program); loadErr != nil {
			return
		}
		for _, rs := range program {
			for i := range rs {
				m := resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(rs[i].Inputs))
				if loadErr = sdk.CheckInputs(rs[i].Type, m); loadErr != nil {
					return
				}
				rs[i].props = &m
			}
		}
	})
	require.NoError(t, loadErr)
}

// deepCopy copies plain JSON-like values (maps, slices, scalars, property values).
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}

// inputsOf returns a copy of the inputs the program declares for a resource of a stack ("dev", "prod" or a
// variant such as "dev+ec2-gateway").
func inputsOf(t testing.TB, stack, typ, name string) map[string]any {
	t.Helper()
	load(t)
	for _, r := range program[stack] {
		if r.Type == typ && r.Name == name {
			return deepCopy(r.Inputs).(map[string]any)
		}
	}
	t.Fatalf("the %s snapshot declares no %s %q", stack, typ, name)
	return nil
}

// namesOf lists the resources of one type prod declares, so a test can start from each of them.
func namesOf(t testing.TB, typ string) []string {
	const stack = "prod"
	t.Helper()
	load(t)
	var out []string
	for _, r := range program[stack] {
		if r.Type == typ {
			out = append(out, r.Name)
		}
	}
	require.NotEmpty(t, out, "the %s snapshot declares no %s", stack, typ)
	return out
}

// step of a path: a key or an index.
var indexed = regexp.MustCompile(`^(.*)\[(\d+)\]$`)

// setPath sets (or, for a nil value, deletes) the input at a path such as "a.b[0].c" in m, creating the
// objects on the way.
func setPath(t testing.TB, m map[string]any, path string, v any) {
	t.Helper()
	parts := strings.Split(path, ".")
	var cur any = m
	for i, part := range parts {
		last := i == len(parts)-1
		key, idx := part, -1
		if g := indexed.FindStringSubmatch(part); g != nil {
			key = g[1]
			idx, _ = strconv.Atoi(g[2])
		}
		obj, ok := cur.(map[string]any)
		require.True(t, ok, "%s: %s is not an object", path, part)
		if idx < 0 {
			if last {
				if v == nil {
					delete(obj, key)
				} else {
					obj[key] = v
				}
				return
			}
			if _, ok := obj[key].(map[string]any); !ok {
				obj[key] = map[string]any{}
			}
			cur = obj[key]
			continue
		}
		list, _ := obj[key].([]any)
		require.LessOrEqual(t, idx, len(list), "%s: index %d past the end", path, idx)
		if idx == len(list) {
			list = append(list, map[string]any{})
			obj[key] = list
		}
		if last {
			if v == nil {
				obj[key] = append(list[:idx:idx], list[idx+1:]...)
			} else {
				list[idx] = v
			}
			return
		}
		cur = list[idx]
	}
}

// props turns plain inputs into what the analyzer sends, checking them against the SDK schema of typ.
func props(t testing.TB, typ string, inputs map[string]any) property.Map {
	t.Helper()
	load(t)
	m := resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(inputs))
	require.NoError(t, sdk.CheckInputs(typ, m), "a fixture may only use inputs the provider knows")
	return m
}

// fixture builds a resource from plain inputs (resource.PropertyValue values are kept as they are).
func fixture(t testing.TB, typ, name string, inputs map[string]any) Resource {
	t.Helper()
	return Resource{Type: typ, Name: name, URN: "urn:pulumi:test::hybridcloud::" + typ + "::" + name, Env: Prod,
		EnvSource: "test", Props: props(t, typ, inputs)}
}

// mutation is one case of a resource rule test: changes to the compliant inputs (path → value, nil deletes)
// and what the rule must then report: nothing, failures containing wantFail (wantFails of them, default 1),
// or an unknown naming wantUnknown.
type mutation struct {
	name        string
	set         map[string]any
	protect     bool
	config      map[string]any
	wantFail    string
	wantFails   int
	wantUnknown string
}

// proven records, per rule, whether a test saw it fire and pass; TestMain checks every rule was seen both.
var proven = struct {
	sync.Mutex
	fired, passed map[string]bool
}{fired: map[string]bool{}, passed: map[string]bool{}}

func prove(rule Rule, fired bool) {
	proven.Lock()
	defer proven.Unlock()
	if fired {
		proven.fired[rule.ID] = true
	} else {
		proven.passed[rule.ID] = true
	}
}

// checkRule runs a resource rule over compliant inputs of type typ, then once per mutation.
func checkRule(t *testing.T, rule Rule, typ string, compliant map[string]any, cases []mutation) {
	t.Helper()
	require.Contains(t, rule.Types, typ)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inputs := deepCopy(compliant).(map[string]any)
			keys := make([]string, 0, len(tc.set))
			for k := range tc.set {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				setPath(t, inputs, k, tc.set[k])
			}
			r := fixture(t, typ, "res", inputs)
			r.Protect, r.Config = tc.protect, tc.config
			var f Findings
			rule.Resource(r, &f)
			expect(t, rule, f, "res", tc.wantFail, tc.wantFails, tc.wantUnknown)
		})
	}
}

// expect checks findings against a case's expectations.
func expect(t *testing.T, rule Rule, f Findings, name, wantFail string, wantFails int, wantUnknown string) {
	t.Helper()
	var fails, unknowns []string
	for _, v := range f.All() {
		if v.Unknown {
			unknowns = append(unknowns, v.Message)
		} else {
			fails = append(fails, v.Message)
		}
	}
	if wantFail == "" {
		assert.Empty(t, fails)
		prove(rule, false)
	} else {
		if wantFails == 0 {
			wantFails = 1
		}
		require.Len(t, fails, wantFails, "%v", fails)
		named := false
		for _, msg := range fails {
			assert.Contains(t, msg, wantFail)
			named = named || strings.Contains(msg, fmt.Sprintf("%q", name))
		}
		assert.True(t, named, "a message names the resource %q: %v", name, fails)
		t.Log(fails)
		prove(rule, true)
	}
	if wantUnknown == "" {
		assert.Empty(t, unknowns)
	} else {
		require.NotEmpty(t, unknowns)
		for _, msg := range unknowns {
			assert.Contains(t, msg, wantUnknown)
		}
	}
}

// stack is a stack-rule fixture: the resources of a snapshot stack, editable by type and name.
type stack struct {
	t  *testing.T
	rs []snapshotResource
}

// programStack returns what the program declares for a stack; an edit copies the resource it edits first.
func programStack(t *testing.T, name string) *stack {
	t.Helper()
	load(t)
	// The stack-rule cases edit the primary region; prod's warm standby repeats its components in the DR
	// region (<stack>-dr-..., and the names zone), which policy/offline's runs check as declared.
	s := &stack{t: t, rs: slices.DeleteFunc(append([]snapshotResource(nil), program[name]...), func(r snapshotResource) bool {
		return strings.HasPrefix(r.Name, name+"-dr-") || strings.HasPrefix(r.Name, name+"-names")
	})}
	require.NotEmpty(t, s.rs, "no snapshot of %s", name)
	return s
}

// lookup returns a resource of the fixture, read only.
func (s *stack) lookup(typ, name string) *snapshotResource {
	s.t.Helper()
	for i := range s.rs {
		if s.rs[i].Type == typ && s.rs[i].Name == name {
			return &s.rs[i]
		}
	}
	s.t.Fatalf("the fixture has no %s %q", typ, name)
	return nil
}

// find returns a resource of the fixture to edit, with its own copy of the snapshot's inputs and
// dependencies.
func (s *stack) find(typ, name string) *snapshotResource {
	s.t.Helper()
	r := s.lookup(typ, name)
	if r.props != nil {
		r.Inputs = deepCopy(r.Inputs).(map[string]any)
		deps := make(map[string][]string, len(r.Deps))
		for k, v := range r.Deps {
			deps[k] = append([]string(nil), v...)
		}
		r.Deps, r.props = deps, nil
	}
	return r
}

// urn returns the URN of a resource of the fixture.
func (s *stack) urn(typ, name string) string { return s.lookup(typ, name).URN }

// set changes one input of a resource (nil deletes it).
func (s *stack) set(typ, name, path string, v any) *stack {
	setPath(s.t, s.find(typ, name).Inputs, path, v)
	return s
}

// drop removes every resource of typ (and name, when given).
func (s *stack) drop(typ string, names ...string) *stack {
	var kept []snapshotResource
	dropped := 0
	for _, r := range s.rs {
		if r.Type == typ && (len(names) == 0 || contains(names, r.Name)) {
			dropped++
			continue
		}
		kept = append(kept, r)
	}
	require.NotZero(s.t, dropped, "nothing to drop: %s %v", typ, names)
	s.rs = kept
	return s
}

// add declares a resource (dep gives it dependencies).
func (s *stack) add(typ, name string, inputs map[string]any) *stack {
	s.rs = append(s.rs, snapshotResource{Type: typ, Name: name, URN: "urn:pulumi:test::hybridcloud::" + typ + "::" + name, Inputs: inputs,
		Deps: map[string][]string{}})
	return s
}

// dep makes an input depend on resources of the fixture (by type and name pairs).
func (s *stack) dep(typ, name, prop string, targets ...string) *stack {
	r := s.find(typ, name)
	r.Deps[prop] = nil
	for i := 0; i+1 < len(targets); i += 2 {
		r.Deps[prop] = append(r.Deps[prop], s.urn(targets[i], targets[i+1]))
	}
	return s
}

// output gives a resource of the fixture an output value (its id or ARN), as the engine sends at up.
func (s *stack) output(typ, name, key string, v any) *stack {
	r := s.find(typ, name)
	if r.outputs == nil {
		r.outputs = map[string]any{}
	}
	r.outputs[key] = v
	return s
}

// resources is what a stack rule sees of the fixture.
func (s *stack) resources() []Resource {
	s.t.Helper()
	out := make([]Resource, 0, len(s.rs))
	for _, r := range s.rs {
		var p property.Map
		if r.props != nil {
			p = *r.props
		} else {
			p = props(s.t, r.Type, r.Inputs)
		}
		for k, v := range r.outputs {
			p = p.Set(k, resource.FromResourcePropertyValue(resource.NewPropertyValue(v)))
		}
		out = append(out, Resource{Type: r.Type, Name: r.Name, URN: r.URN, Props: p,
			Env: Prod, EnvSource: "test", Deps: r.Deps, Protect: r.Protect, RetainOnDelete: r.RetainOnDelete})
	}
	return out
}

// stackCase is one case of a stack rule test: edits to a snapshot stack and what the rule must report about
// resource on (the name of the resource the findings are about).
type stackCase struct {
	name        string
	stack       string
	edit        func(s *stack)
	on          string
	wantFail    string
	wantFails   int
	wantUnknown string
}

// checkStack runs a stack rule over each case's edited snapshot.
func checkStack(t *testing.T, rule Rule, cases []stackCase) {
	t.Helper()
	require.NotNil(t, rule.Stack)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.stack
			if name == "" {
				name = "prod"
			}
			s := programStack(t, name)
			if tc.edit != nil {
				tc.edit(s)
			}
			var f Findings
			rule.Stack(s.resources(), &f)
			on := tc.on
			if tc.wantFail == "" && tc.wantUnknown == "" {
				on = ""
			}
			expect(t, rule, f, on, tc.wantFail, tc.wantFails, tc.wantUnknown)
		})
	}
}

func contains(ss []string, s string) bool {
	for _, e := range ss {
		if e == s {
			return true
		}
	}
	return false
}

// TestMain runs the tests, then, when the whole suite ran, checks that every rule was seen firing on a
// violating resource and passing a compliant one.
func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if f := flag.Lookup("test.run"); code == 0 && f != nil && f.Value.String() == "" {
		var missing []string
		for _, r := range All() {
			if !proven.fired[r.ID] || !proven.passed[r.ID] {
				missing = append(missing, fmt.Sprintf("%s (fired %v, passed %v)", r.ID, proven.fired[r.ID], proven.passed[r.ID]))
			}
		}
		if len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "rules without a test that fires and one that passes: %s\n", strings.Join(missing, ", "))
			code = 1
		}
	}
	os.Exit(code)
}
