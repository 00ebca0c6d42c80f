package dr

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/deploy/dbinstance"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// ReplicaType is the type token of the Replica component.
const ReplicaType = "hybridcloud:dr:Replica"

// lagPeriodSeconds and lagPeriods: the lag must stay above the threshold for three of five minutes.
const (
	lagPeriodSeconds = 60
	lagPeriods       = 5
	lagDatapoints    = 3
)

// ReplicaArgs configure the read replica: its settings, the primary it follows, and the DR region's wiring.
// Declare it with the DR region's provider.
type ReplicaArgs struct {
	// Settings size the replica and its lag alarm. Required.
	Settings ReplicaSettings
	// Protect turns on deletion protection, a final snapshot and pulumi protect, as on the primary.
	Protect bool
	// Identifier is the replica's RDS identifier (platform: <project>-<stack>-dr). Required.
	Identifier string
	// SourceARN is the primary instance's ARN: a cross-region replica names its source by ARN. Required.
	SourceARN pulumi.StringInput
	// EngineVersion is the primary's, for the parameter group family. Required.
	EngineVersion string
	// BackupRetentionDays, BackupWindow and MaintenanceWindow are the primary's: a promoted replica keeps
	// its automated backups. LogRetentionDays keeps its exported logs. Required.
	BackupRetentionDays             int
	BackupWindow, MaintenanceWindow string
	LogRetentionDays                int
	// VPCID and SubnetIDs place the replica in the DR VPC's data subnets. Required.
	VPCID     pulumi.StringInput
	SubnetIDs pulumi.StringArrayInput
	// ClientSecurityGroupIDs (the DR cluster's hosts and tasks) and OnPremisesCIDRs may connect. Optional.
	ClientSecurityGroupIDs []pulumi.StringInput
	OnPremisesCIDRs        []netip.Prefix
	// LogsKeyARN encrypts the exported logs: the DR region's audit logs key. Required.
	LogsKeyARN pulumi.StringInput
	// KeyAdministrators and BreakGlassRole administer the replica's key (the foundation's). Required.
	KeyAdministrators pulumi.StringArrayInput
	BreakGlassRole    string
	// Port is the port the replica listens on: the primary's (data.DatabaseSettings.Port). Required.
	Port int
	// AlarmTopicARN is the DR region's operations topic, which the lag alarm notifies. Required.
	AlarmTopicARN pulumi.StringInput
	// AccountID, Partition and Region place the key policy, the monitoring role's trust and ARNs. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
}

// Replica is a cross-region read replica of the primary database, encrypted with a key of the DR region.
type Replica struct {
	pulumi.ResourceState

	// InstanceARN and Address identify the replica; Address is what the internal names point at after a
	// failover.
	InstanceARN pulumi.StringOutput
	Address     pulumi.StringOutput
	// Port is where it listens; ResourceID its DbiResourceId, which rds-db:connect grants name.
	Port       pulumi.IntOutput
	ResourceID pulumi.StringOutput
	// KMSKeyARN encrypts the replica's storage and Performance Insights.
	KMSKeyARN pulumi.StringOutput
	// SecurityGroupID guards the replica.
	SecurityGroupID pulumi.IDOutput
}

func (a *ReplicaArgs) validate() error {
	var errs []error
	if a.Port <= 0 {
		errs = append(errs, errors.New("the port is required: the primary's"))
	}
	if a.Identifier == "" || a.Settings.InstanceClass == "" || a.SourceARN == nil {
		errs = append(errs, errors.New("identifier, instance class and source ARN are required"))
	}
	if _, err := spec.ParameterGroupFamily(a.EngineVersion); err != nil {
		errs = append(errs, err)
	}
	if a.Settings.LagAlarmSeconds < 1 || a.LogRetentionDays < 1 || a.BackupWindow == "" || a.MaintenanceWindow == "" {
		errs = append(errs, errors.New("lag alarm, log retention and the backup and maintenance windows are required"))
	}
	if a.VPCID == nil || a.SubnetIDs == nil || a.LogsKeyARN == nil || a.KeyAdministrators == nil || a.AlarmTopicARN == nil ||
		a.AccountID == nil || a.Partition == "" || a.Region == "" {
		errs = append(errs, errors.New("VPC, subnets, logs key, key administrators, alarm topic, account, partition and region are required"))
	}
	return errors.Join(errs...)
}

