package platform

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/policy/offline"
)

func TestEachStackGetsItsDatabaseSafeguards(t *testing.T) {
	cases := []struct {
		stack            string
		multiAZ, protect bool
		retention        float64
		// ignored are the inputs AWS Backup owns: prod keeps a continuous backup, dev does not.
		ignored []string
	}{
		{"dev", false, false, 7, []string{"finalSnapshotIdentifier"}},
		{"prod", true, true, 35, []string{"finalSnapshotIdentifier", "backupRetentionPeriod", "backupWindow"}},
	}
	for _, tc := range cases {
		for _, mode := range plantest.Modes {
			res := runStack(t, tc.stack, mode)
			db := plantest.Named(t, res, token.RDSInstance, tc.stack+"-db")
			p := db.Props()
			assert.Equal(t, tc.multiAZ, p["multiAz"], "%s %s", tc.stack, mode)
			assert.Equal(t, tc.retention, p["backupRetentionPeriod"], "%s %s", tc.stack, mode)
			assert.Equal(t, tc.protect, db.Protect, "%s %s", tc.stack, mode)
			assert.Equal(t, tc.protect, p["deletionProtection"], "%s %s", tc.stack, mode)
			assert.Equal(t, "hybridcloud-"+tc.stack, p["identifier"], "the identifier is <project>-<stack>")
			assert.ElementsMatch(t, tc.ignored, db.IgnoreChanges, "%s %s", tc.stack, mode)
		}
	}
}

func TestDatabaseLivesInTheDataSubnets(t *testing.T) {
	res := primaryOf(runStack(t, "prod", plan.Preview))
	group := plantest.Named(t, res, token.RDSSubnetGroup, "prod-db")
	var dataSubnets []string
	for _, s := range plantest.Every(t, res, token.EC2Subnet, 9) {
		if s.Props()["tags"].(map[string]any)["Tier"] == "data" {
			dataSubnets = append(dataSubnets, s.URN)
		}
	}
	require.Len(t, dataSubnets, 3)
	assert.ElementsMatch(t, dataSubnets, group.Dependencies["subnetIds"])
}

func TestTheDataTierEncryptsItsLogsWithTheFoundationsKey(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	key := plantest.Named(t, res, token.KMSKey, "prod-foundation-audit-logs")
	for _, name := range []string{"prod-db-postgresql", "prod-db-upgrade", "prod-file-gateway"} {
		group := plantest.Named(t, res, token.CloudWatchLogGroup, name)
		assert.Equal(t, []string{key.URN}, group.Dependencies["kmsKeyId"], name)
	}
}

func TestNFSSharesAcceptOnlyOnPremisesClients(t *testing.T) {
	for stack, want := range map[string]int{"dev": 1, "prod": 2} {
		res := runStack(t, stack, plan.Up)
		shares := plantest.Every(t, res, token.StorageGatewayNFSFileShare, want)
		assert.Len(t, shares, want, stack)
		files := plantest.Named(t, res, token.S3BucketV2, stack+"-files")
		for _, s := range shares {
			for _, c := range s.Props()["clientLists"].([]any) {
				assert.Contains(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, c, "%s %s", stack, s.Name)
			}
			assert.Equal(t, "RootSquash", s.Props()["squash"])
			assert.Equal(t, []string{files.URN}, s.Dependencies["locationArn"], "%s %s maps a prefix of the stack's file bucket", stack, s.Name)
		}
	}
}

func TestBackupCoversTheDatabaseAndTheFileBucketWithCopiesInTheDRRegion(t *testing.T) {
	for _, mode := range plantest.Modes {
		res := runStack(t, "prod", mode)
		db := plantest.Named(t, res, token.RDSInstance, "prod-db")
		bucket := plantest.Named(t, res, token.S3BucketV2, "prod-files")
		selection := plantest.Named(t, res, token.BackupSelection, "prod-backup")
		assert.ElementsMatch(t, []string{db.URN, bucket.URN}, selection.Dependencies["resources"], mode)

		drVault := plantest.Named(t, res, token.BackupVault, "prod-backup-dr")
		assert.Contains(t, drVault.Provider, "pulumi:providers:aws::aws-dr::")
		dr := plantest.Named(t, res, token.AWSProvider, "aws-dr").Props()
		assert.Equal(t, "us-west-2", dr["region"], "the configured DR region")
		assert.NotEmpty(t, dr["defaultTags"], "the DR provider carries the stack's tags too")
		assert.Contains(t, plantest.Named(t, res, token.BackupPlan, "prod-backup").Dependencies["rules"], drVault.URN, "rules copy to the DR vault")

		topic := plantest.Named(t, res, token.SNSTopic, "prod-foundation-operations")
		target := plantest.Named(t, res, token.CloudWatchEventTarget, "prod-backup-job-failures")
		assert.Equal(t, []string{topic.URN}, target.Dependencies["arn"], "failed backup jobs reach the operations topic")
	}
}

