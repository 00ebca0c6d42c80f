package data

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeInstance       = "aws:rds/instance:Instance"
	typeParameterGroup = "aws:rds/parameterGroup:ParameterGroup"
	typeSecurityGroup  = "aws:ec2/securityGroup:SecurityGroup"
	typeKey            = "aws:kms/key:Key"
	typeLogGroup       = "aws:cloudwatch/logGroup:LogGroup"
)

func testDatabaseArgs(protect bool) *DatabaseArgs {
	return &DatabaseArgs{
		Identifier: "hybridcloud-test", EngineVersion: "16.4", InstanceClass: "db.m7g.large",
		AllocatedStorageGiB: 100, MaxAllocatedStorageGiB: 1000, MultiAZ: true, BackupRetentionDays: 35,
		BackupWindow: "03:00-04:00", MaintenanceWindow: "sun:04:30-sun:05:30", DatabaseName: "app",
		LogRetentionDays: 365, Protect: protect,
		VpcID:                  pulumi.String("vpc-1"),
		SubnetIDs:              pulumi.ToStringArray([]string{"subnet-data-a", "subnet-data-b"}),
		ClientSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-hosts"), pulumi.String("sg-tasks")},
		OnPremisesCIDRs:        onPremises,
		LogsKeyArn:             testLogsKey,
		AccountID:              testAccount,
	}
}

func runDatabase(t *testing.T, mode plan.Mode, args *DatabaseArgs) (*plan.Result, *Database) {
	var db *Database
	res := run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (err error) {
		db, err = NewDatabase(ctx, "test-db", args, opts...)
		return err
	})
	return res, db
}

func TestDatabaseIsMultiAZEncryptedPrivateWithAManagedPassword(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	db := one(t, res, typeInstance)
	p := db.Props()
	assert.Equal(t, "postgres", p["engine"])
	assert.Equal(t, true, p["multiAz"])
	assert.Equal(t, false, p["publiclyAccessible"])
	assert.Equal(t, "gp3", p["storageType"])
	assert.Equal(t, 1000.0, p["maxAllocatedStorage"], "storage autoscaling up to the configured ceiling")
	assert.Equal(t, true, p["storageEncrypted"])
	key := one(t, res, typeKey)
	assert.Equal(t, true, key.Props()["enableKeyRotation"])
	for _, prop := range []string{"kmsKeyId", "masterUserSecretKmsKeyId", "performanceInsightsKmsKeyId"} {
		assert.Equal(t, []string{key.URN}, db.Dependencies[prop], "%s is the database's own key", prop)
	}
	assert.Equal(t, true, p["manageMasterUserPassword"])
	assert.NotContains(t, p, "password", "RDS keeps the password in Secrets Manager; it is never in config or state")
	assert.Equal(t, true, p["iamDatabaseAuthenticationEnabled"])
	assert.Equal(t, "rds-ca-rsa2048-g1", p["caCertIdentifier"])
	assert.Equal(t, true, p["autoMinorVersionUpgrade"])
	assert.Equal(t, true, p["copyTagsToSnapshot"])
	assert.Equal(t, 35.0, p["backupRetentionPeriod"])
	assert.Equal(t, true, p["performanceInsightsEnabled"])
	assert.Equal(t, 60.0, p["monitoringInterval"])
	assert.NotEmpty(t, db.Dependencies["monitoringRoleArn"])
	assert.Equal(t, []any{"postgresql", "upgrade"}, p["enabledCloudwatchLogsExports"])
	assert.Equal(t, "true", p["tags"].(map[string]any)[BackupTag], "tagged for the backup selection")
}

func TestParameterGroupForcesTLSAndFollowsTheMajorVersion(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	group := one(t, res, typeParameterGroup)
	assert.Equal(t, "test-db-postgres16", group.Name)
	assert.Equal(t, "postgres16", group.Props()["family"])
	params := map[string]any{}
	for _, p := range group.Props()["parameters"].([]any) {
		params[p.(map[string]any)["name"].(string)] = p.(map[string]any)["value"]
	}
	assert.Equal(t, map[string]any{"rds.force_ssl": "1", "log_connections": "1", "log_disconnections": "1"}, params)
	assert.Equal(t, []string{group.URN}, one(t, res, typeInstance).Dependencies["parameterGroupName"])
}

