package data

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func testDatabaseArgs(protect bool) *DatabaseArgs {
	return &DatabaseArgs{
		Settings: DatabaseSettings{
			EngineVersion: "16", InstanceClass: "db.m7g.large",
			AllocatedStorageGiB: 100, MaxAllocatedStorageGiB: 1000, MultiAZ: true, BackupRetentionDays: 35,
			BackupWindow: "03:00-04:00", MaintenanceWindow: "sun:04:30-sun:05:30", DatabaseName: "app",
			LogRetentionDays: 365, Port: 6543, Protect: protect,
		},
		Identifier:             "hybridcloud-test",
		VPCID:                  pulumi.String("vpc-1"),
		SubnetIDs:              pulumi.ToStringArray([]string{"subnet-data-a", "subnet-data-b"}),
		ClientSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-hosts"), pulumi.String("sg-tasks")},
		OnPremisesCIDRs:        onPremises,
		LogsKeyARN:             testLogsKey,
		AccountID:              testAccount,
		Partition:              "aws",
		Region:                 "us-east-1",
		KeyAdmins:              testAdmins,
		BackupRole:             "st-backup",
		RestoreRole:            "st-backup-restore",
		Now:                    plantest.Now,
		EventsTopicARN:         pulumi.String(testTopic),
	}
}

const testTopic = "arn:aws:sns:us-east-1:123456789012:operations"

// runDatabase declares one Database named "test-db" under mocks and returns the run and the component.
func runDatabase(t *testing.T, mode plan.Mode, args *DatabaseArgs) (*plan.Result, *Database) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Database, error) {
		return NewDatabase(ctx, "test-db", args, opts...)
	})
}

// testInstanceInputs stand in for the outputs of the database's other resources.
var testInstanceInputs = instanceInputs{
	KeyARN:             pulumi.String("arn:key"),
	SecurityGroupID:    pulumi.String("sg-db"),
	SubnetGroupName:    pulumi.String("subnets"),
	ParameterGroupName: pulumi.String("params"),
	MonitoringRoleARN:  pulumi.String("arn:monitoring"),
}

func TestInstanceIsMultiAZEncryptedPrivateWithAManagedPassword(t *testing.T) {
	a := instanceArgs(testDatabaseArgs(true), testInstanceInputs)
	assert.Equal(t, pulumi.String("hybridcloud-test"), a.Identifier)
	assert.Equal(t, pulumi.String("postgres"), a.Engine)
	assert.Equal(t, pulumi.String("16"), a.EngineVersion, "the major alone: AWS upgrades the minor and the provider matches it as a prefix")
	assert.Equal(t, pulumi.String("db.m7g.large"), a.InstanceClass)
	assert.Equal(t, pulumi.Bool(true), a.MultiAz)
	assert.Equal(t, pulumi.Bool(false), a.PubliclyAccessible)
	assert.Equal(t, pulumi.String("gp3"), a.StorageType)
	assert.Equal(t, pulumi.Int(100), a.AllocatedStorage)
	assert.Equal(t, pulumi.Int(1000), a.MaxAllocatedStorage, "storage autoscaling up to the configured ceiling")
	assert.Equal(t, pulumi.Bool(true), a.StorageEncrypted)
	for prop, in := range map[string]pulumi.StringPtrInput{"kmsKeyId": a.KmsKeyId, "masterUserSecretKmsKeyId": a.MasterUserSecretKmsKeyId,
		"performanceInsightsKmsKeyId": a.PerformanceInsightsKmsKeyId} {
		assert.Equal(t, testInstanceInputs.KeyARN, in, "%s is the database's own key", prop)
	}
	assert.Equal(t, pulumi.Bool(true), a.ManageMasterUserPassword)
	assert.Nil(t, a.Password, "RDS keeps the password in Secrets Manager; it is never in config or state")
	assert.Equal(t, pulumi.Bool(true), a.IamDatabaseAuthenticationEnabled)
	assert.Equal(t, pulumi.String("rds-ca-rsa2048-g1"), a.CaCertIdentifier)
	assert.Equal(t, pulumi.Bool(true), a.AutoMinorVersionUpgrade)
	assert.Equal(t, pulumi.Bool(true), a.AllowMajorVersionUpgrade, "the engine version is a major alone, so only a change of it upgrades a major")
	assert.Equal(t, pulumi.Bool(true), a.CopyTagsToSnapshot)
	assert.Equal(t, pulumi.Int(35), a.BackupRetentionPeriod)
	assert.Equal(t, pulumi.String("03:00-04:00"), a.BackupWindow)
	assert.Equal(t, pulumi.String("sun:04:30-sun:05:30"), a.MaintenanceWindow)
	assert.Equal(t, pulumi.Bool(true), a.PerformanceInsightsEnabled)
	assert.Equal(t, pulumi.Int(60), a.MonitoringInterval)
	assert.Equal(t, testInstanceInputs.MonitoringRoleARN, a.MonitoringRoleArn)
	assert.Equal(t, pulumi.ToStringArray([]string{"postgresql", "upgrade"}), a.EnabledCloudwatchLogsExports)
	assert.Equal(t, pulumi.StringArray{testInstanceInputs.SecurityGroupID}, a.VpcSecurityGroupIds)
	assert.Equal(t, testInstanceInputs.SubnetGroupName, a.DbSubnetGroupName)
	assert.Equal(t, testInstanceInputs.ParameterGroupName, a.ParameterGroupName)
	assert.Nil(t, a.Tags, "no backup tag: the selection names the instance")
}

