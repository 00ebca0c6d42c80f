package data

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// BackupTag marks a resource for backup: every resource tagged BackupTag=true is in the selection, beside
// the ones named explicitly.
const BackupTag = "Backup"

// continuousSchedule is when a continuous-backup rule also takes its daily snapshot.
const continuousSchedule = "cron(0 1 * * ? *)"

// Windows of a backup job: an hour to start, a day to finish, before AWS Backup reports it failed.
const (
	startWindowMinutes      = 60
	completionWindowMinutes = 1440
)

// BackupRule is one scheduled backup.
type BackupRule struct {
	// Name names the rule; Schedule is its AWS cron expression (UTC).
	Name, Schedule string
	// RetentionDays deletes a recovery point; ColdStorageAfterDays (0: never) moves it to cold storage
	// first, for resource types that support it.
	RetentionDays, ColdStorageAfterDays int
	// CopyToDR copies each recovery point to the DR vault, with the same lifecycle.
	CopyToDR bool
}

// VaultLock bounds the retention of every recovery point; see config.VaultLock.
type VaultLock struct {
	MinRetentionDays, MaxRetentionDays, ChangeableForDays int
}

// BackupArgs configures a Backup.
type BackupArgs struct {
	// Rules are the scheduled backups. Required.
	Rules []BackupRule
	// ContinuousRetentionDays keeps point-in-time recovery for RDS and S3 (0: off).
	ContinuousRetentionDays int
	// VaultLock locks both vaults when set.
	VaultLock *VaultLock
	// Resources are the ARNs backed up explicitly (the database, the file bucket), beside anything tagged
	// BackupTag=true. Required.
	Resources []pulumi.StringInput
	// ResourceKeyArns are the KMS keys those resources are encrypted with: the backup role must use them.
	ResourceKeyArns []pulumi.StringInput
	// NotificationTopicArn receives failed, aborted and expired jobs. Optional.
	NotificationTopicArn pulumi.StringInput
	// DRProvider is the AWS provider of the DR region; the DR vault and its key are declared with it.
	// Required when a rule copies to DR.
	DRProvider pulumi.ProviderResource
	// AccountID is the AWS account, for the role's trust policy. Required.
	AccountID pulumi.StringInput
	// Protect keeps both vaults and their keys through a destroy.
	Protect bool
}

// Backup is a backup vault, its plan and selection, and a copy vault in the DR region.
type Backup struct {
	pulumi.ResourceState

	// VaultArn and DRVaultArn are the primary and the DR vault.
	VaultArn   pulumi.StringOutput
	DRVaultArn pulumi.StringOutput
	// PlanID is the backup plan.
	PlanID pulumi.IDOutput
}

func (a *BackupArgs) validate() error {
	var errs []error
	if len(a.Rules) == 0 || len(a.Resources) == 0 || a.AccountID == nil {
		errs = append(errs, errors.New("rules, resources and account are required"))
	}
	for _, r := range a.Rules {
		if r.ColdStorageAfterDays > 0 && r.RetentionDays < r.ColdStorageAfterDays+90 {
			errs = append(errs, fmt.Errorf("rule %s: deletion must follow the move to cold storage by 90 days", r.Name))
		}
		if r.CopyToDR && a.DRProvider == nil {
			errs = append(errs, fmt.Errorf("rule %s copies to DR: a DR provider is required", r.Name))
		}
	}
	return errors.Join(errs...)
}

