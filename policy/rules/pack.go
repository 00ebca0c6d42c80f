package rules

import (
	"context"
	"encoding/json"
	"maps"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

const (
	// PackName is the policy pack's name, as in PulumiPolicy.yaml.
	PackName = "hybridcloud-guardrails"
	// PackVersion is the pack's version, as in PulumiPolicy.yaml.
	PackVersion = "0.2.0"
	// UnknownsPolicyID is the advisory policy that lists the resource checks a preview could not run because
	// an input is unknown until apply.
	UnknownsPolicyID = "preview-unknown-inputs"
	// StackUnknownsPolicyID is its twin for the stack rules.
	StackUnknownsPolicyID = "preview-unknown-stack-inputs"
	// AdvisorySuffix names the advisory twin of a rule that only advises in some environments.
	AdvisorySuffix = "-advisory"
	// EnvironmentTag is the provider default tag the environment is read from.
	EnvironmentTag = "Environment"
	// EnvironmentConfigKey is the stack config key that names the environment.
	EnvironmentConfigKey = "hybridcloud:environment"
	// assumedProd is appended to a message whose environment had to be assumed.
	assumedProd = " (environment unknown: assumed prod; tag the provider with Environment or set policy config environment)"
)

// envProperty lets an operator pin the environment through policy config (`{"<policy>": {"environment": "prod"}}`).
var envProperty = map[string]any{"type": "string", "enum": []any{string(Dev), string(Prod)}}

// NewPack builds the policy pack from every rule, for the stack the engine configured ctx with: the stack's
// hybridcloud:environment config, when set, is the environment of every resource.
func NewPack(ctx *pulumi.Context) (policyx.PolicyPack, error) {
	env, _ := ctx.GetConfig(EnvironmentConfigKey)
	return policyx.NewPolicyPack(PackName, semver.MustParse(PackVersion), policyx.EnforcementLevelMandatory, Policies(Environment(env)))
}

// Policies turns every rule into policyx policies: one per rule, an advisory twin for rules that only advise
// in some environments, and the two unknowns policies. stackEnv is the stack's environment ("" when
// unknown: each resource's provider tags decide, see environment).
func Policies(stackEnv Environment) []policyx.Policy {
	p := packer{stackEnv: stackEnv}
	var out []policyx.Policy
	for _, rule := range All() {
		out = append(out, p.policy(rule, rule.ID, policyx.EnforcementLevelMandatory, false))
		if len(rule.AdvisoryIn) > 0 {
			out = append(out, p.policy(rule, rule.ID+AdvisorySuffix, policyx.EnforcementLevelAdvisory, true))
		}
	}
	return append(out, p.unknownsPolicy(), p.stackUnknownsPolicy())
}

// packer builds policies for one stack.
type packer struct {
	stackEnv Environment
}

// policy is the policy that reports rule's findings on resources whose environment the rule advises in
// (advisory true) or does not (advisory false).
func (p packer) policy(rule Rule, id string, level policyx.EnforcementLevel, advisory bool) policyx.Policy {
	description := rule.header()
	if rule.Stack != nil {
		return policyx.NewStackValidationPolicy(id, policyx.StackValidationPolicyArgs{
			Description: description, EnforcementLevel: level,
			ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
				rs, byURN := p.resources(args.Resources)
				var f Findings
				rule.Stack(rs, &f)
				for _, v := range f.All() {
					r := byURN[v.URN]
					if !v.Unknown && rule.advises(r.Env) == advisory {
						args.Manager.ReportViolation(v.Message+assumed(rule, r), v.URN)
					}
				}
				return nil
			},
		})
	}
	return policyx.NewResourceValidationPolicy(id, policyx.ResourceValidationPolicyArgs{
		Description: description, EnforcementLevel: level, ConfigSchema: rule.schema(),
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			r := p.fromAnalyzer(args.Resource, args.Config, args.StackTags)
			if !rule.applies(r.Type) || rule.advises(r.Env) != advisory {
				return nil
			}
			var f Findings
			rule.Resource(r, &f)
			for _, v := range f.All() {
				if !v.Unknown { // unknowns are reported by the unknowns policy
					args.Manager.ReportViolation(v.Message+assumed(rule, r), v.URN)
				}
			}
			return nil
		},
	})
}

// assumed notes in a message that the environment was assumed, where the rule depends on it.
func assumed(rule Rule, r Resource) string {
	if r.EnvSource == "" && len(rule.AdvisoryIn) > 0 {
		return assumedProd
	}
	return ""
}