// NewReplica declares the replica with its own key, security group, subnet group, parameter group,
// monitoring role, log groups and lag alarm. Multi-AZ stays off until a promotion: a replica is itself the
// second copy, and RDS makes a promoted instance Multi-AZ on request (docs/dr.md, "Failover").
func NewReplica(ctx *pulumi.Context, name string, args *ReplicaArgs, opts ...pulumi.ResourceOption) (*Replica, error) {
	if args == nil {
		return nil, fmt.Errorf("dr: replica %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("dr: replica %s: %w", name, err)
	}
	family, _ := spec.ParameterGroupFamily(args.EngineVersion) // validate checked it
	r := &Replica{}
	if err := ctx.RegisterComponentResource(ReplicaType, name, r, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(r)
	protect := pulumi.Protect(args.Protect)

	policy := pulumi.All(args.AccountID, args.KeyAdministrators).ApplyT(func(v []any) (string, error) {
		account := v[0].(string)
		// The administrators create the replica (RDS takes grants for it). Services log in with their own
		// roles by IAM token, on the replica as on the primary, so no service reads a master secret.
		users := []keys.User{{Sid: "AdministratorsCreateTheReplicaThroughRDS", Principals: v[1].([]string),
			Actions: []string{"kms:DescribeKey", "kms:GenerateDataKey*", "kms:Decrypt"}, ViaServices: []string{"rds." + args.Region + ".amazonaws.com"}, Grants: true}}
		return keys.Policy{Account: account, Administrators: v[1].([]string), BreakGlass: args.BreakGlassRole, Users: users}.JSON()
	}).(pulumi.StringOutput)
	key, err := keys.New(ctx, name, "Encrypts the "+name+" read replica and its Performance Insights", policy, parent, protect)
	if err != nil {
		return nil, err
	}
	// Admits PostgreSQL from the DR cluster and on premises, as the primary's group does.
	sg, err := dbinstance.NewSecurityGroup(ctx, name, dbinstance.SecurityGroupArgs{
		VPCID: args.VPCID, Port: args.Port, Clients: "DR ECS",
		ClientSecurityGroupIDs: args.ClientSecurityGroupIDs, OnPremisesCIDRs: args.OnPremisesCIDRs,
	}, parent)
	if err != nil {
		return nil, err
	}
	subnets, err := rds.NewSubnetGroup(ctx, name, &rds.SubnetGroupArgs{
		Description: pulumi.String("DR data subnets of " + name),
		SubnetIds:   args.SubnetIDs,
	}, parent)
	if err != nil {
		return nil, err
	}
	// Its own group in the DR region (parameter groups are regional), with the primary's parameters.
	params, err := dbinstance.NewParameterGroup(ctx, name, family, parent)
	if err != nil {
		return nil, err
	}
	monitoring, err := dbinstance.NewMonitoringRole(ctx, name, dbinstance.MonitoringRoleArgs{
		AccountID: args.AccountID, Partition: args.Partition, Region: args.Region, Identifier: args.Identifier,
	}, parent)
	if err != nil {
		return nil, err
	}
	groups, err := dbinstance.NewLogGroups(ctx, name, dbinstance.LogGroupsArgs{
		Identifier: args.Identifier, RetentionDays: args.LogRetentionDays, KMSKeyARN: args.LogsKeyARN, Retain: args.Protect,
	}, parent)
	if err != nil {
		return nil, err
	}
	db, err := rds.NewInstance(ctx, name, instanceArgs(args, key.Arn, sg.ID(), subnets.Name, params.Name, monitoring.Arn),
		parent, protect, pulumi.DependsOn(groups))
	if err != nil {
		return nil, err
	}
	if err := lagAlarm(ctx, name, args, parent, db); err != nil {
		return nil, err
	}

	r.InstanceARN, r.Address, r.KMSKeyARN, r.SecurityGroupID = db.Arn, db.Address, key.Arn, sg.ID()
	r.Port, r.ResourceID = db.Port, db.ResourceId
	if err := ctx.RegisterResourceOutputs(r, pulumi.Map{
		"instanceArn": r.InstanceARN, "address": r.Address, "kmsKeyArn": r.KMSKeyARN, "securityGroupId": r.SecurityGroupID,
	}); err != nil {
		return nil, err
	}
	return r, nil
}

// instanceArgs are the replica's inputs: the primary's security posture (encrypted, private, TLS, IAM
// authentication, monitored, logged, backed up once promoted), its source by ARN and a DR-region key
// (required for an encrypted cross-region replica). The engine, version, storage size and master user come
// from the source. The replica may not set a managed master password: it has the primary's, and a promotion
// keeps it (docs/dr.md says how to hand it to Secrets Manager after one).
func instanceArgs(args *ReplicaArgs, keyARN pulumi.StringInput, sg pulumi.IDOutput, subnets, params, monitoring pulumi.StringInput) *rds.InstanceArgs {
	var finalSnapshot pulumi.StringPtrInput
	if args.Protect {
		finalSnapshot = pulumi.String(args.Identifier + "-final")
	}
	return &rds.InstanceArgs{
		Identifier:                         pulumi.String(args.Identifier),
		ReplicateSourceDb:                  args.SourceARN,
		InstanceClass:                      pulumi.String(args.Settings.InstanceClass),
		StorageType:                        pulumi.String("gp3"),
		StorageEncrypted:                   pulumi.Bool(true),
		KmsKeyId:                           keyARN,
		MultiAz:                            pulumi.Bool(false),
		DbSubnetGroupName:                  subnets,
		VpcSecurityGroupIds:                pulumi.StringArray{sg},
		PubliclyAccessible:                 pulumi.Bool(false),
		Port:                               pulumi.Int(args.Port),
		ParameterGroupName:                 params,
		CaCertIdentifier:                   pulumi.String(dbinstance.CACertificate),
		IamDatabaseAuthenticationEnabled:   pulumi.Bool(true),
		AutoMinorVersionUpgrade:            pulumi.Bool(true),
		AllowMajorVersionUpgrade:           pulumi.Bool(false),
		BackupRetentionPeriod:              pulumi.Int(args.BackupRetentionDays),
		BackupWindow:                       pulumi.String(args.BackupWindow),
		MaintenanceWindow:                  pulumi.String(args.MaintenanceWindow),
		CopyTagsToSnapshot:                 pulumi.Bool(true),
		DeleteAutomatedBackups:             pulumi.Bool(!args.Protect),
		DeletionProtection:                 pulumi.Bool(args.Protect),
		SkipFinalSnapshot:                  pulumi.Bool(!args.Protect),
		FinalSnapshotIdentifier:            finalSnapshot,
		PerformanceInsightsEnabled:         pulumi.Bool(true),
		PerformanceInsightsKmsKeyId:        keyARN,
		PerformanceInsightsRetentionPeriod: pulumi.Int(dbinstance.PerformanceInsightsDays),
		MonitoringInterval:                 pulumi.Int(dbinstance.MonitoringIntervalSeconds),
		MonitoringRoleArn:                  monitoring,
		EnabledCloudwatchLogsExports:       pulumi.ToStringArray(dbinstance.LogExports),
	}
}

// lagAlarm notifies the DR operations topic when the replica falls further behind than the RPO allows, and
// when ReplicaLag stops reporting: a replica whose replication broke publishes no lag at all.
func lagAlarm(ctx *pulumi.Context, name string, args *ReplicaArgs, parent pulumi.ResourceOption, db *rds.Instance) error {
	_, err := cloudwatch.NewMetricAlarm(ctx, name+"-lag", &cloudwatch.MetricAlarmArgs{
		Name: pulumi.String(name + "-lag"),
		AlarmDescription: pulumi.String("The DR read replica is more than " + strconv.Itoa(args.Settings.LagAlarmSeconds) +
			" s behind the primary: the database's RPO is at risk. See docs/dr.md, What to watch."),
		Namespace:          pulumi.String("AWS/RDS"),
		MetricName:         pulumi.String("ReplicaLag"),
		Dimensions:         pulumi.StringMap{"DBInstanceIdentifier": db.Identifier},
		Statistic:          pulumi.String("Maximum"),
		Period:             pulumi.Int(lagPeriodSeconds),
		EvaluationPeriods:  pulumi.Int(lagPeriods),
		DatapointsToAlarm:  pulumi.Int(lagDatapoints),
		ComparisonOperator: pulumi.String("GreaterThanThreshold"),
		Threshold:          pulumi.Float64(float64(args.Settings.LagAlarmSeconds)),
		TreatMissingData:   pulumi.String("breaching"),
		ActionsEnabled:     pulumi.Bool(true),
		AlarmActions:       pulumi.Array{args.AlarmTopicARN},
		OkActions:          pulumi.Array{args.AlarmTopicARN},
	}, parent)
	return err
}
