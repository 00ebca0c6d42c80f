package data

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/backup"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

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
	// Resources are the ARNs backed up (the database, the file bucket): the selection is exactly these, so
	// tagging a resource elsewhere in the account cannot pull it into the vaults. Their keys' policies let
	// the backup role (named after the component) use them. Required.
	Resources []pulumi.StringInput
	// NotificationTopicARN receives failed, aborted and expired jobs (the operations topic). Optional.
	NotificationTopicARN pulumi.StringInput
	// DRProvider is the AWS provider of Settings.DRRegion; the DR vault and its key are declared with it.
	// Required when a rule copies to DR; without it there is no DR vault.
	DRProvider pulumi.ProviderResource
	// VaultAccountProvider is the AWS provider of Settings.VaultAccount: that account (its role assumed), the
	// stack's region. The account's vault and its key are declared with it. Required exactly when
	// Settings.VaultAccount is set.
	VaultAccountProvider pulumi.ProviderResource
	// AccountID, Partition and Region place the role's managed policies and the vault policies. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
	// KeyAdmins administer the vaults' keys (the foundation's); its break-glass role alone may delete
	// recovery points or change the vaults' policies. Required.
	KeyAdmins keys.Admins
}

// Backup is a backup vault, its plan and selection, and a copy vault in the DR region.
type Backup struct {
	pulumi.ResourceState

	// VaultARN is the primary vault, in the stack's region.
	VaultARN pulumi.StringOutput
	// DRVaultARN is the DR vault. Set only when the args carry a DRProvider: without one it stays the zero
	// output, which a consumer must not export or wire.
	DRVaultARN pulumi.StringOutput
	// AccountVaultARN is the vault of the separate backup account. Set only with Settings.VaultAccount.
	AccountVaultARN pulumi.StringOutput
	// PlanID is the backup plan.
	PlanID pulumi.IDOutput
	// RoleName is the role AWS Backup runs the jobs with; the resources' keys name it by its logical name,
	// BackupRoleName.
	RoleName pulumi.StringOutput
	// RestoreRoleARN is the role operators pass to aws backup start-restore-job --iam-role-arn; the keys name
	// it by RestoreRoleName.
	RestoreRoleARN pulumi.StringOutput
}

