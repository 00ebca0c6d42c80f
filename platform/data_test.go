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
	}{
		{"dev", false, false, 7},
		{"prod", true, true, 35},
	}
	for _, tc := range cases {
		for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
			res := runStack(t, tc.stack, mode)
			db, ok := res.Named("aws:rds/instance:Instance", tc.stack+"-db")
			require.True(t, ok)
			p := db.Props()
			assert.Equal(t, tc.multiAZ, p["multiAz"], "%s %s", tc.stack, mode)
			assert.Equal(t, tc.retention, p["backupRetentionPeriod"], "%s %s", tc.stack, mode)
			assert.Equal(t, tc.protect, db.Protect, "%s %s", tc.stack, mode)
			assert.Equal(t, tc.protect, p["deletionProtection"], "%s %s", tc.stack, mode)
			assert.Equal(t, false, p["publiclyAccessible"])
			assert.Equal(t, "hybridcloud-"+tc.stack, p["identifier"])
		}
	}
}

func TestDatabaseLivesInTheDataSubnets(t *testing.T) {
	res := runStack(t, "prod", plan.Preview)
	group, ok := res.Named("aws:rds/subnetGroup:SubnetGroup", "prod-db")
	require.True(t, ok)
	var dataSubnets []string
	for _, s := range res.OfType("aws:ec2/subnet:Subnet") {
		if s.Props()["tags"].(map[string]any)["Tier"] == "data" {
			dataSubnets = append(dataSubnets, s.URN)
		}
	}
	require.Len(t, dataSubnets, 3)
	assert.ElementsMatch(t, dataSubnets, group.Dependencies["subnetIds"])
}

func TestNFSSharesAcceptOnlyOnPremisesClients(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		shares := res.OfType("aws:storagegateway/nfsFileShare:NfsFileShare")
		require.NotEmpty(t, shares)
		for _, s := range shares {
			for _, c := range s.Props()["clientLists"].([]any) {
				assert.Contains(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, c, "%s %s", stack, s.Name)
			}
			assert.Equal(t, "RootSquash", s.Props()["squash"])
		}
	}
}

func TestBackupCoversTheDatabaseAndTheFileBucketWithCopiesInTheDRRegion(t *testing.T) {
	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res := runStack(t, "prod", mode)
		db, _ := res.Named("aws:rds/instance:Instance", "prod-db")
		bucket, _ := res.Named("aws:s3/bucketV2:BucketV2", "prod-files")
		selection := res.OfType("aws:backup/selection:Selection")
		require.Len(t, selection, 1)
		assert.ElementsMatch(t, []string{db.URN, bucket.URN}, selection[0].Dependencies["resources"], mode)

		drVault, ok := res.Named("aws:backup/vault:Vault", "prod-backup-dr")
		require.True(t, ok)
		assert.Contains(t, drVault.Provider, "pulumi:providers:aws::aws-dr::")
		plans := res.OfType("aws:backup/plan:Plan")
		require.Len(t, plans, 1)
		assert.Contains(t, plans[0].Dependencies["rules"], drVault.URN, "rules copy to the DR vault")

		topic := plantest.Named(t, res, token.SNSTopic, "prod-foundation-operations")
		targets := res.OfType("aws:cloudwatch/eventTarget:EventTarget")
		require.Len(t, targets, 1)
		assert.Equal(t, []string{topic.URN}, targets[0].Dependencies["arn"], "failed backup jobs reach the operations topic")
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
	patched, err := json.Marshal(files)
	require.NoError(t, err)
	st = withConfig(st, "hybridcloud:fileShare", string(patched))

	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
		require.NoError(t, err, mode)
		instances := res.OfType("aws:ec2/instance:Instance")
		require.Len(t, instances, 1, mode)
		subnet, ok := res.Named("aws:ec2/subnet:Subnet", "dev-vpc-app-0")
		require.True(t, ok)
		assert.Equal(t, []string{subnet.URN}, instances[0].Dependencies["subnetId"], mode)
		assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), "%s: the EC2 gateway passes the pack", mode)
	}
}
