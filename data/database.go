package data

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/deploy/dbinstance"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// DatabaseType is the type token of the Database component.
const DatabaseType = "hybridcloud:data:Database"

const masterUsername = "dbadmin"

// DatabaseArgs configures a Database: its own settings, and the wiring from the rest of the stack.
type DatabaseArgs struct {
	// Settings are the database's own settings. Required.
	Settings DatabaseSettings
	// Identifier is the RDS instance identifier (platform: <project>-<stack>); it also names the exported
	// log groups, which is why they can be declared before the instance. Required.
	Identifier string
	// VPCID is the VPC of the security group. Required.
	VPCID pulumi.StringInput
	// SubnetIDs are the data subnets the instance may live in (one per AZ). Required.
	SubnetIDs pulumi.StringArrayInput
	// ClientSecurityGroupIDs may connect on the database's port: the ECS hosts and tasks. Optional.
	ClientSecurityGroupIDs []pulumi.StringInput
	// OnPremisesCIDRs may connect on the database's port: applications left in the data centre. Optional.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyARN encrypts the exported log groups (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// Now is when this deployment runs: the final snapshot's identifier carries the time the instance was
	// created, so a second instance of the same identifier (after a destroy and a new up) never collides
	// with the first one's final snapshot. Required when Settings.Protect is set.
	Now time.Time
	// ContinuousBackup says AWS Backup keeps a continuous backup of the instance (Backup's
	// ContinuousRetentionDays): AWS Backup then sets the instance's backup retention and window itself
	// (AWS Backup developer guide, "Continuous backups and point-in-time recovery"), so the instance ignores
	// its own, which would otherwise fight it on every up after a refresh. Optional.
	ContinuousBackup bool
	// AccountID, Partition and Region place the monitoring role's trust, its managed policy and the key
	// policy. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
	// KeyAdmins administer the database's key (the foundation's). Required.
	KeyAdmins keys.Admins
	// BackupRole and RestoreRole are the logical names of the AWS Backup roles that back the database up
	// and restore it: declared after the key, they are matched by name (keys.RolePattern). Optional.
	BackupRole, RestoreRole string
	// VaultAccountID is the separate backup account the snapshots are copied into (BackupSettings.
	// VaultAccount): the key is shared with it through AWS Backup and RDS (CopySourceUser). Optional.
	VaultAccountID string
	// EventsTopicARN receives the instance's, its parameter group's and security groups' RDS events (the
	// stack's operations topic, whose policy lets events.rds.amazonaws.com publish). Required.
	EventsTopicARN pulumi.StringInput
}

// Database is an RDS PostgreSQL instance whose master password RDS keeps in Secrets Manager.
type Database struct {
	pulumi.ResourceState

	// Address is the instance's DNS name; Port its port.
	Address pulumi.StringOutput
	Port    pulumi.IntOutput
	// ResourceID is the instance's resource id (DbiResourceId, "db-…"): IAM database authentication
	// grants (rds-db:connect) name it. Known once the instance exists.
	ResourceID pulumi.StringOutput
	// InstanceARN identifies the instance, for backup selections.
	InstanceARN pulumi.StringOutput
	// SecretARN is the Secrets Manager secret holding the master credentials (username and password
	// keys). Known once the instance exists: a preview leaves it unknown.
	SecretARN pulumi.StringOutput
	// KMSKeyARN encrypts the storage, the secret and Performance Insights; readers of the secret need
	// kms:Decrypt on it.
	KMSKeyARN pulumi.StringOutput
	// SecurityGroupID guards the instance.
	SecurityGroupID pulumi.IDOutput
}

