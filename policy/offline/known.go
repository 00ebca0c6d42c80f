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
	var out []KnownViolation
	both := func(rule string, issue int, why string, names ...string) {
		for _, stack := range []string{"dev", "prod"} {
			for _, n := range names {
				out = append(out, KnownViolation{Rule: rule, Resource: stack + "-" + n, Issue: issue, Why: why})
			}
		}
	}
	prod := func(rule string, issue int, why string, names ...string) {
		for _, n := range names {
			out = append(out, KnownViolation{Rule: rule, Resource: "prod-" + n, Issue: issue, Why: why})
		}
	}
	// fixed by issue 20
	prod(rules.SecurityGroupNoWorldEgress.ID, 20, "hosts and tasks send HTTPS to 0.0.0.0/0", "compute-hosts-https-out", "compute-tasks-https-out")
	// fixed by issue 16
	both(rules.VpcEndpointEC2.ID, 16, "the VPC has no ec2 interface endpoint", "vpc")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsNonDefaultPort.ID, 0, "the database listens on PostgreSQL's default port 5432", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionInstance.ID, 0, "the stack declares no RDS event subscription", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionParameterGroup.ID, 0, "the stack declares no RDS event subscription", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionSecurityGroup.ID, 0, "the stack declares no RDS event subscription", "db")
	// The warm standby declares the primary's components again in the DR region (platform/dr.go): their known
	// violations recur there, under the same issues, and go with the same component changes.
	// fixed by issue 20
	prod(rules.SecurityGroupNoWorldEgress.ID, 20, "hosts and tasks send HTTPS to 0.0.0.0/0", "dr-compute-hosts-https-out", "dr-compute-tasks-https-out")
	// fixed by issue 16
	prod(rules.VpcEndpointEC2.ID, 16, "the VPC has no ec2 interface endpoint", "dr-vpc")
	// no open issue yet: program change requested in the issue 18 report
	out = append(out, KnownViolation{Rule: rules.Ec2DetailedMonitoring.ID, Resource: "dev-file-gateway", Issue: 0,
		Why: "the EC2 File Gateway instance sets no monitoring", Variant: "fileShare.gateway.mode ec2"})
	// dev's pilot-light drill declares the same DR components (dr.strategy pilotLight; no services).
	for _, k := range out {
		if strings.HasPrefix(k.Resource, "prod-dr-") && !strings.Contains(k.Resource, "-https-out") {
			k.Resource, k.Variant = "dev"+strings.TrimPrefix(k.Resource, "prod"), "dr.strategy pilotLight"
			out = append(out, k)
		}
	}
	return out
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
