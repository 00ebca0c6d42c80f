package offline

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/policy/rules"
)

// KnownViolation is a mandatory violation the current program is known to commit: the rule is right, the
// program is not yet. The offline tooling (make plan, .ci/run, the program's tests) reports it as known
// instead of failing, so that a new violation still fails; a real `pulumi preview --policy-pack policy`
// reports it as what it is. Each entry names the issue whose program change removes it; remove the entry
// with that change (a test fails when an entry no longer fires).
type KnownViolation struct {
	// Rule is the rule ID; Resource the logical name of the resource the violation is about.
	Rule, Resource string
	// Issue is the open issue that changes the program so the violation goes (0: no open issue yet).
	Issue int
	// Why says what the program does today.
	Why string
	// Variant is set when only a config variant the stack files do not choose declares the resource
	// ("fileShare.gateway.mode ec2").
	Variant string
}

// KnownViolations is the list, per stack (resource names start with the stack's name).
var KnownViolations = func() []KnownViolation {
	// A new entry names its issue, as "// fixed by issue N" above it (TestKnownCommentsNameTheIssue).
	return nil
}()

// fixedBy says which issue removes a known violation, for messages.
func (k KnownViolation) fixedBy() string {
	if k.Issue == 0 {
		return "no open issue yet"
	}
	return fmt.Sprintf("fixed by issue %d", k.Issue)
}

// known finds the known entry of a violation, if any: a mandatory violation of the entry's rule about the
// entry's resource.
func known(v rules.Violation) (KnownViolation, bool) {
	if !v.Mandatory() {
		return KnownViolation{}, false
	}
	name := v.URN[strings.LastIndex(v.URN, "::")+2:]
	for _, k := range KnownViolations {
		if k.Rule == v.Policy && k.Resource == name {
			return k, true
		}
	}
	return KnownViolation{}, false
}
