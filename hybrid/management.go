package hybrid

import (
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
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

// Activation registers on-premises servers into one patch group.
type Activation struct {
	// PatchGroup tags every server registered with the activation, which puts it in that patch group.
	PatchGroup string
	// RegistrationLimit and ExpiresOn bound the activation.
	RegistrationLimit int
	ExpiresOn         time.Time
	// Windows servers register with the agent's Windows command line.
	Windows bool
}

// Registration commands an operator runs on a server, as root or in an elevated PowerShell.
const (
	linuxRegistration   = "sudo amazon-ssm-agent -register -code %q -id %q -region %q && sudo systemctl restart amazon-ssm-agent"
	windowsRegistration = `& "$env:ProgramFiles\Amazon\SSM\amazon-ssm-agent.exe" -register -code %q -id %q -region %q; Restart-Service AmazonSSMAgent`
)

// ManagementArgs configures Management.
type ManagementArgs struct {
	// Activations register the on-premises servers that are not ECS Anywhere hosts, one per patch group.
	// Required.
	Activations []Activation
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

	// ActivationIDs and ActivationCodes (secrets) register on-premises servers, by patch group.
	ActivationIDs   map[string]pulumi.IDOutput
	ActivationCodes map[string]pulumi.StringOutput
	// RegistrationCommands are what an operator runs on an on-premises server to register it into a patch
	// group (secrets: they hold the codes).
	RegistrationCommands map[string]pulumi.StringOutput
	// PatchWindowID is the maintenance window that installs patches.
	PatchWindowID pulumi.IDOutput
	// SessionLogGroupName receives every Session Manager session.
	SessionLogGroupName pulumi.StringOutput
}

func (a *ManagementArgs) validate() error {
	var errs []error
	if len(a.Activations) == 0 {
		errs = append(errs, errors.New("at least one activation is required"))
	}
	for _, act := range a.Activations {
		if act.RegistrationLimit < 1 || act.ExpiresOn.IsZero() || act.PatchGroup == "" {
			errs = append(errs, fmt.Errorf("activation %q: registration limit, expiry and patch group are required", act.PatchGroup))
		}
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
	m := &Management{ActivationIDs: map[string]pulumi.IDOutput{}, ActivationCodes: map[string]pulumi.StringOutput{},
		RegistrationCommands: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource("hybridcloud:hybrid:Management", name, m, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(m)

	sessions, err := m.sessionPreferences(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	if err := m.activations(ctx, name, args, sessions, parent); err != nil {
		return nil, err
	}
	if err := m.patching(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := associations(ctx, name, parent); err != nil {
		return nil, err
	}
	outputs := pulumi.Map{"patchWindowId": m.PatchWindowID, "sessionLogGroupName": m.SessionLogGroupName}
	for group, cmd := range m.RegistrationCommands {
		outputs["registrationCommand-"+group] = cmd
	}
	return m, ctx.RegisterResourceOutputs(m, outputs)
}

// activations register on-premises servers under a role that can do what a managed node does and nothing
// more, each activation tagging its servers into its patch group.
func (m *Management) activations(ctx *pulumi.Context, name string, args *ManagementArgs, sessions *iam.Policy, parent pulumi.ResourceOption) error {
	role, err := iam.NewRole(ctx, name+"-onprem", &iam.RoleArgs{
		Description:       pulumi.String("On-premises servers managed by Systems Manager (" + name + ")"),
		AssumeRolePolicy:  iamdoc.AssumeRole("ssm.amazonaws.com", args.AccountID),
		ManagedPolicyArns: pulumi.StringArray{pulumi.String("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"), sessions.Arn},
	}, parent)
	if err != nil {
		return err
	}
	for _, a := range args.Activations {
		activation, err := ssm.NewActivation(ctx, name+"-"+a.PatchGroup, &ssm.ActivationArgs{
			Name:              pulumi.String(name + "-" + a.PatchGroup),
			Description:       pulumi.String("On-premises servers of patch group " + a.PatchGroup + " that are not ECS Anywhere hosts"),
			IamRole:           role.Name,
			RegistrationLimit: pulumi.Int(a.RegistrationLimit),
			ExpirationDate:    pulumi.String(a.ExpiresOn.UTC().Format(time.RFC3339)),
			// Tags of an activation are given to the nodes it registers: that puts them in their patch group.
			Tags: pulumi.StringMap{PatchGroupTag: pulumi.String(a.PatchGroup)},
		}, parent)
		if err != nil {
			return err
		}
		m.ActivationIDs[a.PatchGroup] = activation.ID()
		m.ActivationCodes[a.PatchGroup] = pulumi.ToSecret(activation.ActivationCode).(pulumi.StringOutput)
		command := linuxRegistration
		if a.Windows {
			command = windowsRegistration
		}
		m.RegistrationCommands[a.PatchGroup] = pulumi.ToSecret(pulumi.Sprintf(command,
			activation.ActivationCode, activation.ID(), args.Region)).(pulumi.StringOutput)
	}
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
