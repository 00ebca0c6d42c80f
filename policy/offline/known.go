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
	// fixed by issue 15
	both(rules.IamRoleSingleAttachmentMechanism.ID, 15, "managedPolicyArns on the role beside separate attachments or role policies",
		"compute-hosts", "compute-anywhere", "backup")
	// fixed by issue 21
	both(rules.IamDeniedManagedPolicies.ID, 21, "container-instance roles hold AmazonEC2ContainerServiceforEC2Role", "compute-hosts", "compute-anywhere")
	// fixed by issue 21
	both(rules.IamCreateGrantForAWSResource.ID, 21, "the backup role's inline key policy grants kms:CreateGrant without kms:GrantIsForAWSResource", "backup-keys")
	// fixed by issue 21
	both(rules.IamNoObjectVersionDelete.ID, 21, "the File Gateway role may delete object versions", "file-gateway")
	// fixed by issue 21
	both(rules.IamTrustSourceConditions.ID, 21, "trust policies pin aws:SourceAccount but not aws:SourceArn",
		"compute-anywhere", "db-monitoring", "file-gateway", "management-onprem", "vpc-flow-logs",
		"services-claims-api-execution", "services-claims-api-task", "services-document-scanner-execution", "services-document-scanner-task")
	// fixed by issue 21
	prod(rules.IamTrustSourceConditions.ID, 21, "trust policies pin aws:SourceAccount but not aws:SourceArn",
		"services-policy-portal-execution", "services-policy-portal-task")
	// fixed by issue 21
	both(rules.KmsKeyAdminsSeparated.ID, 21, "no key policy separates key administrators from key users",
		"backup", "backup-dr", "compute", "db", "files", "management-sessions")
	// fixed by issue 21
	prod(rules.KmsKeyDeletionSafeguards.ID, 21, "the key is not protected in prod", "management-sessions")
	// fixed by issue 21
	both(rules.LaunchTemplateIMDSHopLimit.ID, 21, "the ECS hosts allow two metadata hops", "compute-hosts")
	// fixed by issue 20
	prod(rules.SecurityGroupNoWorldEgress.ID, 20, "hosts and tasks send HTTPS to 0.0.0.0/0", "compute-hosts-https-out", "compute-tasks-https-out")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsNonDefaultPort.ID, 0, "the database listens on PostgreSQL's default port 5432", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionInstance.ID, 0, "the stack declares no RDS event subscription", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionParameterGroup.ID, 0, "the stack declares no RDS event subscription", "db")
	// no open issue yet: program change requested in the issue 18 report
	both(rules.RdsEventSubscriptionSecurityGroup.ID, 0, "the stack declares no RDS event subscription", "db")
	// no open issue yet: program change requested in the issue 18 report
	out = append(out, KnownViolation{Rule: rules.Ec2DetailedMonitoring.ID, Resource: "dev-file-gateway", Issue: 0,
		Why: "the EC2 File Gateway instance sets no monitoring", Variant: "fileShare.gateway.mode ec2"})
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
