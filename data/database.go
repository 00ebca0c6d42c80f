package data

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// PostgresPort is the port the database listens on.
const PostgresPort = 5432

const (
	masterUsername = "dbadmin"
	// caCertificate is the RDS CA that replaces the expired rds-ca-2019.
	caCertificate = "rds-ca-rsa2048-g1"
	// monitoringIntervalSeconds is Enhanced Monitoring's granularity: a minute is enough to see a failover.
	monitoringIntervalSeconds = 60
	// performanceInsightsDays is the retention included at no charge.
	performanceInsightsDays = 7
)

// logExports are the PostgreSQL logs RDS sends to CloudWatch Logs.
var logExports = []string{"postgresql", "upgrade"}

// DatabaseArgs configures a Database.
type DatabaseArgs struct {
	// Identifier is the RDS instance identifier; it also names the exported log groups. Required.
	Identifier string
	// EngineVersion is the PostgreSQL version ("16.4"); its major version picks the parameter group family.
	// Required.
	EngineVersion string
	// InstanceClass is the instance class ("db.t4g.micro"). Required.
	InstanceClass string
	// AllocatedStorageGiB is the initial gp3 storage; MaxAllocatedStorageGiB is the ceiling storage
	// autoscaling may grow it to. Required.
	AllocatedStorageGiB, MaxAllocatedStorageGiB int
	// MultiAZ keeps a synchronous standby in another AZ.
	MultiAZ bool
	// BackupRetentionDays is how long automated backups (point-in-time restore) are kept.
	BackupRetentionDays int
	// BackupWindow and MaintenanceWindow are the UTC windows RDS uses. Required.
	BackupWindow, MaintenanceWindow string
	// DatabaseName is the database created in the instance. Required.
	DatabaseName string
	// LogRetentionDays is how long the exported PostgreSQL logs are kept. Required.
	LogRetentionDays int
	// Protect turns on deletion protection, a final snapshot, pulumi protect on the instance and its key,
	// and keeps the log groups on destroy.
	Protect bool
	// VpcID is the VPC of the security group. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the data subnets the instance may live in (one per AZ). Required.
	SubnetIDs pulumi.StringArrayInput
	// ClientSecurityGroupIDs may connect on PostgresPort: the ECS hosts and tasks.
	ClientSecurityGroupIDs []pulumi.StringInput
	// OnPremisesCIDRs may connect on PostgresPort: applications left in the data centre.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyArn encrypts the exported log groups. Required.
	LogsKeyArn pulumi.StringInput
	// AccountID is the AWS account, for the monitoring role's trust policy. Required.
	AccountID pulumi.StringInput
}

// Database is an RDS PostgreSQL instance whose master password RDS keeps in Secrets Manager.
type Database struct {
	pulumi.ResourceState

	// Address is the instance's DNS name; Port its port.
	Address pulumi.StringOutput
	Port    pulumi.IntOutput
	// InstanceArn identifies the instance, for backup selections.
	InstanceArn pulumi.StringOutput
	// SecretArn is the Secrets Manager secret holding the master credentials (username and password keys).
	SecretArn pulumi.StringOutput
	// KmsKeyArn encrypts the storage, the secret and Performance Insights.
	KmsKeyArn pulumi.StringOutput
	// SecurityGroupID guards the instance.
	SecurityGroupID pulumi.IDOutput
}

func (a *DatabaseArgs) validate() error {
	var errs []error
	if a.Identifier == "" || a.InstanceClass == "" || a.DatabaseName == "" {
		errs = append(errs, errors.New("identifier, instance class and database name are required"))
	}
	if _, err := ParameterGroupFamily(a.EngineVersion); err != nil {
		errs = append(errs, err)
	}
	if a.AllocatedStorageGiB <= 0 || a.MaxAllocatedStorageGiB < a.AllocatedStorageGiB {
		errs = append(errs, fmt.Errorf("storage %d-%d GiB: want 0 < allocated <= max", a.AllocatedStorageGiB, a.MaxAllocatedStorageGiB))
	}
	if a.BackupWindow == "" || a.MaintenanceWindow == "" || a.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("backup and maintenance windows and log retention are required"))
	}
	if a.VpcID == nil || a.SubnetIDs == nil || a.LogsKeyArn == nil || a.AccountID == nil {
		errs = append(errs, errors.New("VPC, subnets, logs key and account are required"))
	}
	return errors.Join(errs...)
}