// NewBackup declares the vaults, the plan, the selection and job-failure notifications.
func NewBackup(ctx *pulumi.Context, name string, args *BackupArgs, opts ...pulumi.ResourceOption) (*Backup, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: backup %s: %w", name, err)
	}
	b := &Backup{}
	if err := ctx.RegisterComponentResource("hybridcloud:data:Backup", name, b, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(b)

	vault, err := b.vault(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	b.VaultArn = vault.Arn
	var drVault *backup.Vault
	if args.DRProvider != nil {
		if drVault, err = b.vault(ctx, name+"-dr", args, parent, pulumi.Provider(args.DRProvider)); err != nil {
			return nil, err
		}
		b.DRVaultArn = drVault.Arn
	}

	plan, err := backup.NewPlan(ctx, name, &backup.PlanArgs{Rules: planRules(args, vault, drVault)}, parent)
	if err != nil {
		return nil, err
	}
	b.PlanID = plan.ID()
	role, err := b.role(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	resources := make(pulumi.StringArray, len(args.Resources))
	copy(resources, args.Resources)
	if _, err := backup.NewSelection(ctx, name, &backup.SelectionArgs{
		Name:       pulumi.String(name),
		PlanId:     plan.ID(),
		IamRoleArn: role.Arn,
		Resources:  resources,
		SelectionTags: backup.SelectionSelectionTagArray{
			backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String(BackupTag), Value: pulumi.String("true")},
		},
	}, parent); err != nil {
		return nil, err
	}
	if args.NotificationTopicArn != nil {
		if err := notifyFailures(ctx, name, args.NotificationTopicArn, parent); err != nil {
			return nil, err
		}
	}

	outputs := pulumi.Map{"vaultArn": b.VaultArn, "planId": b.PlanID}
	if drVault != nil {
		outputs["drVaultArn"] = b.DRVaultArn
	}
	return b, ctx.RegisterResourceOutputs(b, outputs)
}

// vault declares a vault encrypted with its own key, locked when configured.
func (b *Backup) vault(ctx *pulumi.Context, name string, args *BackupArgs, opts ...pulumi.ResourceOption) (*backup.Vault, error) {
	protected := append(append([]pulumi.ResourceOption{}, opts...), pulumi.Protect(args.Protect))
	key, err := keys.New(ctx, name, "Encrypts the "+name+" backup vault", nil, protected...)
	if err != nil {
		return nil, err
	}
	vault, err := backup.NewVault(ctx, name, &backup.VaultArgs{
		Name:         pulumi.String(name),
		KmsKeyArn:    key.Arn,
		ForceDestroy: pulumi.Bool(!args.Protect),
	}, protected...)
	if err != nil {
		return nil, err
	}
	if l := args.VaultLock; l != nil {
		lock := &backup.VaultLockConfigurationArgs{
			BackupVaultName:  vault.Name,
			MinRetentionDays: pulumi.Int(l.MinRetentionDays),
			MaxRetentionDays: pulumi.Int(l.MaxRetentionDays),
		}
		if l.ChangeableForDays > 0 {
			lock.ChangeableForDays = pulumi.Int(l.ChangeableForDays)
		}
		if _, err := backup.NewVaultLockConfiguration(ctx, name, lock, opts...); err != nil {
			return nil, err
		}
	}
	return vault, nil
}

// planRules turns the configured rules into plan rules; continuous backup is one more rule.
func planRules(args *BackupArgs, vault, drVault *backup.Vault) backup.PlanRuleArray {
	var rules backup.PlanRuleArray
	for _, r := range args.Rules {
		rule := backup.PlanRuleArgs{
			RuleName:         pulumi.String(r.Name),
			TargetVaultName:  vault.Name,
			Schedule:         pulumi.String(r.Schedule),
			StartWindow:      pulumi.Int(startWindowMinutes),
			CompletionWindow: pulumi.Int(completionWindowMinutes),
			Lifecycle:        lifecycleOf(r),
		}
		if r.CopyToDR {
			rule.CopyActions = backup.PlanRuleCopyActionArray{backup.PlanRuleCopyActionArgs{
				DestinationVaultArn: drVault.Arn,
				Lifecycle:           backup.PlanRuleCopyActionLifecycleArgs(lifecycleOf(r)),
			}}
		}
		rules = append(rules, rule)
	}
	if args.ContinuousRetentionDays > 0 {
		rules = append(rules, backup.PlanRuleArgs{
			RuleName:               pulumi.String("continuous"),
			TargetVaultName:        vault.Name,
			Schedule:               pulumi.String(continuousSchedule),
			EnableContinuousBackup: pulumi.Bool(true),
			StartWindow:            pulumi.Int(startWindowMinutes),
			CompletionWindow:       pulumi.Int(completionWindowMinutes),
			Lifecycle:              backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(args.ContinuousRetentionDays)},
		})
	}
	return rules
}

