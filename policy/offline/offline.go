package offline

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/rules"
)

// Resources converts every recorded resource to what the analyzer receives: its inputs (unknowns and
// secrets kept), its provider's inputs (where the Environment default tag is read), protect, parent and
// property dependencies.
func Resources(res *plan.Result) []policyx.AnalyzerResource {
	byURN := make(map[string]plan.Resource, len(res.Resources))
	for _, r := range res.Resources {
		byURN[r.URN] = r
	}
	out := make([]policyx.AnalyzerResource, 0, len(res.Resources))
	for _, r := range res.Resources {
		a := policyx.AnalyzerResource{
			Type:                 r.Type,
			Name:                 r.Name,
			URN:                  r.URN,
			Properties:           resource.FromResourcePropertyMap(r.Inputs),
			Options:              pulumi.ResourceOptions{Protect: r.Protect, RetainOnDelete: r.RetainOnDelete},
			Parent:               r.Parent,
			PropertyDependencies: r.Dependencies,
		}
		for _, deps := range r.Dependencies {
			a.Dependencies = append(a.Dependencies, deps...)
		}
		// A provider reference is "<urn>::<id>".
		if i := strings.LastIndex(r.Provider, "::"); i > 0 {
			if p, ok := byURN[r.Provider[:i]]; ok {
				a.Provider = policyx.AnalyzerProviderResource{Type: p.Type, Name: p.Name, URN: p.URN,
					Properties: resource.FromResourcePropertyMap(p.Inputs)}
			}
		}
		out = append(out, a)
	}
	return out
}

// Check runs the whole pack (resource and stack policies) over a recorded run, with no policy config and no
// stack tags, as a CI `pulumi preview --policy-pack policy` would. stack is the configuration the run used:
// its hybridcloud:environment is the stack's environment, as the engine passes it to the pack. A mandatory
// violation on KnownViolations is marked Known.
func Check(res *plan.Result, stack plan.Stack) ([]rules.Violation, error) {
	env := rules.Environment(stack.Config[rules.EnvironmentConfigKey])
	vs, err := rules.Evaluate(rules.Policies(env), Resources(res), nil, nil)
	for i, v := range vs {
		if k, ok := known(v); ok {
			vs[i].Known = k.fixedBy() + ": " + k.Why
		}
	}
	return vs, err
}

// Mandatory keeps the violations that block a deployment: mandatory ones that are not known violations.
func Mandatory(vs []rules.Violation) []rules.Violation {
	var out []rules.Violation
	for _, v := range vs {
		if v.Mandatory() && v.Known == "" {
			out = append(out, v)
		}
	}
	return out
}

// Known keeps the known violations (KnownViolations).
func Known(vs []rules.Violation) []rules.Violation {
	var out []rules.Violation
	for _, v := range vs {
		if v.Known != "" {
			out = append(out, v)
		}
	}
	return out
}