// NewDatabase declares the instance with its key, network placement, parameters, monitoring and logs.
func NewDatabase(ctx *pulumi.Context, name string, args *DatabaseArgs, opts ...pulumi.ResourceOption) (*Database, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: database %s: %w", name, err)
	}
	d := &Database{}
	if err := ctx.RegisterComponentResource("hybridcloud:data:Database", name, d, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)
	protect := pulumi.Protect(args.Protect)

	key, err := keys.New(ctx, name, "Encrypts the "+name+" database, its master secret and Performance Insights", nil, parent, protect)
	if err != nil {
		return nil, err
	}
	sg, err := d.securityGroup(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	subnets, err := rds.NewSubnetGroup(ctx, name, &rds.SubnetGroupArgs{
		Description: pulumi.String("Data subnets of " + name),
		SubnetIds:   args.SubnetIDs,
	}, parent)
	if err != nil {
		return nil, err
	}
	params, err := parameterGroup(ctx, name, args.EngineVersion, parent)
	if err != nil {
		return nil, err
	}
	monitoring, err := iam.NewRole(ctx, name+"-monitoring", &iam.RoleArgs{
		Description:      pulumi.String("Enhanced Monitoring of " + name),
		AssumeRolePolicy: iamdoc.AssumeRole("monitoring.rds.amazonaws.com", args.AccountID),
		ManagedPolicyArns: pulumi.StringArray{
			pulumi.String("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
		},
	}, parent)
	if err != nil {
		return nil, err
	}
	// RDS would create the export log groups itself, unencrypted and kept forever: declare them first.
	var logGroups []pulumi.Resource
	for _, export := range logExports {
		group, err := cloudwatch.NewLogGroup(ctx, name+"-"+export, &cloudwatch.LogGroupArgs{
			Name:            pulumi.Sprintf("/aws/rds/instance/%s/%s", args.Identifier, export),
			RetentionInDays: pulumi.Int(args.LogRetentionDays),
			KmsKeyId:        args.LogsKeyArn,
		}, parent, pulumi.RetainOnDelete(args.Protect))
		if err != nil {
			return nil, err
		}
		logGroups = append(logGroups, group)
	}

	db, err := rds.NewInstance(ctx, name, &rds.InstanceArgs{
		Identifier:                         pulumi.String(args.Identifier),
		Engine:                             pulumi.String("postgres"),
		EngineVersion:                      pulumi.String(args.EngineVersion),
		InstanceClass:                      pulumi.String(args.InstanceClass),
		DbName:                             pulumi.String(args.DatabaseName),
		Username:                           pulumi.String(masterUsername),
		ManageMasterUserPassword:           pulumi.Bool(true),
		MasterUserSecretKmsKeyId:           key.Arn,
		StorageType:                        pulumi.String("gp3"),
		AllocatedStorage:                   pulumi.Int(args.AllocatedStorageGiB),
		MaxAllocatedStorage:                pulumi.Int(args.MaxAllocatedStorageGiB),
		StorageEncrypted:                   pulumi.Bool(true),
		KmsKeyId:                           key.Arn,
		MultiAz:                            pulumi.Bool(args.MultiAZ),
		DbSubnetGroupName:                  subnets.Name,
		VpcSecurityGroupIds:                pulumi.StringArray{sg.ID()},
		PubliclyAccessible:                 pulumi.Bool(false),
		Port:                               pulumi.Int(PostgresPort),
		ParameterGroupName:                 params.Name,
		CaCertIdentifier:                   pulumi.String(caCertificate),
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
		FinalSnapshotIdentifier:            finalSnapshot(args),
		PerformanceInsightsEnabled:         pulumi.Bool(true),
		PerformanceInsightsKmsKeyId:        key.Arn,
		PerformanceInsightsRetentionPeriod: pulumi.Int(performanceInsightsDays),
		MonitoringInterval:                 pulumi.Int(monitoringIntervalSeconds),
		MonitoringRoleArn:                  monitoring.Arn,
		EnabledCloudwatchLogsExports:       pulumi.ToStringArray(logExports),
		Tags:                               pulumi.StringMap{"Backup": pulumi.String("true")},
	}, parent, protect, pulumi.DependsOn(logGroups))
	if err != nil {
		return nil, err
	}

	d.Address = db.Address
	d.Port = db.Port
	d.InstanceArn = db.Arn
	d.KmsKeyArn = key.Arn
	d.SecurityGroupID = sg.ID()
	// The secret exists once the instance does; its ARN is read inside an apply, so a preview leaves it unknown.
	d.SecretArn = db.MasterUserSecrets.ApplyT(func(secrets []rds.InstanceMasterUserSecret) (string, error) {
		if len(secrets) == 0 || secrets[0].SecretArn == nil {
			return "", fmt.Errorf("data: %s has no RDS-managed master secret", name)
		}
		return *secrets[0].SecretArn, nil
	}).(pulumi.StringOutput)
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{
		"address":     d.Address,
		"port":        d.Port,
		"instanceArn": d.InstanceArn,
		"secretArn":   d.SecretArn,
		"kmsKeyArn":   d.KmsKeyArn,
	})
}

