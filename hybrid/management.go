package hybrid

import (
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/iamdoc"
)

// PatchGroupTag is the tag Patch Manager reads to pick a managed node's baseline; the maintenance window
// targets it on EC2 instances and on-premises managed nodes alike.
const PatchGroupTag = "Patch Group"

// PatchBaseline approves patches for one operating system; see config.PatchBaseline.
type PatchBaseline struct {
	OperatingSystem  string
	ApproveAfterDays int
	ComplianceLevel  string
	PatchGroups      []string
}

// ManagementArgs configures Management.
type ManagementArgs struct {
	// RegistrationLimit and ExpiresOn bound the hybrid activation for on-premises servers. Required.
	RegistrationLimit int
	ExpiresOn         time.Time
	// OnPremisesPatchGroup tags every server registered with the activation. Required.
	OnPremisesPatchGroup string
	// PatchBaselines are the approval rules per operating system. Required.
	PatchBaselines []PatchBaseline
	// PatchSchedule, PatchDurationHours and PatchCutoffHours are the weekly patch window. Required.
	PatchSchedule                        string
	PatchDurationHours, PatchCutoffHours int
	// SessionIdleTimeoutMinutes ends idle Session Manager sessions. Required.
	SessionIdleTimeoutMinutes int
	// LogRetentionDays keeps session and patch-run logs; LogsKeyArn encrypts them. Required.
	LogRetentionDays int
	LogsKeyArn       pulumi.StringInput
	// ManagedRoleNames are the roles of nodes registered elsewhere (the ECS hosts' instance role, the ECS
	// Anywhere role): they get the session-logging permissions too, so every node obeys the same preferences.
	ManagedRoleNames []pulumi.StringInput
	// Region and AccountID name the activation's trust scope and the registration command. Required.
	Region    string
	AccountID pulumi.StringInput
}

// Management is Systems Manager across both sides: a hybrid activation for on-premises servers, patching
// by tag, State Manager associations and audited Session Manager sessions.
type Management struct {
	pulumi.ResourceState

	// ActivationID and ActivationCode register on-premises servers (the code is a secret).
	ActivationID   pulumi.IDOutput
	ActivationCode pulumi.StringOutput
	// RegistrationCommand is what an operator runs on an on-premises server to register it (a secret).
	RegistrationCommand pulumi.StringOutput
	// PatchWindowID is the maintenance window that installs patches.
	PatchWindowID pulumi.IDOutput
	// SessionLogGroupName receives every Session Manager session.
	SessionLogGroupName pulumi.StringOutput
}

func (a *ManagementArgs) validate() error {
	var errs []error
	if a.RegistrationLimit < 1 || a.ExpiresOn.IsZero() || a.OnPremisesPatchGroup == "" {
		errs = append(errs, errors.New("registration limit, expiry and on-premises patch group are required"))
	}
	if len(a.PatchBaselines) == 0 || a.PatchSchedule == "" || a.PatchDurationHours <= a.PatchCutoffHours {
		errs = append(errs, errors.New("patch baselines and a patch window (duration longer than cutoff) are required"))
	}
	for _, b := range a.PatchBaselines {
		if _, ok := patchFilters[b.OperatingSystem]; !ok {
			errs = append(errs, fmt.Errorf("no approval filters for operating system %q", b.OperatingSystem))
		}
	}
	if a.SessionIdleTimeoutMinutes < 1 || a.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("session idle timeout and log retention are required"))
	}
	if a.LogsKeyArn == nil || a.AccountID == nil || a.Region == "" {
		errs = append(errs, errors.New("logs key, region and account are required"))
	}
	return errors.Join(errs...)
}

