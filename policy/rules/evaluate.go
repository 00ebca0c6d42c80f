package rules

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Violation is one report of a policy, as the CLI would print it.
type Violation struct {
	// Policy is the policy name (a rule ID, its advisory twin, or UnknownsPolicyID).
	Policy string
	// Enforcement is the policy's level.
	Enforcement policyx.EnforcementLevel
	// URN is the resource the violation is about.
	URN string
	// Message is what the CLI shows: the policy's description (controls, severity, what it requires, the
	// fix) on the first line, then the finding, which names the resource, the property and the offending
	// value.
	Message string
	// Known is set by the offline tooling when the violation is a known one of the current program: which
	// issue fixes it and what the program does. A known violation does not fail the offline plan.
	Known string
}

// Mandatory says whether the violation blocks a deployment.
func (v Violation) Mandatory() bool { return v.Enforcement == policyx.EnforcementLevelMandatory }

func (v Violation) String() string {
	level := "advisory"
	switch {
	case v.Known != "":
		level = "mandatory, known: " + v.Known
	case v.Mandatory():
		level = "mandatory"
	}
	return fmt.Sprintf("[%s] %s: %s", level, v.Policy, strings.ReplaceAll(v.Message, "\n", " | "))
}

// collector is a policyx.PolicyManager that keeps what policies report.
type collector struct {
	policy policyx.Policy
	out    *[]Violation
}

// ReportViolation records a violation as the policyx server sends it to the engine: the policy's
// description, then the message, on their own lines.
func (c collector) ReportViolation(message, urn string) {
	full := c.policy.Description()
	if message != "" {
		full += "\n" + message
	}
	*c.out = append(*c.out, Violation{Policy: c.policy.Name(), Enforcement: c.policy.EnforcementLevel(), URN: urn, Message: full})
}

// Evaluate runs policies over resources as the engine does: every resource policy on every resource, then
// every stack policy once over all of them. config is the policy config every policy sees (nil for none);
// stackTags are the stack's tags. Violations come back sorted by policy, then message.
func Evaluate(policies []policyx.Policy, resources []policyx.AnalyzerResource, config map[string]any, stackTags map[string]string) ([]Violation, error) {
	ctx := context.Background()
	var out []Violation
	for _, p := range policies {
		if p.EnforcementLevel() == policyx.EnforcementLevelDisabled {
			continue
		}
		m := collector{policy: p, out: &out}
		switch p := p.(type) {
		case policyx.ResourceValidationPolicy:
			for _, r := range resources {
				err := p.Validate(ctx, policyx.ResourceValidationArgs{Manager: m, Resource: r, Config: config, StackTags: stackTags})
				if err != nil {
					return nil, fmt.Errorf("rules: policy %s on %s: %w", p.Name(), r.URN, err)
				}
			}
		case policyx.StackValidationPolicy:
			if err := p.Validate(ctx, policyx.StackValidationArgs{Manager: m, Resources: resources}); err != nil {
				return nil, fmt.Errorf("rules: stack policy %s: %w", p.Name(), err)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Violation) int {
		return cmp.Or(strings.Compare(a.Policy, b.Policy), strings.Compare(a.Message, b.Message))
	})
	return out, nil
}