// finalSnapshot names the snapshot RDS takes when a protected instance is deleted after all.
func finalSnapshot(args *DatabaseArgs) pulumi.StringPtrInput {
	if !args.Protect {
		return nil
	}
	return pulumi.String(args.Identifier + "-final")
}

// securityGroup admits PostgreSQL from the ECS hosts and tasks and from on premises, and nothing else; it
// has no egress rule, since a database never opens connections.
func (d *Database) securityGroup(ctx *pulumi.Context, name string, args *DatabaseArgs, parent pulumi.ResourceOption) (*ec2.SecurityGroup, error) {
	var ingress ec2.SecurityGroupIngressArray
	if len(args.ClientSecurityGroupIDs) > 0 {
		groups := make(pulumi.StringArray, len(args.ClientSecurityGroupIDs))
		copy(groups, args.ClientSecurityGroupIDs)
		ingress = append(ingress, ec2.SecurityGroupIngressArgs{
			Description:    pulumi.String("PostgreSQL from the ECS hosts and tasks"),
			Protocol:       pulumi.String("tcp"),
			FromPort:       pulumi.Int(PostgresPort),
			ToPort:         pulumi.Int(PostgresPort),
			SecurityGroups: groups,
		})
	}
	if len(args.OnPremisesCIDRs) > 0 {
		ingress = append(ingress, ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("PostgreSQL from on premises"),
			Protocol:    pulumi.String("tcp"),
			FromPort:    pulumi.Int(PostgresPort),
			ToPort:      pulumi.Int(PostgresPort),
			CidrBlocks:  netrules.CIDRs(args.OnPremisesCIDRs),
		})
	}
	return ec2.NewSecurityGroup(ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.String("PostgreSQL " + name + ": ECS and on premises only"),
		Ingress:     ingress,
		Tags:        pulumi.StringMap{"Name": pulumi.String(name)},
	}, parent)
}

// parameterGroup enforces TLS and logs every connection, for the audit trail an insurer must keep.
func parameterGroup(ctx *pulumi.Context, name, engineVersion string, parent pulumi.ResourceOption) (*rds.ParameterGroup, error) {
	family, err := ParameterGroupFamily(engineVersion)
	if err != nil {
		return nil, err
	}
	params := rds.ParameterGroupParameterArray{}
	for _, p := range [][2]string{{"rds.force_ssl", "1"}, {"log_connections", "1"}, {"log_disconnections", "1"}} {
		params = append(params, rds.ParameterGroupParameterArgs{Name: pulumi.String(p[0]), Value: pulumi.String(p[1])})
	}
	// A new major version needs a new group: the family is part of the name, so it is replaced beside the
	// instance rather than under it.
	return rds.NewParameterGroup(ctx, name+"-"+family, &rds.ParameterGroupArgs{
		Family:      pulumi.String(family),
		Description: pulumi.String("PostgreSQL " + family + " for " + name + ": TLS only, connections logged"),
		Parameters:  params,
	}, parent)
}