// NewManagement declares the activation, patching, associations and session preferences.
func NewManagement(ctx *pulumi.Context, name string, args *ManagementArgs, opts ...pulumi.ResourceOption) (*Management, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("hybrid: management %s: %w", name, err)
	}
	m := &Management{}
	if err := ctx.RegisterComponentResource("hybridcloud:hybrid:Management", name, m, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(m)

	sessions, err := m.sessionPreferences(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	if err := m.activation(ctx, name, args, sessions, parent); err != nil {
		return nil, err
	}
	if err := m.patching(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := associations(ctx, name, parent); err != nil {
		return nil, err
	}
	return m, ctx.RegisterResourceOutputs(m, pulumi.Map{
		"activationId":        m.ActivationID,
		"registrationCommand": m.RegistrationCommand,
		"patchWindowId":       m.PatchWindowID,
		"sessionLogGroupName": m.SessionLogGroupName,
	})
}

// activation registers on-premises servers under a role that can do what a managed node does and nothing
// more, tagged into their patch group.
func (m *Management) activation(ctx *pulumi.Context, name string, args *ManagementArgs, sessions *iam.Policy, parent pulumi.ResourceOption) error {
	role, err := iam.NewRole(ctx, name+"-onprem", &iam.RoleArgs{
		Description:       pulumi.String("On-premises servers managed by Systems Manager (" + name + ")"),
		AssumeRolePolicy:  iamdoc.AssumeRole("ssm.amazonaws.com", args.AccountID),
		ManagedPolicyArns: pulumi.StringArray{pulumi.String("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"), sessions.Arn},
	}, parent)
	if err != nil {
		return err
	}
	activation, err := ssm.NewActivation(ctx, name, &ssm.ActivationArgs{
		Name:              pulumi.String(name),
		Description:       pulumi.String("On-premises servers that are not ECS Anywhere hosts"),
		IamRole:           role.Name,
		RegistrationLimit: pulumi.Int(args.RegistrationLimit),
		ExpirationDate:    pulumi.String(args.ExpiresOn.UTC().Format(time.RFC3339)),
		// Tags of an activation are given to the nodes it registers: that puts them in their patch group.
		Tags: pulumi.StringMap{PatchGroupTag: pulumi.String(args.OnPremisesPatchGroup)},
	}, parent)
	if err != nil {
		return err
	}
	m.ActivationID = activation.ID()
	m.ActivationCode = pulumi.ToSecret(activation.ActivationCode).(pulumi.StringOutput)
	m.RegistrationCommand = pulumi.ToSecret(pulumi.Sprintf("sudo amazon-ssm-agent -register -code %q -id %q -region %q",
		activation.ActivationCode, activation.ID(), args.Region)).(pulumi.StringOutput)
	return nil
}

// associations keep every managed node's agent current and its inventory gathered.
func associations(ctx *pulumi.Context, name string, parent pulumi.ResourceOption) error {
	every := ssm.AssociationTargetArray{ssm.AssociationTargetArgs{Key: pulumi.String("InstanceIds"), Values: pulumi.ToStringArray([]string{"*"})}}
	for _, a := range []struct{ suffix, document, schedule string }{
		{"update-agent", "AWS-UpdateSSMAgent", "rate(14 days)"},
		{"inventory", "AWS-GatherSoftwareInventory", "rate(1 day)"},
	} {
		if _, err := ssm.NewAssociation(ctx, name+"-"+a.suffix, &ssm.AssociationArgs{
			AssociationName:    pulumi.String(name + "-" + a.suffix),
			Name:               pulumi.String(a.document),
			ScheduleExpression: pulumi.String(a.schedule),
			Targets:            every,
			ComplianceSeverity: pulumi.String("MEDIUM"),
			MaxConcurrency:     pulumi.String("25%"),
			MaxErrors:          pulumi.String("10%"),
		}, parent); err != nil {
			return err
		}
	}
	return nil
}

// logGroup declares an encrypted log group of the component.
func logGroup(ctx *pulumi.Context, name string, args *ManagementArgs, parent pulumi.ResourceOption) (*cloudwatch.LogGroup, error) {
	return cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.LogsKeyArn,
	}, parent)
}
