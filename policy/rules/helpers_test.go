package rules

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unknown stands for an input that is unknown until apply.
var unknown = resource.MakeComputed(resource.NewStringProperty(""))

// fixture builds a resource from plain inputs (resource.PropertyValue values are kept as they are).
func fixture(typ, name string, env Environment, inputs map[string]any) Resource {
	return Resource{Type: typ, Name: name, URN: "urn:pulumi:test::hybridcloud::" + typ + "::" + name, Env: env,
		EnvSource: "test", Props: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(inputs))}
}

// mutation is one case of a rule test: a change to the compliant inputs and the message it must produce
// ("" for none), or the unknown it must report.
type mutation struct {
	name        string
	env         Environment
	set         map[string]any
	wantFail    string
	wantUnknown string
}

// checkRule runs a resource rule over a compliant fixture, then once per mutation (one field changed).
func checkRule(t *testing.T, rule Rule, typ string, compliant map[string]any, cases []mutation) {
	t.Helper()
	require.Contains(t, rule.Types, typ)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inputs := map[string]any{}
			for k, v := range compliant {
				inputs[k] = v
			}
			for k, v := range tc.set {
				if v == nil {
					delete(inputs, k)
				} else {
					inputs[k] = v
				}
			}
			env := tc.env
			if env == "" {
				env = Prod
			}
			r := fixture(typ, "res", env, inputs)
			var f Findings
			if rule.applies(typ, env) {
				rule.Resource(r, &f)
			}
			var fails, unknowns []string
			for _, v := range f.All() {
				if v.Unknown {
					unknowns = append(unknowns, v.Message)
				} else {
					fails = append(fails, v.Message)
				}
			}
			if tc.wantFail == "" {
				assert.Empty(t, fails, "inputs %v", inputs)
			} else {
				require.Len(t, fails, 1, "inputs %v", inputs)
				assert.Contains(t, fails[0], tc.wantFail)
				assert.True(t, strings.Contains(fails[0], `"res"`), "the message names the resource: %s", fails[0])
				t.Log(fails[0])
			}
			if tc.wantUnknown == "" {
				assert.Empty(t, unknowns)
			} else {
				require.Len(t, unknowns, 1)
				assert.Contains(t, unknowns[0], tc.wantUnknown)
			}
		})
	}
}

func TestEveryRuleIsDescribedAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		assert.False(t, seen[r.ID], "duplicate rule id %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Control, r.ID)
		assert.NotEmpty(t, r.Description, r.ID)
		assert.NotEmpty(t, r.Severity, r.ID)
		assert.True(t, (r.Resource == nil) != (r.Stack == nil), "%s has exactly one of Resource and Stack", r.ID)
		assert.Equal(t, r.Resource != nil, len(r.Types) > 0, "%s: a resource rule names its types", r.ID)
	}
}

// node is a stack-rule fixture: a resource with inputs and the URNs each input was built from.
func node(typ, name string, inputs map[string]any, deps map[string][]string) Resource {
	r := fixture(typ, name, Prod, inputs)
	r.Deps = deps
	return r
}

// dependsOn says input prop was built from the resources given.
func dependsOn(prop string, rs ...Resource) map[string][]string {
	urns := make([]string, 0, len(rs))
	for _, r := range rs {
		urns = append(urns, r.URN)
	}
	return map[string][]string{prop: urns}
}

// stackFailures runs a stack rule and returns its messages.
func stackFailures(rule Rule, rs ...Resource) []string {
	var f Findings
	rule.Stack(rs, &f)
	var out []string
	for _, v := range f.All() {
		out = append(out, v.Message)
	}
	return out
}