func (a *DatabaseArgs) validate() error {
	var errs []error
	s := a.Settings
	if a.Identifier == "" || s.InstanceClass == "" || s.DatabaseName == "" {
		errs = append(errs, errors.New("identifier, instance class and database name are required"))
	}
	if _, err := spec.ParameterGroupFamily(s.EngineVersion); err != nil {
		errs = append(errs, err)
	}
	if s.AllocatedStorageGiB <= 0 || s.MaxAllocatedStorageGiB <= s.AllocatedStorageGiB {
		errs = append(errs, fmt.Errorf("storage %d-%d GiB: want 0 < allocated < max (autoscaling)", s.AllocatedStorageGiB, s.MaxAllocatedStorageGiB))
	}
	if s.Protect && a.Now.IsZero() {
		errs = append(errs, errors.New("the time of the deployment (Now) is required: it names the final snapshot"))
	}
	if s.BackupWindow == "" || s.MaintenanceWindow == "" || s.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("backup and maintenance windows and log retention are required"))
	}
	if s.Port < MinPort || s.Port > MaxPort {
		errs = append(errs, fmt.Errorf("port %d: want %d-%d", s.Port, MinPort, MaxPort))
	}
	if a.VPCID == nil || a.SubnetIDs == nil || a.LogsKeyARN == nil || a.AccountID == nil || a.Partition == "" || a.Region == "" || !a.KeyAdmins.Valid() || a.EventsTopicARN == nil {
		errs = append(errs, errors.New("VPC, subnets, logs key, account, partition, region, key administrators and events topic are required"))
	}
	return errors.Join(errs...)
}