func TestAnEC2GatewayRunsInAnAppSubnetOfTheStack(t *testing.T) {
	st := stackFiles(t, "dev")
	var files map[string]any
	require.NoError(t, json.Unmarshal([]byte(st.Config["hybridcloud:fileShare"]), &files))
	gateway := files["gateway"].(map[string]any)
	delete(gateway, "ipAddress")
	delete(gateway, "cacheDiskPath")
	gateway["mode"] = "ec2"
	gateway["ami"] = "ami-0123456789abcdef0"
	patched, err := json.Marshal(files)
	require.NoError(t, err)
	st = withConfig(st, "hybridcloud:fileShare", string(patched))

	for _, mode := range plantest.Modes {
		res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
		require.NoError(t, err, mode)
		instance := plantest.Named(t, res, token.EC2Instance, "dev-file-gateway")
		subnet := plantest.Named(t, res, token.EC2Subnet, "dev-vpc-app-0")
		assert.Equal(t, []string{subnet.URN}, instance.Dependencies["subnetId"], mode)
		key := plantest.Named(t, res, token.KMSKey, "dev-files")
		assert.Equal(t, []string{key.URN}, instance.Dependencies["rootBlockDevice"], "%s: volumes encrypted with the file bucket's key", mode)
		assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), "%s: the EC2 gateway passes the pack", mode)
	}
}

func TestOnlyAStackThatCopiesToDRDeclaresADRVault(t *testing.T) {
	for stack, vaults := range map[string]int{"dev": 1, "prod": 3} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			assert.Len(t, res.OfType(token.BackupVault), vaults, "%s %s: dev copies nothing to the DR region or the backup account", stack, mode)
			_, dr := res.Named(token.AWSProvider, "aws-dr")
			_, drVault := res.Named(token.BackupVault, stack+"-backup-dr")
			assert.Equal(t, stack == "prod", dr && drVault, "%s %s: the DR provider exists only for the DR vault", stack, mode)
			_, exported := res.Outputs["drBackupVaultArn"]
			assert.Equal(t, stack == "prod", exported, "%s %s", stack, mode)
		}
	}
}

func TestEveryShareWritesThroughTheS3InterfaceEndpoint(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range plantest.Modes {
			res := runStack(t, stack, mode)
			ep := plantest.Named(t, res, token.EC2VPCEndpoint, stack+"-vpc-s3-interface")
			assert.Equal(t, map[string]any{"privateDnsOnlyForInboundResolverEndpoint": true}, ep.Props()["dnsOptions"], "%s %s", stack, mode)
			plantest.Named(t, res, token.EC2VPCEndpoint, stack+"-vpc-ec2")
			for _, share := range plantest.Every(t, res, token.StorageGatewayNFSFileShare, 1) {
				p := share.Props()
				assert.Equal(t, "us-east-1", p["bucketRegion"], "%s %s %s", stack, mode, share.Name)
				assert.Equal(t, []string{ep.URN}, share.Dependencies["vpcEndpointDnsName"], "%s %s %s", stack, mode, share.Name)
				if mode == plan.Up {
					assert.Equal(t, stack+"-vpc-s3-interface.vpce.us-east-1.vpce.amazonaws.com", p["vpcEndpointDnsName"], "%s %s", stack, share.Name)
				}
			}
		}
	}
}

func TestProdCopiesEveryRecoveryPointIntoTheSeparateBackupAccount(t *testing.T) {
	for _, mode := range plantest.Modes {
		res := runStack(t, "prod", mode)
		provider := plantest.Named(t, res, token.AWSProvider, "aws-vault-account").Props()
		assert.Equal(t, []any{"444455556666"}, provider["allowedAccountIds"], "%s: pinned to the backup account", mode)
		assert.Equal(t, "arn:aws:iam::444455556666:role/hybridcloud-backup-deployer", provider["assumeRole"].(map[string]any)["roleArn"], mode)
		assert.Equal(t, "us-east-1", provider["region"], "%s: RDS snapshots cross accounts or regions, never both in one copy", mode)
		assert.NotEmpty(t, provider["defaultTags"], mode)
		vault := plantest.Named(t, res, token.BackupVault, "prod-backup-account")
		assert.Contains(t, vault.Provider, "pulumi:providers:aws::aws-vault-account::", mode)
		assert.Contains(t, plantest.Named(t, res, token.BackupPlan, "prod-backup").DependsOn, vault.URN, mode)
		for _, key := range []string{"prod-db", "prod-backup"} {
			assert.Contains(t, plantest.Statements(t, plantest.Named(t, res, token.KMSKey, key).Props()["policy"]), "BackupAccountCopiesThroughBackup",
				"%s %s: a copy source's key is shared with the backup account", mode, key)
		}
		_, exported := res.Outputs["accountBackupVaultArn"]
		assert.True(t, exported, mode)

		dev := runStack(t, "dev", mode)
		_, devAccount := dev.Named(token.AWSProvider, "aws-vault-account")
		assert.False(t, devAccount, "%s: dev keeps its copies in its own account", mode)
	}
}
