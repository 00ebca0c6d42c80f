package rules

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

const (
	// PackName is the policy pack's name, as in PulumiPolicy.yaml.
	PackName = "hybridcloud-guardrails"
	// PackVersion is the pack's version, as in PulumiPolicy.yaml.
	PackVersion = "0.1.0"
	// UnknownsPolicyID is the advisory policy that lists the checks a preview could not run because an input
	// is unknown until apply.
	UnknownsPolicyID = "preview-unknown-inputs"
	// advisorySuffix names the advisory twin of a rule that only advises in some environments.
	advisorySuffix = "-advisory"
	// EnvironmentTag is the provider default tag the environment is read from.
	EnvironmentTag = "Environment"
	// EnvironmentConfigKey is the stack config key that names the environment.
	EnvironmentConfigKey = "hybridcloud:environment"
)

// envSchema lets an operator pin the environment through policy config (`{"<policy>": {"environment": "prod"}}`).
var envSchema = &policyx.ConfigSchema{Properties: map[string]map[string]any{
	"environment": {"type": "string", "enum": []any{string(Dev), string(Prod)}},
}}

// NewPack builds the policy pack from every rule, for the stack the engine configured ctx with: the stack's
// hybridcloud:environment config, when set, is the environment of every resource.
func NewPack(ctx *pulumi.Context) (policyx.PolicyPack, error) {
	env, _ := ctx.GetConfig(EnvironmentConfigKey)
	return policyx.NewPolicyPack(PackName, semver.MustParse(PackVersion), policyx.EnforcementLevelMandatory, Policies(Environment(env)))
}

// Policies turns every rule into policyx policies: one per rule, an advisory twin for rules that only advise
// in some environments, and the UnknownsPolicyID policy. stackEnv is the stack's environment ("" when
// unknown: each resource's provider tags decide, see environment).
func Policies(stackEnv Environment) []policyx.Policy {
	p := packer{stackEnv: stackEnv}
	var out []policyx.Policy
	for _, rule := range All() {
		if rule.Stack != nil {
			out = append(out, p.stackPolicy(rule))
			continue
		}
		out = append(out, p.resourcePolicy(rule, rule.ID, rule.Enforcement, func(env Environment) bool {
			return !slices.Contains(rule.AdvisoryIn, env)
		}))
		if len(rule.AdvisoryIn) > 0 {
			out = append(out, p.resourcePolicy(rule, rule.ID+advisorySuffix, policyx.EnforcementLevelAdvisory, func(env Environment) bool {
				return slices.Contains(rule.AdvisoryIn, env)
			}))
		}
	}
	return append(out, p.unknownsPolicy())
}

// packer builds policies for one stack.
type packer struct {
	stackEnv Environment
}

func (p packer) resourcePolicy(rule Rule, id string, level policyx.EnforcementLevel, inEnv func(Environment) bool) policyx.Policy {
	return policyx.NewResourceValidationPolicy(id, policyx.ResourceValidationPolicyArgs{
		Description:      fmt.Sprintf("[%s] %s", rule.Control, rule.Description),
		EnforcementLevel: level,
		ConfigSchema:     envSchema,
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			r := p.fromAnalyzer(args.Resource, args.Config, args.StackTags)
			if !rule.applies(r.Type, r.Env) || !inEnv(r.Env) {
				return nil
			}
			var f Findings
			rule.Resource(r, &f)
			for _, v := range f.All() {
				if v.Unknown {
					continue // reported by the unknowns policy
				}
				msg := v.Message
				if r.EnvSource == "" && (len(rule.OnlyIn) > 0 || len(rule.AdvisoryIn) > 0) {
					msg += " (environment unknown: assumed prod; tag the provider with Environment or set policy config environment)"
				}
				args.Manager.ReportViolation(msg, v.URN)
			}
			return nil
		},
	})
}

func (p packer) stackPolicy(rule Rule) policyx.Policy {
	return policyx.NewStackValidationPolicy(rule.ID, policyx.StackValidationPolicyArgs{
		Description:      fmt.Sprintf("[%s] %s", rule.Control, rule.Description),
		EnforcementLevel: rule.Enforcement,
		ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
			rs := make([]Resource, 0, len(args.Resources))
			for _, a := range args.Resources {
				rs = append(rs, p.fromAnalyzer(a, nil, nil))
			}
			var f Findings
			rule.Stack(rs, &f)
			for _, v := range f.All() {
				args.Manager.ReportViolation(v.Message, v.URN)
			}
			return nil
		},
	})
}

// unknownsPolicy runs every resource rule and reports what it could not check, so a preview that passes
// says which mandatory checks are still pending.
func (p packer) unknownsPolicy() policyx.Policy {
	return policyx.NewResourceValidationPolicy(UnknownsPolicyID, policyx.ResourceValidationPolicyArgs{
		Description:      "Checks a preview could not run because an input is unknown until apply (they run again at `pulumi up`).",
		EnforcementLevel: policyx.EnforcementLevelAdvisory,
		ConfigSchema:     envSchema,
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			r := p.fromAnalyzer(args.Resource, args.Config, args.StackTags)
			for _, rule := range All() {
				if !rule.applies(r.Type, r.Env) {
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

// fromAnalyzer is the rules' view of an analyzer resource, with its environment resolved.
func (p packer) fromAnalyzer(a policyx.AnalyzerResource, config map[string]any, stackTags map[string]string) Resource {
	env, source := environment(a, config, p.stackEnv, stackTags)
	return Resource{
		Type: a.Type, Name: a.Name, URN: a.URN, Props: a.Properties,
		Env: env, EnvSource: source, Deps: a.PropertyDependencies, Protect: a.Options.Protect,
	}
}

// environment reads the environment from, in order: policy config, the stack's hybridcloud:environment
// config, the provider's default tags, the stack's tags. When none says, it assumes prod: the strictest rules
// apply rather than none.
func environment(a policyx.AnalyzerResource, config map[string]any, stackEnv Environment, stackTags map[string]string) (Environment, string) {
	if s, ok := config["environment"].(string); ok && s != "" {
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