// NewDatabase declares the instance with its key, network placement, parameters, monitoring and logs.
func NewDatabase(ctx *pulumi.Context, name string, args *DatabaseArgs, opts ...pulumi.ResourceOption) (*Database, error) {
	if args == nil {
		return nil, fmt.Errorf("data: database %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: database %s: %w", name, err)
	}
	s := args.Settings
	family, err := spec.ParameterGroupFamily(s.EngineVersion)
	if err != nil { // validate checked it
		return nil, fmt.Errorf("data: database %s: %w", name, err)
	}
	d := &Database{}
	if err := ctx.RegisterComponentResource(DatabaseType, name, d, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)
	protect := pulumi.Protect(s.Protect)

	policy := args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, _ []any) (string, error) {
		return DatabaseKeyPolicy(admins, args, account)
	})
	key, err := keys.New(ctx, name, "Encrypts the "+name+" database, its master secret and Performance Insights", policy, parent, protect)
	if err != nil {
		return nil, err
	}
	sg, subnets, err := declarePlacement(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	params, err := dbinstance.NewParameterGroup(ctx, name, family, parent)
	if err != nil {
		return nil, err
	}
	monitoring, logGroups, err := declareMonitoring(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	db, err := rds.NewInstance(ctx, name, instanceArgs(args, instanceInputs{
		KeyARN:             key.Arn,
		SecurityGroupID:    sg.ID(),
		SubnetGroupName:    subnets.Name,
		ParameterGroupName: params.Name,
		MonitoringRoleARN:  monitoring.Arn,
	}), parent, protect, pulumi.DependsOn(logGroups), pulumi.IgnoreChanges(ignoredInstanceInputs(args)))
	if err != nil {
		return nil, err
	}
	if err := subscribeToEvents(ctx, name, args.EventsTopicARN, db, params, parent); err != nil {
		return nil, err
	}

	d.Address = db.Address
	d.Port = db.Port
	d.ResourceID = db.ResourceId
	d.InstanceARN = db.Arn
	d.KMSKeyARN = key.Arn
	d.SecurityGroupID = sg.ID()
	d.SecretARN = masterSecretARN(name, db)
	if err := ctx.RegisterResourceOutputs(d, pulumi.Map{
		"address":         d.Address,
		"port":            d.Port,
		"resourceId":      d.ResourceID,
		"instanceArn":     d.InstanceARN,
		"secretArn":       d.SecretARN,
		"kmsKeyArn":       d.KMSKeyARN,
		"securityGroupId": d.SecurityGroupID,
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// masterSecretARN is the ARN of the secret RDS keeps the master credentials in. The secret exists once the
// instance does; its ARN is read inside an apply, so a preview leaves it unknown.
func masterSecretARN(name string, db *rds.Instance) pulumi.StringOutput {
	return db.MasterUserSecrets.ApplyT(func(secrets []rds.InstanceMasterUserSecret) (string, error) {
		if len(secrets) == 0 || secrets[0].SecretArn == nil {
			return "", fmt.Errorf("data: database %s: RDS reports no managed master secret", name)
		}
		return *secrets[0].SecretArn, nil
	}).(pulumi.StringOutput)
}

// declarePlacement declares where the instance lives: its security group and its subnet group over the
// data subnets.
func declarePlacement(ctx *pulumi.Context, name string, args *DatabaseArgs, parent pulumi.ResourceOption) (*ec2.SecurityGroup, *rds.SubnetGroup, error) {
	sg, err := dbinstance.NewSecurityGroup(ctx, name, dbinstance.SecurityGroupArgs{
		VPCID: args.VPCID, Port: args.Settings.Port, Clients: "ECS",
		ClientSecurityGroupIDs: args.ClientSecurityGroupIDs, OnPremisesCIDRs: args.OnPremisesCIDRs,
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	subnets, err := rds.NewSubnetGroup(ctx, name, &rds.SubnetGroupArgs{
		Description: pulumi.String("Data subnets of " + name),
		SubnetIds:   args.SubnetIDs,
	}, parent)
	return sg, subnets, err
}

// declareMonitoring declares Enhanced Monitoring's role and the groups the instance exports its logs to,
// retained on destroy when protected.
func declareMonitoring(ctx *pulumi.Context, name string, args *DatabaseArgs, parent pulumi.ResourceOption) (*iam.Role, []pulumi.Resource, error) {
	role, err := dbinstance.NewMonitoringRole(ctx, name, dbinstance.MonitoringRoleArgs{
		AccountID: args.AccountID, Partition: args.Partition, Region: args.Region, Identifier: args.Identifier,
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	groups, err := dbinstance.NewLogGroups(ctx, name, dbinstance.LogGroupsArgs{
		Identifier: args.Identifier, RetentionDays: args.Settings.LogRetentionDays, KMSKeyARN: args.LogsKeyARN, Retain: args.Settings.Protect,
	}, parent)
	return role, groups, err
}

// DatabaseKeyPolicy is the policy of the database's key. The administrators manage it and let RDS create
// the grants it keeps the storage, snapshots and Performance Insights encrypted with; they also encrypt the
// master secret through Secrets Manager when RDS creates it on their behalf (RDS user guide, "Password
// management with Amazon RDS and AWS Secrets Manager", permissions for a customer managed key). The
// master secret stays with them: services log in as their own roles by IAM token, so no service reads it
// (docs/operations.md). The backup role uses the key only through RDS
// and AWS Backup, for the snapshots it takes and copies; the restore role likewise, for the instances it
// restores from them. A separate backup account that copies the snapshots may use it through the same
// services.
func DatabaseKeyPolicy(admins keys.Administration, args *DatabaseArgs, account string) (string, error) {
	secretsManager := "secretsmanager." + args.Region + ".amazonaws.com"
	users := []keys.User{{Sid: "AdministratorsCreateTheMasterSecret", Principals: admins.Roles,
		Actions: []string{"kms:GenerateDataKey", "kms:Decrypt"}, ViaServices: []string{secretsManager}}}
	via := backupServices(args.Region)
	if args.BackupRole != "" {
		users = append(users, keys.User{Sid: "BackupSnapshotsThroughRDS", PrincipalPatterns: []string{keys.RolePattern(args.Partition, account, args.BackupRole)},
			ViaServices: via, Grants: true})
	}
	if args.RestoreRole != "" {
		users = append(users, keys.User{Sid: "RestoreInstancesThroughRDS", PrincipalPatterns: []string{keys.RolePattern(args.Partition, account, args.RestoreRole)},
			ViaServices: via, Grants: true})
	}
	if args.VaultAccountID != "" {
		users = append(users, CopySourceUser(args.Partition, args.Region, args.VaultAccountID))
	}
	return keys.Policy{Account: account, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: users}.JSON()
}

// instanceInputs are the instance's inputs that the component's other resources provide.
type instanceInputs struct {
	// KeyARN encrypts the storage, the master secret and Performance Insights.
	KeyARN pulumi.StringInput
	// SecurityGroupID, SubnetGroupName and ParameterGroupName place and configure the instance.
	SecurityGroupID, SubnetGroupName, ParameterGroupName pulumi.StringInput
	// MonitoringRoleARN is Enhanced Monitoring's role.
	MonitoringRoleARN pulumi.StringInput
}

// instanceArgs are the instance's inputs: PostgreSQL on encrypted, autoscaling gp3, private, TLS and IAM
// authentication, a password RDS manages in Secrets Manager, minor upgrades automatic (the major alone is
// the engine version, which the provider matches as a prefix of the running one) and a major one only when
// the settings change it, monitored and logged. Protect turns on deletion protection and a final snapshot and keeps the
// automated backups after deletion. Tagged for the backup selection.
func instanceArgs(args *DatabaseArgs, in instanceInputs) *rds.InstanceArgs {
	s := args.Settings
	var finalSnapshot pulumi.StringPtrInput
	if s.Protect {
		finalSnapshot = pulumi.String(finalSnapshotIdentifier(args.Identifier, args.Now))
	}
	return &rds.InstanceArgs{
		Identifier:                         pulumi.String(args.Identifier),
		Engine:                             pulumi.String("postgres"),
		EngineVersion:                      pulumi.String(s.EngineVersion),
		InstanceClass:                      pulumi.String(s.InstanceClass),
		DbName:                             pulumi.String(s.DatabaseName),
		Username:                           pulumi.String(masterUsername),
		ManageMasterUserPassword:           pulumi.Bool(true),
		MasterUserSecretKmsKeyId:           in.KeyARN,
		StorageType:                        pulumi.String("gp3"),
		AllocatedStorage:                   pulumi.Int(s.AllocatedStorageGiB),
		MaxAllocatedStorage:                pulumi.Int(s.MaxAllocatedStorageGiB),
		StorageEncrypted:                   pulumi.Bool(true),
		KmsKeyId:                           in.KeyARN,
		MultiAz:                            pulumi.Bool(s.MultiAZ),
		DbSubnetGroupName:                  in.SubnetGroupName,
		VpcSecurityGroupIds:                pulumi.StringArray{in.SecurityGroupID},
		PubliclyAccessible:                 pulumi.Bool(false),
		Port:                               pulumi.Int(s.Port),
		ParameterGroupName:                 in.ParameterGroupName,
		CaCertIdentifier:                   pulumi.String(dbinstance.CACertificate),
		IamDatabaseAuthenticationEnabled:   pulumi.Bool(true),
		AutoMinorVersionUpgrade:            pulumi.Bool(true),
		AllowMajorVersionUpgrade:           pulumi.Bool(true),
		BackupRetentionPeriod:              pulumi.Int(s.BackupRetentionDays),
		BackupWindow:                       pulumi.String(s.BackupWindow),
		MaintenanceWindow:                  pulumi.String(s.MaintenanceWindow),
		CopyTagsToSnapshot:                 pulumi.Bool(true),
		DeleteAutomatedBackups:             pulumi.Bool(!s.Protect),
		DeletionProtection:                 pulumi.Bool(s.Protect),
		SkipFinalSnapshot:                  pulumi.Bool(!s.Protect),
		FinalSnapshotIdentifier:            finalSnapshot,
		PerformanceInsightsEnabled:         pulumi.Bool(true),
		PerformanceInsightsKmsKeyId:        in.KeyARN,
		PerformanceInsightsRetentionPeriod: pulumi.Int(dbinstance.PerformanceInsightsDays),
		MonitoringInterval:                 pulumi.Int(dbinstance.MonitoringIntervalSeconds),
		MonitoringRoleArn:                  in.MonitoringRoleARN,
		EnabledCloudwatchLogsExports:       pulumi.ToStringArray(dbinstance.LogExports),
	}
}

// ignoredInstanceInputs are the instance inputs that must keep their value from the create: the final
// snapshot identifier, which names the instance's creation time; and those another service owns after
// create, the backup retention and window once AWS Backup keeps a continuous backup (still set, and
// validated, for the first create).
func ignoredInstanceInputs(args *DatabaseArgs) []string {
	ignored := []string{"finalSnapshotIdentifier"}
	if args.ContinuousBackup {
		ignored = append(ignored, "backupRetentionPeriod", "backupWindow")
	}
	return ignored
}

// finalSnapshotIdentifier is unique per instance lifetime: RDS refuses a final snapshot whose identifier
// exists, so a fixed "<id>-final" would make the second delete of a recreated instance fail.
func finalSnapshotIdentifier(identifier string, created time.Time) string {
	return identifier + "-final-" + created.UTC().Format("20060102-1504")
}