func (a *BackupArgs) validate() error {
	var errs []error
	s := a.Settings
	if len(s.Rules) == 0 || len(a.Resources) == 0 || a.AccountID == nil || a.Partition == "" || a.Region == "" || !a.KeyAdmins.Valid() {
		errs = append(errs, errors.New("rules, resources, account, partition, region and key administrators are required"))
	}
	if (s.VaultAccount != nil) != (a.VaultAccountProvider != nil) {
		errs = append(errs, errors.New("a vault account and its provider come together"))
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

	vault, err := declareVault(ctx, stackVault(name, name, args.Region, args), args.Settings, parent)
	if err != nil {
		return nil, err
	}
	b.VaultARN = vault.Arn
	var copies copyVaults // no DR provider: no DR vault, and validate made sure no rule copies
	planOpts := []pulumi.ResourceOption{parent}
	if args.DRProvider != nil {
		drVault, err := declareVault(ctx, stackVault(name, name+drSuffix, args.Settings.DRRegion, args), args.Settings, parent, pulumi.Provider(args.DRProvider))
		if err != nil {
			return nil, err
		}
		b.DRVaultARN = drVault.Arn
		copies.dr = drVault.Arn
	}
	if a := args.Settings.VaultAccount; a != nil {
		accountVault, err := declareVault(ctx, accountVault(name, *a, args), args.Settings, parent, pulumi.Provider(args.VaultAccountProvider))
		if err != nil {
			return nil, err
		}
		b.AccountVaultARN = accountVault.Arn
		// Built from config, so a preview knows where the copies go (the cost report prices them); the plan
		// still waits for the vault.
		copies.account = pulumi.String(fmt.Sprintf("arn:%s:backup:%s:%s:backup-vault:%s", args.Partition, args.Region, a.AccountID, name+accountSuffix))
		planOpts = append(planOpts, pulumi.DependsOn([]pulumi.Resource{accountVault}))
	}

	plan, err := backup.NewPlan(ctx, name, &backup.PlanArgs{Rules: planRules(args.Settings, vault.Name, copies)}, planOpts...)
	if err != nil {
		return nil, err
	}
	b.PlanID = plan.ID()
	role, err := backupRole(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	b.RoleName = role.Name
	restore, err := restoreRole(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	b.RestoreRoleARN = restore.Arn
	if _, err := backup.NewSelection(ctx, name, selectionArgs(name, args, plan.ID(), role.Arn), parent); err != nil {
		return nil, err
	}
	if args.NotificationTopicARN != nil {
		if err := notifyFailures(ctx, name, args.NotificationTopicARN, parent); err != nil {
			return nil, err
		}
	}

	outputs := pulumi.Map{"vaultArn": b.VaultARN, "planId": b.PlanID, "restoreRoleArn": b.RestoreRoleARN}
	if copies.dr != nil {
		outputs["drVaultArn"] = b.DRVaultARN
	}
	if copies.account != nil {
		outputs["accountVaultArn"] = b.AccountVaultARN
	}
	if err := ctx.RegisterResourceOutputs(b, outputs); err != nil {
		return nil, err
	}
	return b, nil
}

// selectionArgs select exactly the named resources for the plan planID, backed up with the role roleARN.
func selectionArgs(name string, args *BackupArgs, planID, roleARN pulumi.StringInput) *backup.SelectionArgs {
	resources := make(pulumi.StringArray, len(args.Resources))
	copy(resources, args.Resources)
	return &backup.SelectionArgs{
		Name:       pulumi.String(name),
		PlanId:     planID,
		IamRoleArn: roleARN,
		Resources:  resources,
	}
}

// VaultKeyPolicy is the policy of a vault's key: the administrators manage it, and the backup role (named
// BackupRoleName after the component, declared after the key) uses it only through AWS Backup and RDS in the vault's
// region, and lets them create grants for the recovery points (AWS Backup developer guide, "Encryption for
// backups in AWS Backup": the vault key encrypts fully managed backups and the copies made into the vault).
// The restore role only decrypts them, through the same services, and lets them create the restored
// resources' grants.
// A vault copied into a separate backup account (vaultAccount) is shared with it too (CopySourceUser).
func VaultKeyPolicy(admins keys.Administration, partition, region, account, backup, vaultAccount string) (string, error) {
	via := backupServices(region)
	users := []keys.User{{
		Sid: "BackupRoleUsesThroughBackup", PrincipalPatterns: []string{keys.RolePattern(partition, account, BackupRoleName(backup))},
		ViaServices: via, Grants: true,
	}, {
		Sid: "RestoreRoleDecryptsThroughBackup", PrincipalPatterns: []string{keys.RolePattern(partition, account, RestoreRoleName(backup))},
		Actions: []string{"kms:Decrypt", "kms:DescribeKey"}, ViaServices: via, Grants: true,
	}}
	if vaultAccount != "" {
		users = append(users, CopySourceUser(partition, region, vaultAccount))
	}
	return keys.Policy{Account: account, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: users}.JSON()
}

// backupServices are the endpoints AWS Backup uses a vault's or a database's key through: its own and RDS's
// (RDS snapshots are not fully managed by AWS Backup and stay encrypted with the database's key).
func backupServices(region string) []string {
	return []string{"backup." + region + ".amazonaws.com", "rds." + region + ".amazonaws.com"}
}

// CopySourceUser shares a key whose recovery points are copied into the separate backup account with that
// account, as AWS requires of a customer managed source key (AWS Backup developer guide, "Creating backup
// copies across AWS accounts"): the account may decrypt and re-encrypt through AWS Backup and RDS in the
// region, and let them hold grants for the copies, nothing else.
func CopySourceUser(partition, region, vaultAccount string) keys.User {
	return keys.User{
		Sid:        "BackupAccountCopiesThroughBackup",
		Principals: []string{iamdoc.AccountRoot(partition, vaultAccount)},
		Actions:    []string{"kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey"}, ViaServices: backupServices(region),
		Grants: true, CallerAccount: vaultAccount,
	}
}

// AccountVaultKeyPolicy is the policy of the backup account's vault key, in that account: its own
// administrators and break-glass role, AWS Backup and RDS re-encrypting the copies with it there (for the
// account's own principals, AWS Backup's service-linked role among them), and the stack's backup role,
// which starts the copy jobs, using it only through the same services.
func AccountVaultKeyPolicy(a VaultAccount, partition, region, sourceAccount, backup string) (string, error) {
	via := backupServices(region)
	return keys.Policy{Account: a.AccountID, Administrators: a.Administrators(), BreakGlass: a.BreakGlassRole, Users: []keys.User{{
		Sid: "BackupAccountUsesThroughBackup", PrincipalPatterns: []string{"arn:" + partition + ":iam::" + a.AccountID + ":role/*"},
		ViaServices: via, Grants: true,
	}, {
		Sid: "StackBackupRoleCopiesThroughBackup", PrincipalPatterns: []string{keys.RolePattern(partition, sourceAccount, BackupRoleName(backup))},
		ViaServices: via, Grants: true, CallerAccount: sourceAccount,
	}}}.JSON()
}

// vaultProtectedActions destroy recovery points or loosen what guards them (AWS Backup developer guide,
// "Vault access policies": deny backup:DeleteRecoveryPoint to limit deletion; AWS Config's rule
// backup-recovery-point-manual-deletion-disabled checks exactly that).
var vaultProtectedActions = []string{"backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle", "backup:DisassociateRecoveryPoint",
	"backup:PutBackupVaultAccessPolicy", "backup:DeleteBackupVaultAccessPolicy", "backup:PutBackupVaultLockConfiguration",
	"backup:DeleteBackupVaultLockConfiguration", "backup:DeleteBackupVault"}

// VaultPolicy is a vault's access policy: nobody but exempt (the break-glass role, or in a stack without one
// the key administrators, so dev can be torn down) deletes a recovery point, shortens its life, or changes
// the vault's policy or lock. AWS Backup's own lifecycle deletions are not API calls of a principal and go
// on. Once it is in place, changing it takes the break-glass role: a deployment that changes it fails
// until run with that role.
func VaultPolicy(vaultARN string, exempt []string) (string, error) {
	return iamdoc.JSON(vaultDeny(vaultARN, exempt))
}

// AccountVaultPolicy is the backup account's vault policy: the same deny, exempting that account's
// break-glass role, and the stack's account copying in (backup:CopyIntoBackupVault from the source account,
// as AWS documents the destination vault's policy: "Creating backup copies across AWS accounts").
func AccountVaultPolicy(vaultARN string, exempt []string, partition, sourceAccount string) (string, error) {
	return iamdoc.JSON(iamdoc.Statement{
		"Sid":       "TheStacksAccountCopiesIn",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": iamdoc.AccountRoot(partition, sourceAccount)},
		"Action":    "backup:CopyIntoBackupVault",
		"Resource":  vaultARN,
	}, vaultDeny(vaultARN, exempt))
}

// vaultDeny denies vaultProtectedActions on the vault to everyone but exempt.
func vaultDeny(vaultARN string, exempt []string) iamdoc.Statement {
	return iamdoc.Statement{
		"Sid":       "OnlyBreakGlassDestroysRecoveryPoints",
		"Effect":    "Deny",
		"Principal": map[string]any{"AWS": "*"},
		"Action":    vaultProtectedActions,
		"Resource":  vaultARN,
		"Condition": map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": exempt}},
	}
}

// vaultSpec is one vault to declare: its name, its key's policy, and its access policy from its ARN.
type vaultSpec struct {
	name, description string
	keyPolicy         pulumi.StringInput
	policy            func(vaultARN pulumi.StringOutput) pulumi.StringOutput
}

// stackVault is a vault of the stack's account in region, of the Backup component called component: its key
// used by the component's roles, its policy exempting the break-glass role (or, in a stack without one, the
// key administrators, so dev can be torn down). The primary vault, the copy source, is shared with the
// vault account when there is one.
func stackVault(component, name, region string, args *BackupArgs) vaultSpec {
	var vaultAccount string
	if a := args.Settings.VaultAccount; a != nil && region == args.Region {
		vaultAccount = a.AccountID
	}
	return vaultSpec{
		name: name, description: "Encrypts the " + name + " backup vault",
		keyPolicy: args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, _ []any) (string, error) {
			return VaultKeyPolicy(admins, args.Partition, region, account, component, vaultAccount)
		}),
		policy: func(vaultARN pulumi.StringOutput) pulumi.StringOutput {
			return pulumi.All(vaultARN, args.KeyAdmins.Roles).ApplyT(func(v []any) (string, error) {
				exempt := v[1].([]string)
				if args.KeyAdmins.BreakGlass != "" {
					exempt = []string{args.KeyAdmins.BreakGlass}
				}
				return VaultPolicy(v[0].(string), exempt)
			}).(pulumi.StringOutput)
		},
	}
}

// accountVault is the vault of the separate backup account a, in the stack's region.
func accountVault(component string, a VaultAccount, args *BackupArgs) vaultSpec {
	name := component + accountSuffix
	exempt := a.Administrators()
	if a.BreakGlassRole != "" {
		exempt = []string{a.BreakGlassRole}
	}
	return vaultSpec{
		name: name, description: "Encrypts the " + name + " backup vault, copies of " + component + " in account " + a.AccountID,
		keyPolicy: args.AccountID.ToStringOutput().ApplyT(func(source string) (string, error) {
			return AccountVaultKeyPolicy(a, args.Partition, args.Region, source, component)
		}).(pulumi.StringOutput),
		policy: func(vaultARN pulumi.StringOutput) pulumi.StringOutput {
			return pulumi.All(vaultARN, args.AccountID).ApplyT(func(v []any) (string, error) {
				return AccountVaultPolicy(v[0].(string), exempt, args.Partition, v[1].(string))
			}).(pulumi.StringOutput)
		},
	}
}

// declareVault declares a vault encrypted with its own key, its access policy, and its lock when
// configured.
func declareVault(ctx *pulumi.Context, v vaultSpec, s BackupSettings, opts ...pulumi.ResourceOption) (*backup.Vault, error) {
	protected := append(append([]pulumi.ResourceOption{}, opts...), pulumi.Protect(s.Protect))
	key, err := keys.New(ctx, v.name, v.description, v.keyPolicy, protected...)
	if err != nil {
		return nil, err
	}
	vault, err := backup.NewVault(ctx, v.name, &backup.VaultArgs{
		Name:         pulumi.String(v.name),
		KmsKeyArn:    key.Arn,
		ForceDestroy: pulumi.Bool(!s.Protect),
	}, protected...)
	if err != nil {
		return nil, err
	}
	// The lock comes first: once the access policy is in place, only the break-glass role may change it.
	var lockFirst []pulumi.Resource
	if l := s.VaultLock; l != nil {
		lock := &backup.VaultLockConfigurationArgs{
			BackupVaultName:  vault.Name,
			MinRetentionDays: pulumi.Int(l.MinRetentionDays),
			MaxRetentionDays: pulumi.Int(l.MaxRetentionDays),
		}
		if l.ChangeableForDays > 0 {
			lock.ChangeableForDays = pulumi.Int(l.ChangeableForDays)
		}
		configured, err := backup.NewVaultLockConfiguration(ctx, v.name, lock, opts...)
		if err != nil {
			return nil, err
		}
		lockFirst = append(lockFirst, configured)
	}
	if _, err := backup.NewVaultPolicy(ctx, v.name, &backup.VaultPolicyArgs{
		BackupVaultName: vault.Name,
		Policy:          v.policy(vault.Arn),
	}, append(opts, pulumi.DependsOn(lockFirst))...); err != nil {
		return nil, err
	}
	return vault, nil
}

// drSuffix and accountSuffix name the DR vault and the backup account's vault after the component.
const (
	drSuffix      = "-dr"
	accountSuffix = "-account"
)

// copyVaults are the vaults scheduled recovery points are copied to; nil where there is none.
type copyVaults struct {
	// dr is the DR vault, for the rules that copy to DR.
	dr pulumi.StringInput
	// account is the backup account's vault, for every scheduled rule.
	account pulumi.StringInput
}

// planRules turns the configured rules into plan rules, in sortedRules order, into the vault named
// vaultName; a rule that copies to DR copies to the DR vault, and every one to the backup account's vault
// when there is one. Continuous backup is one more rule, copied nowhere (a copy of a continuous backup is a
// snapshot, which the scheduled rules already copy).
func planRules(s BackupSettings, vaultName pulumi.StringInput, copies copyVaults) backup.PlanRuleArray {
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
		var destinations []pulumi.StringInput
		if r.CopyToDR {
			destinations = append(destinations, copies.dr)
		}
		if copies.account != nil {
			destinations = append(destinations, copies.account)
		}
		var actions backup.PlanRuleCopyActionArray
		for _, d := range destinations {
			actions = append(actions, backup.PlanRuleCopyActionArgs{
				DestinationVaultArn: d,
				Lifecycle:           backup.PlanRuleCopyActionLifecycleArgs(lifecycleOf(r)),
			})
		}
		if len(actions) > 0 {
			rule.CopyActions = actions
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

// managedBackupPolicies are the AWS managed policies of the backup role: backup (its KMS statement already
// holds kms:CreateGrant to kms:GrantIsForAWSResource), and S3's own, which AWS keeps in step with the
// service (fenced to the stack's buckets by s3Fence). Restores are the restore role's (restoreRole).
var managedBackupPolicies = map[string]string{
	"backup":    "service-role/AWSBackupServiceRolePolicyForBackup",
	"s3-backup": "AWSBackupServiceRolePolicyForS3Backup",
}

// BackupRoleName is the logical name of the backup role of the Backup component called backup: the keys of
// the resources it backs up, declared before it, name it by this (keys.RolePattern). It is not the
// component's own name, whose pattern (backup-*) would match the restore role too (RestoreRoleName).
func BackupRoleName(backup string) string { return backup + "-jobs" }

// backupRole is the role AWS Backup runs backup and copy jobs with: the managed backup policies, each a
// separate attachment (never managedPolicyArns beside attachments: pulumi-aws iam.Role docs). The keys of
// the protected resources and of the vaults grant it their use in their own policies, so it holds no KMS
// statement of its own. AWS Backup sends no source keys when it assumes it, so its trust has no condition.
func backupRole(ctx *pulumi.Context, name string, args *BackupArgs, parent pulumi.ResourceOption) (*iam.Role, error) {
	role, err := iam.NewRole(ctx, BackupRoleName(name), &iam.RoleArgs{
		Description:      pulumi.String("Runs the " + name + " backup and copy jobs"),
		AssumeRolePolicy: iamdoc.AssumeRole("backup.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return nil, err
	}
	for _, suffix := range slices.Sorted(maps.Keys(managedBackupPolicies)) {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-"+suffix, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String("arn:" + args.Partition + ":iam::aws:policy/" + managedBackupPolicies[suffix]),
		}, parent); err != nil {
			return nil, err
		}
	}
	fence := pulumi.All(resourceInputs(args.Resources)...).ApplyT(func(v []any) (string, error) {
		var arns []string
		for _, r := range v {
			arns = append(arns, r.(string))
		}
		return iamdoc.JSON(s3Fence(args.Partition, arns))
	}).(pulumi.StringOutput)
	_, err = iam.NewRolePolicy(ctx, name+"-s3-fence", &iam.RolePolicyArgs{Role: role.Name, Policy: fence}, parent)
	return role, err
}

// s3DataActions are what AWS's S3 backup policy does to a bucket's contents, on every bucket
// (AWSBackupServiceRolePolicyForS3Backup: s3:GetObject on arn:aws:s3:::*/*), and more, should it grow.
var s3DataActions = []string{"s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*", "s3:ListBucket*", "s3:RestoreObject"}

// s3Fence keeps those managed policies, which AWS keeps in step with the service, to the stack's buckets
// among the backed-up resources: a Deny of their data actions on every other bucket. (Restoring into a new
// bucket is the restore role's.)
func s3Fence(partition string, resources []string) iamdoc.Statement {
	var buckets []string
	for _, arn := range resources {
		if strings.HasPrefix(arn, "arn:"+partition+":s3:::") {
			buckets = append(buckets, arn, arn+"/*")
		}
	}
	if len(buckets) == 0 {
		return iamdoc.Statement{"Sid": "NoBucketData", "Effect": "Deny", "Action": s3DataActions, "Resource": "*"}
	}
	return iamdoc.Statement{"Sid": "BucketDataOnlyOfTheStacksBuckets", "Effect": "Deny", "Action": s3DataActions, "NotResource": buckets}
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