func TestProtectDecidesDeletionProtectionTheFinalSnapshotAndKeptBackups(t *testing.T) {
	protected := instanceArgs(testDatabaseArgs(true), testInstanceInputs)
	assert.Equal(t, pulumi.Bool(true), protected.DeletionProtection)
	assert.Equal(t, pulumi.Bool(false), protected.SkipFinalSnapshot)
	assert.Equal(t, pulumi.String("hybridcloud-test-final-"+plantest.Now.UTC().Format("20060102-1504")), protected.FinalSnapshotIdentifier,
		"named after the creation time: a recreated instance's final snapshot never collides with the first one's")
	assert.Equal(t, pulumi.Bool(false), protected.DeleteAutomatedBackups)

	unprotected := instanceArgs(testDatabaseArgs(false), testInstanceInputs)
	assert.Equal(t, pulumi.Bool(false), unprotected.DeletionProtection)
	assert.Equal(t, pulumi.Bool(true), unprotected.SkipFinalSnapshot)
	assert.Nil(t, unprotected.FinalSnapshotIdentifier)
	assert.Equal(t, pulumi.Bool(true), unprotected.DeleteAutomatedBackups)
}

func TestTheInstanceIsWiredToItsOwnKeyGroupsAndMonitoringRole(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	db := plantest.Named(t, res, token.RDSInstance, "test-db")
	key := plantest.Named(t, res, token.KMSKey, "test-db")
	assert.Equal(t, true, key.Props()["enableKeyRotation"])
	for _, prop := range []string{"kmsKeyId", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId"} {
		assert.Equal(t, []string{key.URN}, db.Dependencies[prop], "%s is the database's own key", prop)
	}
	for prop, want := range map[string]plan.Resource{
		"vpcSecurityGroupIds": plantest.Named(t, res, token.EC2SecurityGroup, "test-db"),
		"dbSubnetGroupName":   plantest.Named(t, res, token.RDSSubnetGroup, "test-db"),
		"parameterGroupName":  plantest.Named(t, res, token.RDSParameterGroup, "test-db-postgres16"),
		"monitoringRoleArn":   plantest.Named(t, res, token.IAMRole, "test-db-monitoring"),
	} {
		assert.Equal(t, []string{want.URN}, db.Dependencies[prop], prop)
	}
	assert.NotContains(t, db.Props(), "password")
}

func TestTheMonitoringRoleTakesItsManagedPolicyFromThePartition(t *testing.T) {
	args := testDatabaseArgs(true)
	args.Partition = "aws-us-gov"
	res, _ := runDatabase(t, plan.Up, args)
	role := plantest.Named(t, res, token.IAMRole, "test-db-monitoring").Props()
	assert.Equal(t, []any{"arn:aws-us-gov:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"}, role["managedPolicyArns"])
	trust := plantest.Trust(t, role["assumeRolePolicy"])
	assert.Equal(t, map[string]any{"Service": "monitoring.rds.amazonaws.com"}, trust["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws-us-gov:rds:us-east-1:123456789012:db:hybridcloud-test"},
	}, trust["Condition"], "only this instance's monitoring assumes it")
}