// lifecycleOf is a rule's lifecycle: delete after its retention, and move to cold storage first when asked.
func lifecycleOf(r BackupRule) backup.PlanRuleLifecycleArgs {
	l := backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(r.RetentionDays)}
	if r.ColdStorageAfterDays > 0 {
		l.ColdStorageAfter = pulumi.Int(r.ColdStorageAfterDays)
		// RDS and S3 have no cold tier: only resources that support one move, the rest stay warm.
		l.OptInToArchiveForSupportedResources = pulumi.Bool(true)
	}
	return l
}

// role is the role AWS Backup runs jobs with: the managed backup and restore policies (S3 needs its own),
// and use of the keys the protected resources are encrypted with.
func (b *Backup) role(ctx *pulumi.Context, name string, args *BackupArgs, parent pulumi.ResourceOption) (*iam.Role, error) {
	managed := pulumi.StringArray{}
	for _, p := range []string{"AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"} {
		managed = append(managed, pulumi.String("arn:aws:iam::aws:policy/service-role/"+p))
	}
	for _, p := range []string{"AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"} {
		managed = append(managed, pulumi.String("arn:aws:iam::aws:policy/"+p))
	}
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:       pulumi.String("Runs the " + name + " backup and restore jobs"),
		AssumeRolePolicy:  iamdoc.AssumeRole("backup.amazonaws.com", args.AccountID),
		ManagedPolicyArns: managed,
	}, parent)
	if err != nil || len(args.ResourceKeyArns) == 0 {
		return role, err
	}
	keyArns := make([]any, len(args.ResourceKeyArns))
	for i, k := range args.ResourceKeyArns {
		keyArns[i] = k
	}
	policy := pulumi.All(keyArns...).ApplyT(func(v []any) (string, error) {
		arns := make([]string, len(v))
		for i, a := range v {
			arns[i] = a.(string)
		}
		return iamdoc.JSON(iamdoc.Allow([]string{"kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*", "kms:CreateGrant"}, arns...))
	}).(pulumi.StringOutput)
	_, err = iam.NewRolePolicy(ctx, name+"-keys", &iam.RolePolicyArgs{Role: role.Name, Policy: policy}, parent)
	return role, err
}

// notifyFailures sends every backup, copy and restore job that fails, aborts or expires to the topic.
func notifyFailures(ctx *pulumi.Context, name string, topicArn pulumi.StringInput, parent pulumi.ResourceOption) error {
	pattern, err := json.Marshal(map[string]any{
		"source":      []string{"aws.backup"},
		"detail-type": []string{"Backup Job State Change", "Copy Job State Change", "Restore Job State Change"},
		"detail":      map[string]any{"state": []string{"FAILED", "ABORTED", "EXPIRED"}},
	})
	if err != nil {
		return err
	}
	rule, err := cloudwatch.NewEventRule(ctx, name+"-job-failures", &cloudwatch.EventRuleArgs{
		Description:  pulumi.String("AWS Backup jobs of " + name + " that failed, aborted or expired"),
		EventPattern: pulumi.String(string(pattern)),
	}, parent)
	if err != nil {
		return err
	}
	_, err = cloudwatch.NewEventTarget(ctx, name+"-job-failures", &cloudwatch.EventTargetArgs{
		Rule: rule.Name,
		Arn:  topicArn,
	}, parent)
	return err
}