// schema is the rule's policy config schema: the environment pin and the rule's own properties.
func (r Rule) schema() *policyx.ConfigSchema {
	props := map[string]map[string]any{"environment": envProperty}
	maps.Copy(props, r.Config)
	return &policyx.ConfigSchema{Properties: props}
}

// unknownsPolicy runs every resource rule and reports what it could not check, so a preview that passes
// says which mandatory checks are still pending.
func (p packer) unknownsPolicy() policyx.Policy {
	return policyx.NewResourceValidationPolicy(UnknownsPolicyID, policyx.ResourceValidationPolicyArgs{
		Description:      "Resource checks a preview could not run because an input is unknown until apply (they run again at `pulumi up`).",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ConfigSchema:     &policyx.ConfigSchema{Properties: map[string]map[string]any{"environment": envProperty}},
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			r := p.fromAnalyzer(args.Resource, args.Config, args.StackTags)
			for _, rule := range All() {
				if !rule.applies(r.Type) {
					continue
				}
				var f Findings
				rule.Resource(r, &f)
				for _, v := range f.All() {
					if v.Unknown {
						args.Manager.ReportViolation(rule.ID+": "+v.Message, v.URN)
					}
				}
			}
			return nil
		},
	})
}

// stackUnknownsPolicy runs every stack rule and reports what it could not check. The engine runs stack
// policies again at the end of `pulumi up`, with every output known.
func (p packer) stackUnknownsPolicy() policyx.Policy {
	return policyx.NewStackValidationPolicy(StackUnknownsPolicyID, policyx.StackValidationPolicyArgs{
		Description:      "Stack checks a preview could not run because an input is unknown until apply (they run again at the end of `pulumi up`).",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
			rs, _ := p.resources(args.Resources)
			for _, rule := range All() {
				if rule.Stack == nil {
					continue
				}
				var f Findings
				rule.Stack(rs, &f)
				for _, v := range f.All() {
					if v.Unknown {
						args.Manager.ReportViolation(rule.ID+": "+v.Message, v.URN)
					}
				}
			}
			return nil
		},
	})
}

// resources is the rules' view of every resource of the stack, and the same indexed by URN.
func (p packer) resources(as []policyx.AnalyzerResource) ([]Resource, map[string]Resource) {
	rs := make([]Resource, 0, len(as))
	byURN := make(map[string]Resource, len(as))
	for _, a := range as {
		r := p.fromAnalyzer(a, nil, nil)
		rs = append(rs, r)
		byURN[r.URN] = r
	}
	return rs, byURN
}

// fromAnalyzer is the rules' view of an analyzer resource, with its environment resolved.
func (p packer) fromAnalyzer(a policyx.AnalyzerResource, config map[string]any, stackTags map[string]string) Resource {
	env, source := environment(a, config, p.stackEnv, stackTags)
	return Resource{
		Type: a.Type, Name: a.Name, URN: a.URN, Props: a.Properties,
		Env: env, EnvSource: source, Deps: a.PropertyDependencies,
		Protect: a.Options.Protect, RetainOnDelete: a.Options.RetainOnDelete, Config: config,
	}
}

// environment reads the environment from, in order: policy config, the stack's hybridcloud:environment
// config, the provider's default tags, the stack's tags. When none says, it assumes prod: the strictest rules
// apply rather than none.
func environment(a policyx.AnalyzerResource, config map[string]any, stackEnv Environment, stackTags map[string]string) (Environment, string) {
	if s, _ := config["environment"].(string); s != "" {
		return Environment(s), "policy config"
	}
	if stackEnv != "" {
		return stackEnv, "stack config"
	}
	if s := providerTag(a.Provider.Properties, EnvironmentTag); s != "" {
		return Environment(s), "provider default tags"
	}
	for _, k := range []string{"environment", EnvironmentTag} {
		if s := stackTags[k]; s != "" {
			return Environment(s), "stack tags"
		}
	}
	return Prod, ""
}

// providerTag reads defaultTags.tags[key] from an aws provider's inputs. The engine passes a provider's
// object inputs as JSON strings; mocks pass them as objects: both are read.
func providerTag(props property.Map, key string) string {
	dt := props.Get("defaultTags")
	if dt.IsString() {
		var decoded struct {
			Tags map[string]string `json:"tags"`
		}
		if json.Unmarshal([]byte(dt.AsString()), &decoded) == nil {
			return decoded.Tags[key]
		}
		return ""
	}
	s, _ := text(walk(dt, "tags", key))
	return s
}