func TestDatabaseKeySeparatesAdministratorsFromTheSecretsReadersAndTheBackupRole(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-db").Props()["policy"])
	assert.Len(t, sids, 8, "administration and its grants, the master secret's creation and use by the administrators alone, the backup role and its grants, the restore role and its grants, the break-glass deny")
	assert.Equal(t, map[string]any{"AWS": []any{testKeyAdmin}}, sids["KeyAdministration"]["Principal"])
	create := sids["AdministratorsCreateTheMasterSecret"]
	assert.Equal(t, []any{"kms:GenerateDataKey", "kms:Decrypt"}, create["Action"])
	assert.Equal(t, map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"secretsmanager.us-east-1.amazonaws.com"}},
		create["Condition"].(map[string]any)["StringEquals"], "only through Secrets Manager")
	assert.NotContains(t, sids, "SecretReadersDecryptThroughSecretsManager", "services log in by IAM token: no service reads the master secret")
	backup := sids["BackupSnapshotsThroughRDS"]
	assert.Equal(t, []any{"backup.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"}, backup["Condition"].(map[string]any)["StringEquals"].(map[string]any)["kms:ViaService"])
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/st-backup-*"}}, backup["Condition"].(map[string]any)["ArnLike"])
	assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, sids["BackupSnapshotsThroughRDSGrants"]["Condition"].(map[string]any)["Bool"])
	restore := sids["RestoreInstancesThroughRDS"]
	assert.Equal(t, map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"backup.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"}},
		restore["Condition"].(map[string]any)["StringEquals"], "the restore role uses the key only through RDS and AWS Backup")
	assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/st-backup-restore-*"}}, restore["Condition"].(map[string]any)["ArnLike"])
	assert.Equal(t, map[string]any{"kms:GrantIsForAWSResource": true}, sids["RestoreInstancesThroughRDSGrants"]["Condition"].(map[string]any)["Bool"])
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, sids["OnlyBreakGlassDestroysTheKey"]["Condition"])
}

func TestTheDatabaseKeyIsSharedWithTheVaultAccountOnlyWhenThereIsOne(t *testing.T) {
	args := testDatabaseArgs(true)
	args.VaultAccountID = "444455556666"
	res, _ := runDatabase(t, plan.Up, args)
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-db").Props()["policy"])
	share := sids["BackupAccountCopiesThroughBackup"]
	require.NotNil(t, share, "AWS Backup copies RDS snapshots across accounts only with the source key shared")
	assert.Equal(t, map[string]any{"AWS": []any{"arn:aws:iam::444455556666:root"}}, share["Principal"])
	assert.Equal(t, map[string]any{"kms:CallerAccount": "444455556666", "kms:ViaService": []any{"backup.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com"}},
		share["Condition"].(map[string]any)["StringEquals"])
	assert.Len(t, sids, 10, "the eight statements, the share and its grants")
}

func TestParameterGroupForcesTLSAndFollowsTheMajorVersion(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	group := plantest.Named(t, res, token.RDSParameterGroup, "test-db-postgres16")
	assert.Equal(t, "postgres16", group.Props()["family"])
	params := map[string]any{}
	for _, p := range group.Props()["parameters"].([]any) {
		params[p.(map[string]any)["name"].(string)] = p.(map[string]any)["value"]
	}
	assert.Equal(t, map[string]any{"rds.force_ssl": "1", "log_connections": "1", "log_disconnections": "1"}, params)
}

func TestDatabaseAdmitsOnlyECSAndOnPremisesOnItsConfiguredPort(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	sg := plantest.Named(t, res, token.EC2SecurityGroup, "test-db").Props()
	assert.NotContains(t, sg, "egress", "a database opens no connections")
	ingress := sg["ingress"].([]any)
	require.Len(t, ingress, 2)
	fromGroups, fromCIDRs := ingress[0].(map[string]any), ingress[1].(map[string]any)
	for _, rule := range []map[string]any{fromGroups, fromCIDRs} {
		assert.Equal(t, 6543.0, rule["fromPort"])
		assert.Equal(t, 6543.0, rule["toPort"])
		assert.Equal(t, "tcp", rule["protocol"])
	}
	assert.Equal(t, []any{"sg-hosts", "sg-tasks"}, fromGroups["securityGroups"])
	assert.Equal(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, fromCIDRs["cidrBlocks"])
	subnets := plantest.Named(t, res, token.RDSSubnetGroup, "test-db").Props()
	assert.Equal(t, []any{"subnet-data-a", "subnet-data-b"}, subnets["subnetIds"])
}

func TestProtectKeepsTheInstanceItsKeyAndItsLogsThroughADestroy(t *testing.T) {
	for _, protect := range []bool{true, false} {
		res, _ := runDatabase(t, plan.Up, testDatabaseArgs(protect))
		db := plantest.Named(t, res, token.RDSInstance, "test-db")
		assert.Equal(t, protect, db.Protect, "protect=%v", protect)
		assert.Equal(t, protect, db.Props()["deletionProtection"], "protect=%v", protect)
		assert.Equal(t, protect, plantest.Named(t, res, token.KMSKey, "test-db").Protect, "protect=%v: losing the key loses the data", protect)
		groups := plantest.Every(t, res, token.CloudWatchLogGroup, 2)
		for _, g := range groups {
			assert.Equal(t, protect, g.RetainOnDelete, "protect=%v: %s", protect, g.Name)
		}
	}
}

func TestExportedLogGroupsAreDeclaredEncryptedBeforeTheInstance(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	groups := plantest.Every(t, res, token.CloudWatchLogGroup, 2)
	require.Len(t, groups, 2)
	names := []any{}
	for _, g := range groups {
		names = append(names, g.Props()["name"])
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", g.Props()["kmsKeyId"])
		assert.Equal(t, 365.0, g.Props()["retentionInDays"])
	}
	assert.ElementsMatch(t, []any{"/aws/rds/instance/hybridcloud-test/postgresql", "/aws/rds/instance/hybridcloud-test/upgrade"}, names)
}

