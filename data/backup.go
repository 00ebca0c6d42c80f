package data

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
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

// BackupType is the type token of the Backup component.
const BackupType = "hybridcloud:data:Backup"

// BackupArgs configures a Backup: its own settings, and the wiring from the rest of the stack.
type BackupArgs struct {
	// Settings are AWS Backup's own settings. Required.
	Settings BackupSettings
	// Resources are the ARNs backed up explicitly (the database, the file bucket), beside anything tagged
	// BackupTag=true. Required.
	Resources []pulumi.StringInput
	// ResourceKeyARNs are the KMS keys those resources are encrypted with: the backup role must use them.
	// Optional.
	ResourceKeyARNs []pulumi.StringInput
	// NotificationTopicARN receives failed, aborted and expired jobs (the operations topic). Optional.
	NotificationTopicARN pulumi.StringInput
	// DRProvider is the AWS provider of Settings.DRRegion; the DR vault and its key are declared with it.
	// Required when a rule copies to DR; without it there is no DR vault.
	DRProvider pulumi.ProviderResource
	// AccountID and Partition place the role's trust and its managed policies. Required.
	AccountID pulumi.StringInput
	Partition string
}

// Backup is a backup vault, its plan and selection, and a copy vault in the DR region.
type Backup struct {
	pulumi.ResourceState

	// VaultARN is the primary vault, in the stack's region.
	VaultARN pulumi.StringOutput
	// DRVaultARN is the DR vault. Set only when the args carry a DRProvider: without one it stays the zero
	// output, which a consumer must not export or wire.
	DRVaultARN pulumi.StringOutput
	// PlanID is the backup plan.
	PlanID pulumi.IDOutput
}

func (a *BackupArgs) validate() error {
	var errs []error
	s := a.Settings
	if len(s.Rules) == 0 || len(a.Resources) == 0 || a.AccountID == nil || a.Partition == "" {
		errs = append(errs, errors.New("rules, resources, account and partition are required"))
	}
	for _, name := range sortedRules(s.Rules) {
		r := s.Rules[name]
		if r.Schedule == "" || r.RetentionDays < 1 {
			errs = append(errs, fmt.Errorf("rule %s: a schedule and a retention of at least a day are required", name))
		}
		if err := spec.CheckColdStorage(r.RetentionDays, r.ColdStorageAfterDays); err != nil {
			errs = append(errs, fmt.Errorf("rule %s: %w", name, err))
		}
		if r.CopyToDR && a.DRProvider == nil {
			errs = append(errs, fmt.Errorf("rule %s copies to DR: a DR provider is required", name))
		}
	}
	return errors.Join(errs...)
}

// sortedRules are the rules' names in the order the plan lists them: by retention, then by name, so a plan
// never depends on map order and reads from the most frequent backup to the longest kept.
func sortedRules(rules map[string]BackupRule) []string {
	return slices.SortedFunc(maps.Keys(rules), func(a, b string) int {
		return cmp.Or(cmp.Compare(rules[a].RetentionDays, rules[b].RetentionDays), cmp.Compare(a, b))
	})
}

