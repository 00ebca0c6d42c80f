package hybrid

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/hybrid/patching"
	"github.com/insurance/hybridcloud/internal/deploy/activation"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// ManagementType is the type token of the Management component.
const ManagementType = "hybridcloud:hybrid:Management"

// PatchGroupTag is the tag Patch Manager reads to pick a managed node's baseline; the maintenance window
// targets it on EC2 instances and on-premises managed nodes alike.
const PatchGroupTag = "Patch Group"

// ManagementArgs configures Management: its own settings, and the wiring from the rest of the stack.
type ManagementArgs struct {
	// Settings are the component's own settings. Required.
	Settings ManagementSettings
	// LogsKeyARN encrypts the session and patch-run log groups (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// ManagedRoleNames are the roles of nodes registered elsewhere (the ECS hosts' instance role, the ECS
	// Anywhere role): they get the session-logging permissions too, so every node obeys the same
	// preferences. Optional.
	ManagedRoleNames []pulumi.StringInput
	// RefreshedPatchGroups are patch groups of hosts that are patched by replacement (the ECS EC2 hosts: a new
	// AMI through an instance refresh): the window only scans them, never installs or reboots. Optional.
	RefreshedPatchGroups []string
	// DrainedPatchGroups are patch groups of ECS Anywhere hosts: the window patches them one host at a time,
	// draining the container instance before the install and its reboot, and reactivating it after. Optional.
	DrainedPatchGroups []string
	// AccountID, Partition and Region scope the on-premises role's trust, build the ARNs of AWS managed
	// policies and go into the registration commands. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
	// Now is when this deployment runs: the activations' expiries come from its rotation window
	// (activation.Expiry), so they stay put between deployments of one window. Required.
	Now time.Time
	// KeyAdmins administer the session key (the foundation's). Required.
	KeyAdmins keys.Admins
	// ParameterPath is the stack's own SSM parameter path ("/hybridcloud/prod/"): on-premises servers read
	// parameters only there and under AWS's public /aws/. Required.
	ParameterPath string
}

// Management is Systems Manager across both sides: a hybrid activation per patch group for on-premises
// servers, patching by tag, State Manager associations and audited Session Manager sessions.
type Management struct {
	pulumi.ResourceState

	// ActivationIDs and ActivationCodes (secrets) register on-premises servers, by patch group.
	ActivationIDs   map[string]pulumi.IDOutput
	ActivationCodes map[string]pulumi.StringOutput
	// RegistrationCommands are what an operator runs on an on-premises server to register it into a patch
	// group, by patch group (secrets: they hold the codes).
	RegistrationCommands map[string]pulumi.StringOutput
	// PatchWindowID is the maintenance window that installs patches.
	PatchWindowID pulumi.IDOutput
	// SessionLogGroupName receives every Session Manager session.
	SessionLogGroupName pulumi.StringOutput
}

func (a *ManagementArgs) validate() error {
	s := a.Settings
	groups, errs := s.checkBaselines()
	if len(s.Activations) == 0 {
		errs = append(errs, errors.New("at least one activation is required"))
	}
	for _, group := range slices.Sorted(maps.Keys(s.Activations)) {
		act := s.Activations[group]
		if _, err := groups.Baseline(group); err != nil {
			errs = append(errs, fmt.Errorf("activation %s: %w", group, err))
		}
		if err := activation.CheckHosts(len(act.Hosts)); err != nil {
			errs = append(errs, fmt.Errorf("activation %s: %w", group, err))
		}
		if _, err := activation.Expiry(a.Now, act.RotationDays); err != nil {
			errs = append(errs, fmt.Errorf("activation %s: %w", group, err))
		}
	}
	w := s.PatchWindow
	if w.Schedule == "" {
		errs = append(errs, errors.New("the patch window needs a schedule"))
	}
	if err := patching.CheckDuration(w.DurationHours); err != nil {
		errs = append(errs, fmt.Errorf("patch window duration: %w", err))
	}
	if err := patching.CheckCutoff(w.CutoffHours, w.DurationHours); err != nil {
		errs = append(errs, fmt.Errorf("patch window cutoff: %w", err))
	}
	if n := s.SessionIdleTimeoutMinutes; n < 1 || n > MaxSessionIdleTimeoutMinutes {
		errs = append(errs, fmt.Errorf("session idle timeout: %d is outside 1-%d", n, MaxSessionIdleTimeoutMinutes))
	}
	if s.SessionLogRetentionDays <= 0 {
		errs = append(errs, errors.New("the session log retention must be positive"))
	}
	if a.LogsKeyARN == nil || a.AccountID == nil || a.Partition == "" || a.Region == "" || !a.KeyAdmins.Valid() {
		errs = append(errs, errors.New("the logs key, account id, partition, region and key administrators are required"))
	}
	if p := a.ParameterPath; len(p) < 3 || !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		errs = append(errs, fmt.Errorf("the parameter path %q must start and end with /", p))
	}
	return errors.Join(errs...)
}