func TestDatabaseAdmitsOnlyECSAndOnPremisesOnPostgresPort(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	sg := one(t, res, typeSecurityGroup).Props()
	assert.NotContains(t, sg, "egress", "a database opens no connections")
	ingress := sg["ingress"].([]any)
	require.Len(t, ingress, 2)
	fromGroups, fromCIDRs := ingress[0].(map[string]any), ingress[1].(map[string]any)
	for _, rule := range []map[string]any{fromGroups, fromCIDRs} {
		assert.Equal(t, 5432.0, rule["fromPort"])
		assert.Equal(t, 5432.0, rule["toPort"])
		assert.Equal(t, "tcp", rule["protocol"])
	}
	assert.Equal(t, []any{"sg-hosts", "sg-tasks"}, fromGroups["securityGroups"])
	assert.Equal(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, fromCIDRs["cidrBlocks"])
	subnets := one(t, res, "aws:rds/subnetGroup:SubnetGroup").Props()
	assert.Equal(t, []any{"subnet-data-a", "subnet-data-b"}, subnets["subnetIds"])
}

func TestProtectedDatabaseSurvivesACarelessDestroy(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	db := one(t, res, typeInstance)
	assert.True(t, db.Protect)
	assert.True(t, one(t, res, typeKey).Protect, "losing the key loses the data it encrypts")
	assert.Equal(t, true, db.Props()["deletionProtection"])
	assert.Equal(t, false, db.Props()["skipFinalSnapshot"])
	assert.Equal(t, "hybridcloud-test-final", db.Props()["finalSnapshotIdentifier"])
	assert.Equal(t, false, db.Props()["deleteAutomatedBackups"])
	for _, g := range res.OfType(typeLogGroup) {
		assert.True(t, g.RetainOnDelete, g.Name)
	}
}

func TestUnprotectedDatabaseCanBeTornDown(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(false))
	db := one(t, res, typeInstance)
	assert.False(t, db.Protect)
	assert.Equal(t, false, db.Props()["deletionProtection"])
	assert.Equal(t, true, db.Props()["skipFinalSnapshot"])
	assert.NotContains(t, db.Props(), "finalSnapshotIdentifier")
}

func TestExportedLogGroupsAreDeclaredEncryptedBeforeTheInstance(t *testing.T) {
	res, _ := runDatabase(t, plan.Up, testDatabaseArgs(true))
	groups := res.OfType(typeLogGroup)
	require.Len(t, groups, 2)
	names := []any{}
	for _, g := range groups {
		names = append(names, g.Props()["name"])
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", g.Props()["kmsKeyId"])
		assert.Equal(t, 365.0, g.Props()["retentionInDays"])
	}
	assert.ElementsMatch(t, []any{"/aws/rds/instance/hybridcloud-test/postgresql", "/aws/rds/instance/hybridcloud-test/upgrade"}, names)
}

func TestSecretArnIsKnownAfterUpAndUnknownInPreview(t *testing.T) {
	_, db := runDatabase(t, plan.Up, testDatabaseArgs(true))
	v := plantest.Await(t, db.SecretArn)
	require.True(t, v.Known)
	assert.Contains(t, v.Value, ":secret:rds!db-")

	_, db = runDatabase(t, plan.Preview, testDatabaseArgs(true))
	assert.False(t, plantest.Await(t, db.SecretArn).Known)
}

func TestDatabaseArgsAreChecked(t *testing.T) {
	args := testDatabaseArgs(true)
	args.EngineVersion = "latest"
	args.MaxAllocatedStorageGiB = 50
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewDatabase(ctx, "bad", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "does not start with a PostgreSQL major version")
	assert.Contains(t, err.Error(), "want 0 < allocated <= max")
}