// NewBackup declares the vaults, the plan, the selection and job-failure notifications.
func NewBackup(ctx *pulumi.Context, name string, args *BackupArgs, opts ...pulumi.ResourceOption) (*Backup, error) {
	if args == nil {
		return nil, fmt.Errorf("data: backup %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: backup %s: %w", name, err)
	}
	b := &Backup{}
	if err := ctx.RegisterComponentResource(BackupType, name, b, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(b)

	vault, err := declareVault(ctx, name, args.Settings, parent)
	if err != nil {
		return nil, err
	}
	b.VaultARN = vault.Arn
	var drVaultARN pulumi.StringInput // no DR provider: no DR vault, and validate made sure no rule copies
	if args.DRProvider != nil {
		drVault, err := declareVault(ctx, name+"-dr", args.Settings, parent, pulumi.Provider(args.DRProvider))
		if err != nil {
			return nil, err
		}
		b.DRVaultARN = drVault.Arn
		drVaultARN = drVault.Arn
	}

	plan, err := backup.NewPlan(ctx, name, &backup.PlanArgs{Rules: planRules(args.Settings, vault.Name, drVaultARN)}, parent)
	if err != nil {
		return nil, err
	}
	b.PlanID = plan.ID()
	role, err := backupRole(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	if _, err := backup.NewSelection(ctx, name, selectionArgs(name, args, plan.ID(), role.Arn), parent); err != nil {
		return nil, err
	}
	if args.NotificationTopicARN != nil {
		if err := notifyFailures(ctx, name, args.NotificationTopicARN, parent); err != nil {
			return nil, err
		}
	}

	outputs := pulumi.Map{"vaultArn": b.VaultARN, "planId": b.PlanID}
	if drVaultARN != nil {
		outputs["drVaultArn"] = b.DRVaultARN
	}
	if err := ctx.RegisterResourceOutputs(b, outputs); err != nil {
		return nil, err
	}
	return b, nil
}

// selectionArgs select the named resources, and everything tagged BackupTag=true, for the plan planID,
// backed up with the role roleARN.
func selectionArgs(name string, args *BackupArgs, planID, roleARN pulumi.StringInput) *backup.SelectionArgs {
	resources := make(pulumi.StringArray, len(args.Resources))
	copy(resources, args.Resources)
	return &backup.SelectionArgs{
		Name:       pulumi.String(name),
		PlanId:     planID,
		IamRoleArn: roleARN,
		Resources:  resources,
		SelectionTags: backup.SelectionSelectionTagArray{
			backup.SelectionSelectionTagArgs{Type: pulumi.String("STRINGEQUALS"), Key: pulumi.String(BackupTag), Value: pulumi.String("true")},
		},
	}
}

// declareVault declares a vault encrypted with its own key, locked when configured.
func declareVault(ctx *pulumi.Context, name string, s BackupSettings, opts ...pulumi.ResourceOption) (*backup.Vault, error) {
	protected := append(append([]pulumi.ResourceOption{}, opts...), pulumi.Protect(s.Protect))
	key, err := keys.New(ctx, name, "Encrypts the "+name+" backup vault", nil, protected...)
	if err != nil {
		return nil, err
	}
	vault, err := backup.NewVault(ctx, name, &backup.VaultArgs{
		Name:         pulumi.String(name),
		KmsKeyArn:    key.Arn,
		ForceDestroy: pulumi.Bool(!s.Protect),
	}, protected...)
	if err != nil {
		return nil, err
	}
	if l := s.VaultLock; l != nil {
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

// planRules turns the configured rules into plan rules, in sortedRules order, into the vault named
// vaultName; a rule that copies to DR copies to drVaultARN. Continuous backup is one more rule.
func planRules(s BackupSettings, vaultName, drVaultARN pulumi.StringInput) backup.PlanRuleArray {
	var rules backup.PlanRuleArray
	for _, name := range sortedRules(s.Rules) {
		r := s.Rules[name]
		rule := backup.PlanRuleArgs{
			RuleName:         pulumi.String(name),
			TargetVaultName:  vaultName,
			Schedule:         pulumi.String(r.Schedule),
			StartWindow:      pulumi.Int(startWindowMinutes),
			CompletionWindow: pulumi.Int(completionWindowMinutes),
			Lifecycle:        lifecycleOf(r),
		}
		if r.CopyToDR {
			rule.CopyActions = backup.PlanRuleCopyActionArray{backup.PlanRuleCopyActionArgs{
				DestinationVaultArn: drVaultARN,
				Lifecycle:           backup.PlanRuleCopyActionLifecycleArgs(lifecycleOf(r)),
			}}
		}
		rules = append(rules, rule)
	}
	if s.ContinuousRetentionDays > 0 {
		rules = append(rules, backup.PlanRuleArgs{
			RuleName:               pulumi.String("continuous"),
			TargetVaultName:        vaultName,
			Schedule:               pulumi.String(continuousSchedule),
			EnableContinuousBackup: pulumi.Bool(true),
			StartWindow:            pulumi.Int(startWindowMinutes),
			CompletionWindow:       pulumi.Int(completionWindowMinutes),
			Lifecycle:              backup.PlanRuleLifecycleArgs{DeleteAfter: pulumi.Int(s.ContinuousRetentionDays)},
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

// managedBackupPolicies are the AWS managed policies of the backup role: backup and restore, and S3's own.
func managedBackupPolicies(partition string) pulumi.StringArray {
	managed := pulumi.StringArray{}
	for _, p := range []string{"service-role/AWSBackupServiceRolePolicyForBackup", "service-role/AWSBackupServiceRolePolicyForRestores",
		"AWSBackupServiceRolePolicyForS3Backup", "AWSBackupServiceRolePolicyForS3Restore"} {
		managed = append(managed, pulumi.String("arn:"+partition+":iam::aws:policy/"+p))
	}
	return managed
}

// backupRole is the role AWS Backup runs jobs with: the managed backup and restore policies (S3 needs its
// own), and use of the keys the protected resources are encrypted with.
func backupRole(ctx *pulumi.Context, name string, args *BackupArgs, parent pulumi.ResourceOption) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:       pulumi.String("Runs the " + name + " backup and restore jobs"),
		AssumeRolePolicy:  iamdoc.AssumeRole("backup.amazonaws.com", args.AccountID),
		ManagedPolicyArns: managedBackupPolicies(args.Partition),
	}, parent)
	if err != nil || len(args.ResourceKeyARNs) == 0 {
		return role, err
	}
	keyArns := make([]any, len(args.ResourceKeyARNs))
	for i, k := range args.ResourceKeyARNs {
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