// checkBaselines checks every baseline, and that no patch group is in two; it returns which baseline
// covers each group.
func (s ManagementSettings) checkBaselines() (patching.Groups, []error) {
	var errs []error
	if len(s.PatchBaselines) == 0 {
		errs = append(errs, errors.New("at least one patch baseline is required"))
	}
	for _, system := range slices.Sorted(maps.Keys(s.PatchBaselines)) {
		b := s.PatchBaselines[system]
		if err := system.Check(); err != nil {
			errs = append(errs, err)
		}
		if err := b.ComplianceLevel.Check(); err != nil {
			errs = append(errs, fmt.Errorf("%s baseline: %w", system, err))
		}
		if err := patching.CheckApproveAfterDays(b.ApproveAfterDays); err != nil {
			errs = append(errs, fmt.Errorf("%s baseline: approve after days: %w", system, err))
		}
		if len(b.PatchGroups) == 0 {
			errs = append(errs, fmt.Errorf("%s baseline: at least one patch group is required", system))
		}
	}
	groups, conflicts := s.AssignPatchGroups()
	for _, c := range conflicts {
		errs = append(errs, fmt.Errorf("%s baseline: %w", c.Second, c))
	}
	return groups, errs
}

// NewManagement declares the session preferences, the activations, patching and the associations.
func NewManagement(ctx *pulumi.Context, name string, args *ManagementArgs, opts ...pulumi.ResourceOption) (*Management, error) {
	if args == nil {
		return nil, fmt.Errorf("hybrid: management %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("hybrid: management %s: %w", name, err)
	}
	m := &Management{ActivationIDs: map[string]pulumi.IDOutput{}, ActivationCodes: map[string]pulumi.StringOutput{},
		RegistrationCommands: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource(ManagementType, name, m, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(m)

	sessions, err := m.declareSessions(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	if err := m.declareActivations(ctx, name, args, sessions, parent); err != nil {
		return nil, err
	}
	if err := m.declarePatching(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := declareAssociations(ctx, name, parent); err != nil {
		return nil, err
	}

	ids, codes, commands := pulumi.Map{}, pulumi.Map{}, pulumi.Map{}
	for group := range m.ActivationIDs {
		ids[group], codes[group], commands[group] = m.ActivationIDs[group], m.ActivationCodes[group], m.RegistrationCommands[group]
	}
	if err := ctx.RegisterResourceOutputs(m, pulumi.Map{
		"activationIds":        ids,
		"activationCodes":      codes,
		"registrationCommands": commands,
		"patchWindowId":        m.PatchWindowID,
		"sessionLogGroupName":  m.SessionLogGroupName,
	}); err != nil {
		return nil, err
	}
	return m, nil
}

// onPremisesRoleArgs is the role on-premises servers register under. Only this account's Systems Manager
// in the region may assume it (aws:SourceArn, Systems Manager user guide, "Create the IAM service role
// required for Systems Manager in hybrid and multicloud environments").
func onPremisesRoleArgs(name string, args *ManagementArgs) *iam.RoleArgs {
	return &iam.RoleArgs{
		Description: pulumi.String("On-premises servers managed by Systems Manager (" + name + ")"),
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("ssm.amazonaws.com", args.AccountID,
			pulumi.Sprintf("arn:%s:ssm:%s:%s:*", args.Partition, args.Region, args.AccountID)),
	}
}

// declareOnPremisesRole declares that role: what a managed node does (the AWS managed policy) and honours
// the session preferences (the sessions policy), each a separate attachment, fenced to the stack's
// parameters by an inline Deny; nothing more.
func declareOnPremisesRole(ctx *pulumi.Context, name string, args *ManagementArgs, sessions *iam.Policy, parent pulumi.ResourceOption) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, name, onPremisesRoleArgs(name, args), parent)
	if err != nil {
		return nil, err
	}
	for _, a := range []struct {
		suffix string
		arn    pulumi.StringInput
	}{
		{"-ssm-core", pulumi.String("arn:" + args.Partition + ":iam::aws:policy/AmazonSSMManagedInstanceCore")},
		{"-sessions", sessions.Arn},
	} {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+a.suffix, &iam.RolePolicyAttachmentArgs{Role: role.Name, PolicyArn: a.arn}, parent); err != nil {
			return nil, err
		}
	}
	fence, err := iamdoc.JSON(iamdoc.ParametersOnlyUnder(args.Partition, args.ParameterPath))
	if err != nil {
		return nil, err
	}
	_, err = iam.NewRolePolicy(ctx, name+"-parameters", &iam.RolePolicyArgs{Role: role.Name, Policy: pulumi.String(fence)}, parent)
	return role, err
}

// activationArgs is the activation of one patch group's on-premises servers, registering them under role
// until expiry.
func activationArgs(name, group string, a Activation, role pulumi.StringInput, expiry time.Time) *ssm.ActivationArgs {
	return &ssm.ActivationArgs{
		Name:              pulumi.String(name + "-" + group),
		Description:       pulumi.String("On-premises servers of patch group " + group + " that are not ECS Anywhere hosts"),
		IamRole:           role,
		RegistrationLimit: pulumi.Int(a.RegistrationLimit()),
		ExpirationDate:    pulumi.String(expiry.Format(time.RFC3339)),
		// Tags of an activation are given to the nodes it registers: that puts them in their patch group.
		Tags: pulumi.StringMap{PatchGroupTag: pulumi.String(group)},
	}
}

// declareActivations registers on-premises servers under one role, an activation per patch group, each
// with the registration command of its baseline's operating system.
func (m *Management) declareActivations(ctx *pulumi.Context, name string, args *ManagementArgs, sessions *iam.Policy, parent pulumi.ResourceOption) error {
	role, err := declareOnPremisesRole(ctx, name+onPremisesRole, args, sessions, parent)
	if err != nil {
		return err
	}
	groups, _ := args.Settings.AssignPatchGroups() // validate refused conflicts and uncovered groups
	for _, group := range slices.Sorted(maps.Keys(args.Settings.Activations)) {
		system, err := groups.Baseline(group)
		if err != nil {
			return err
		}
		command, err := system.RegistrationFormat()
		if err != nil {
			return err
		}
		a := args.Settings.Activations[group]
		expiry, err := activation.Expiry(args.Now, a.RotationDays)
		if err != nil {
			return err
		}
		act, err := ssm.NewActivation(ctx, name+"-"+group, activationArgs(name, group, a, role.Name, expiry), parent)
		if err != nil {
			return err
		}
		m.ActivationIDs[group] = act.ID()
		m.ActivationCodes[group] = pulumi.ToSecret(act.ActivationCode).(pulumi.StringOutput)
		m.RegistrationCommands[group] = pulumi.ToSecret(pulumi.Sprintf(command,
			act.ActivationCode, act.ID(), args.Region)).(pulumi.StringOutput)
	}
	return nil
}

// onPremisesRole names the on-premises servers' role after the component.
const onPremisesRole = "-onprem"

// nodeAssociation is a State Manager association every managed node runs.
type nodeAssociation struct{ suffix, document, schedule string }

// nodeAssociations keep every managed node's agent current and its inventory gathered.
var nodeAssociations = []nodeAssociation{
	{"update-agent", "AWS-UpdateSSMAgent", "rate(14 days)"},
	{"inventory", "AWS-GatherSoftwareInventory", "rate(1 day)"},
}

// associationArgs runs a's document on every managed node, a quarter of them at a time.
func associationArgs(name string, a nodeAssociation) *ssm.AssociationArgs {
	return &ssm.AssociationArgs{
		AssociationName:    pulumi.String(name + "-" + a.suffix),
		Name:               pulumi.String(a.document),
		ScheduleExpression: pulumi.String(a.schedule),
		Targets: ssm.AssociationTargetArray{ssm.AssociationTargetArgs{
			Key: pulumi.String("InstanceIds"), Values: pulumi.ToStringArray([]string{"*"}),
		}},
		ComplianceSeverity: pulumi.String("MEDIUM"),
		MaxConcurrency:     pulumi.String("25%"),
		MaxErrors:          pulumi.String("10%"),
	}
}

// declareAssociations declares the nodeAssociations.
func declareAssociations(ctx *pulumi.Context, name string, parent pulumi.ResourceOption) error {
	for _, a := range nodeAssociations {
		if _, err := ssm.NewAssociation(ctx, name+"-"+a.suffix, associationArgs(name, a), parent); err != nil {
			return err
		}
	}
	return nil
}

// managementLogGroup declares a log group of the component, kept SessionLogRetentionDays and encrypted
// with the stack's logs key.
func managementLogGroup(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.Settings.SessionLogRetentionDays),
		KmsKeyId:        args.LogsKeyARN,
	}, parent)
}