func TestOutputsAreKnownAfterUpAndTheSecretOnlyOnceTheInstanceExists(t *testing.T) {
	for _, mode := range plantest.Modes {
		_, db := runDatabase(t, mode, testDatabaseArgs(true))
		secret := plantest.Await(t, db.SecretARN)
		assert.Equal(t, mode == plan.Up, secret.Known, mode)
		if mode == plan.Up {
			assert.Contains(t, secret.Value, ":secret:rds!db-", mode)
			assert.EqualValues(t, "test-db_id", plantest.Await(t, db.SecurityGroupID).Value, mode)
			assert.Equal(t, "arn:aws:rds:us-east-1:123456789012:test-db", plantest.Await(t, db.InstanceARN).Value, mode)
			assert.NotEmpty(t, plantest.Await(t, db.Address).Value, mode)
			assert.EqualValues(t, 6543, plantest.Await(t, db.Port).Value, mode)
			assert.Regexp(t, `^db-[A-Z0-9]+$`, plantest.Await(t, db.ResourceID).Value, "the DbiResourceId rds-db:connect names")
		}
	}
}

func TestEveryDatabaseChildIsParentedAndNamedAfterIt(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	assert.Equal(t, 12, assertChildren(t, res, DatabaseType, "test-db"),
		"key and alias, security group, subnet group, parameter group, monitoring role, 2 log groups, the instance, 3 event subscriptions")
}

func TestNewDatabaseRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Database, error) {
		return NewDatabase(ctx, "bad", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data: database bad: args are required")

	args := testDatabaseArgs(true)
	args.Settings.EngineVersion = "latest"
	args.Settings.MaxAllocatedStorageGiB = 50
	args.Partition = ""
	args.Settings.Port = 80
	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Database, error) {
		return NewDatabase(ctx, "bad", args, opts...)
	})
	require.Error(t, err)
	for _, want := range []string{"data: database bad: ", "does not start with a PostgreSQL major version", "want 0 < allocated < max (autoscaling)",
		"port 80: want 1150-65535", "events topic are required"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestUnderContinuousBackupTheInstanceLeavesItsBackupSettingsToAWSBackup(t *testing.T) {
	for _, mode := range plantest.Modes {
		args := testDatabaseArgs(true)
		res, _ := runDatabase(t, mode, args)
		db := plantest.Named(t, res, token.RDSInstance, "test-db")
		assert.Equal(t, []string{"finalSnapshotIdentifier"}, db.IgnoreChanges,
			"the creation time stays in the final snapshot's name; without continuous backup the instance owns its retention and window")

		args.ContinuousBackup = true
		res, _ = runDatabase(t, mode, args)
		db = plantest.Named(t, res, token.RDSInstance, "test-db")
		assert.ElementsMatch(t, []string{"finalSnapshotIdentifier", "backupRetentionPeriod", "backupWindow"}, db.IgnoreChanges,
			"AWS Backup sets them once it keeps a continuous backup; an up after a refresh must not set them back")
		assert.Equal(t, 35.0, db.Inputs["backupRetentionPeriod"].NumberValue(), "still declared, for the first create")
	}
}

func TestInstanceListensOnItsConfiguredPort(t *testing.T) {
	assert.Equal(t, pulumi.Int(6543), instanceArgs(testDatabaseArgs(true), testInstanceInputs).Port)
}

func TestRDSEventsOfTheInstanceItsParametersAndSecurityGroupsGoToTheTopic(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	subs := plantest.Every(t, res, token.RDSEventSubscription, 3)
	require.Len(t, subs, 3)
	want := map[string]struct {
		sourceType string
		sources    any
		categories []string
	}{
		"test-db-events-instance":        {"db-instance", []any{"hybridcloud-test"}, []string{"configuration change", "failure", "maintenance", "failover", "low storage"}},
		"test-db-events-parameter-group": {"db-parameter-group", []any{"test-db-postgres16"}, []string{"configuration change"}},
		"test-db-events-security-group":  {"db-security-group", nil, []string{"configuration change", "failure"}},
	}
	for name, w := range want {
		p := plantest.Named(t, res, token.RDSEventSubscription, name).Props()
		assert.Equal(t, testTopic, p["snsTopic"], name)
		assert.Equal(t, w.sourceType, p["sourceType"], name)
		assert.Equal(t, true, p["enabled"], name)
		assert.Equal(t, w.sources, p["sourceIds"], name)
		for _, c := range w.categories {
			assert.Contains(t, p["eventCategories"], c, name)
		}
	}
}
