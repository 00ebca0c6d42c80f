package main

import (
	"fmt"
	"io"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/offline"
	"github.com/insurance/hybridcloud/policy/rules"
)

// writeVerdicts runs the policy pack over the plan, prints its verdicts to w and returns an error when a
// mandatory policy is violated, as `pulumi preview --policy-pack policy` fails then.
func writeVerdicts(w io.Writer, result *plan.Result, st plan.Stack) error {
	vs, err := offline.Check(result, st)
	if err != nil {
		return err
	}
	mandatory, known := len(offline.Mandatory(vs)), len(offline.Known(vs))
	if _, err := fmt.Fprintf(w, "\nPolicy pack %s %s: %d rules, %d mandatory violation(s), %d known (policy/offline/known.go), %d advisory\n",
		rules.PackName, rules.PackVersion, len(rules.All()), mandatory, known, len(vs)-mandatory-known); err != nil {
		return err
	}
	for _, v := range vs {
		if _, err := fmt.Fprintf(w, "  %s\n", v); err != nil {
			return err
		}
	}
	if mandatory > 0 {
		return fmt.Errorf("plan: %d mandatory policy violation(s)", mandatory)
	}
	return nil
}
