package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

func TestRDSIsPricedAtItsClassAndMultiAZRateWithAllocatedStorage(t *testing.T) {
	s := &plantest.Builder{}
	db := s.Component("hybridcloud:data:Database", "db")
	s.Resource(db, typeRDSInstance, "prod-db", map[string]any{
		"engine": "postgres", "instanceClass": "db.m7g.large", "multiAz": true, "allocatedStorage": 100,
		"maxAllocatedStorage": 1000, "storageType": "gp3", "manageMasterUserPassword": true,
	}, nil)
	s.Resource(db, typeRDSInstance, "dev-db", map[string]any{
		"engine": "postgres", "instanceClass": "db.t4g.micro", "multiAz": false, "allocatedStorage": 20, "storageType": "gp3",
	}, nil)
	s.Resource(db, typeRDSInstance, "other", map[string]any{"engine": "mysql", "instanceClass": "db.m7g.large", "allocatedStorage": 20}, nil)
	r := build(t, s, Usage{})

	multi := line(t, r, "prod-db", "DB instance hours (db.m7g.large, Multi-AZ)")
	assert.InDelta(t, 730*price(t, "rds_pg.db_m7g_large.multi_az_hour"), monthlyOf(t, multi), 1e-9)
	storage := line(t, r, "prod-db", "DB storage (gp3, Multi-AZ)")
	assert.Equal(t, 100.0, storage.Quantity)
	assert.InDelta(t, 100*price(t, "rds.gp3.multi_az_gb_month"), monthlyOf(t, storage), 1e-9)
	assert.Contains(t, storage.Note, "may grow it to 1000 GB")
	assert.InDelta(t, price(t, "secrets_manager.secret_month"), monthlyOf(t, line(t, r, "prod-db", "master user secret")), 1e-9)

	assert.InDelta(t, 730*0.016, monthlyOf(t, line(t, r, "dev-db", "DB instance hours (db.t4g.micro, Single-AZ)")), 1e-9, "11.68")
	assert.InDelta(t, 20*price(t, "rds.gp3.single_az_gb_month"), monthlyOf(t, line(t, r, "dev-db", "DB storage")), 1e-9)
	assert.Len(t, linesOf(r, "dev-db"), 2, "no managed secret declared")

	mysql := line(t, r, "other", "DB instance hours")
	assert.Nil(t, mysql.Monthly)
	assert.Contains(t, mysql.Note, "no rds_mysql.db_m7g_large.single_az_hour in the price table")
	assert.Nil(t, line(t, r, "other", "DB storage (gp2").Monthly, "gp2 (the default) is not in the table")
}

func TestTheFileBucketIsPricedAtTheUsageFigureInTheSharesStorageClass(t *testing.T) {
	s := &plantest.Builder{}
	files := s.Component("hybridcloud:data:Files", "files")
	b := s.Resource(files, typeBucketV2, "files", nil, nil)
	s.Resource(files, typeBucketV2, "access-logs", nil, nil)
	gw := s.Component("hybridcloud:data:FileGateway", "gateway")
	s.Resource(gw, typeNFSFileShare, "claims", map[string]any{"defaultStorageClass": "S3_INTELLIGENT_TIERING"}, map[string][]plan.Resource{"locationArn": {b}})
	s.Resource(gw, typeNFSFileShare, "docs", map[string]any{"defaultStorageClass": "S3_INTELLIGENT_TIERING"}, map[string][]plan.Resource{"locationArn": {b}})
	s.Resource(files, typeITConfiguration, "archive", map[string]any{"status": "Enabled", "tierings": []any{
		map[string]any{"accessTier": "ARCHIVE_ACCESS", "days": 90}, map[string]any{"accessTier": "DEEP_ARCHIVE_ACCESS", "days": 180},
	}}, map[string][]plan.Resource{"bucket": {b}})
	r := build(t, s, Usage{}.With(UsageFileBucketTB, 10))

	tiers := map[string]struct {
		key string
		pct float64
	}{
		"frequent":            {"s3.int_tiering.frequent_gb_month", 30},
		"infrequent":          {"s3.int_tiering.infrequent_gb_month", 30},
		"archive access":      {"s3.int_tiering.archive_access_gb_month", 20},
		"deep archive access": {"s3.int_tiering.deep_archive_access_gb_month", 20},
	}
	for tier, want := range tiers {
		l := line(t, r, "files", "file bucket storage (Intelligent-Tiering, "+tier+" tier)")
		assert.InDelta(t, 10240*want.pct/100, l.Quantity, 1e-9, tier)
		assert.InDelta(t, 10240*want.pct/100*price(t, want.key), monthlyOf(t, l), 1e-9, tier)
	}
	mon := line(t, r, "files", "Intelligent-Tiering monitoring")
	assert.InDelta(t, 10240*1024/1000.0, mon.Quantity, 1e-9, "1 MB objects by default, in thousands")
	assert.InDelta(t, mon.Quantity*price(t, "s3.int_tiering.monitoring_per_1k_objects"), monthlyOf(t, mon), 1e-9)
	assert.Len(t, linesOf(r, "files"), 5, "one bucket, however many shares; not versioned, so no noncurrent versions")
	logs := line(t, r, "access-logs", "log bucket storage (Standard)")
	assert.InDelta(t, 100*price(t, "s3.standard.gb_month_first_50tb"), monthlyOf(t, logs), 1e-9, "logBucketGb's default")
	assert.Empty(t, r.NotPriced)
}

func TestWithoutArchiveTiersTheColdShareStaysInfrequent(t *testing.T) {
	s := &plantest.Builder{}
	files := s.Component("hybridcloud:data:Files", "files")
	b := s.Resource(files, typeBucketV2, "files", nil, nil)
	s.Resource(files, typeNFSFileShare, "claims", map[string]any{"defaultStorageClass": "S3_INTELLIGENT_TIERING"}, map[string][]plan.Resource{"locationArn": {b}})
	r := build(t, s, Usage{}.With(UsageFileBucketTB, 1).With(UsageFileAverageObjectMB, 0.1))
	assert.InDelta(t, 1024*0.7, line(t, r, "files", "file bucket storage (Intelligent-Tiering, infrequent").Quantity, 1e-9)
	mon := line(t, r, "files", "Intelligent-Tiering monitoring")
	assert.Zero(t, monthlyOf(t, mon), "objects under 128 KB are not monitored")
	assert.Contains(t, mon.Note, "not monitored")
}

func TestTheGatewaysWritesLeaveNoncurrentVersionsForTheLifecyclesDays(t *testing.T) {
	s := &plantest.Builder{}
	files := s.Component("hybridcloud:data:Files", "files")
	b := s.Resource(files, typeBucketV2, "files", nil, nil)
	s.Resource(files, typeNFSFileShare, "claims", map[string]any{"defaultStorageClass": "S3_INTELLIGENT_TIERING"}, map[string][]plan.Resource{"locationArn": {b}})
	s.Resource(files, typeBucketVersioning, "files", map[string]any{"versioningConfiguration": map[string]any{"status": "Enabled"}}, map[string][]plan.Resource{"bucket": {b}})
	s.Resource(files, typeBucketLifecycle, "files", map[string]any{"rules": []any{map[string]any{"noncurrentVersionExpiration": map[string]any{"noncurrentDays": 90}}}},
		map[string][]plan.Resource{"bucket": {b}})
	r := build(t, s, Usage{}.With(UsageFileGatewayWrittenGB, 3000).With(UsageFileReplacedPercent, 10))
	frequent := line(t, r, "files", "noncurrent versions (frequent tier)")
	assert.InDelta(t, 3300*30/daysPerMonth, frequent.Quantity, 1e-9, "one version per GB written, and the replaced tenth's old one, 30 days in the frequent tier")
	infrequent := line(t, r, "files", "noncurrent versions (infrequent tier)")
	assert.InDelta(t, 3300*60/daysPerMonth, infrequent.Quantity, 1e-9)
	assert.InDelta(t, infrequent.Quantity*price(t, "s3.int_tiering.infrequent_gb_month"), monthlyOf(t, infrequent), 1e-9)
}

func TestStorageGatewayWritesArePricedWithoutTheAccountsAllowanceUpToTheCap(t *testing.T) {
	tbl, err := prices.Parse("test.yaml", []byte(`
as_of: "2026-11-24"
hours_per_month: 730
regions: [us-east-1]
prices:
  storage_gateway.gb_written: {unit: "USD/GB", us-east-1: {value: 0.01, src: "test"}}
  storage_gateway.monthly_cap_per_gateway: {unit: "USD/month", us-east-1: {value: 125, src: "test"}}
`))
	require.NoError(t, err)
	tests := []struct {
		name        string
		gb, monthly float64
		note        string
	}{
		{"small", 80, 0.8, ""},
		{"below the cap", 1100, 11, ""},
		{"above the cap", 20000, 125, "capped at $125"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &plantest.Builder{}
			gw := s.Component("hybridcloud:data:FileGateway", "gateway")
			s.Resource(gw, typeStorageGateway, "gw", nil, nil)
			r, err := Build(s.Result(), Inputs{Region: "us-east-1", Usage: Usage{}.With(UsageFileGatewayWrittenGB, tt.gb), Prices: tbl})
			require.NoError(t, err)
			l := line(t, r, "gw", "data written to AWS")
			assert.Equal(t, tt.gb, l.Quantity, "the account-wide free allowance is not subtracted")
			assert.InDelta(t, tt.monthly, monthlyOf(t, l), 1e-9)
			assert.Contains(t, l.Note, tt.note)
		})
	}
}

// backupFixture declares a database and a file bucket, a plan whose rules keep recovery points 35 and 365
// days in the home vault, and copies the yearly rule's points to a vault in another region when copy is set.
func backupFixture(copy bool) *plantest.Builder {
	s := &plantest.Builder{}
	dr := s.Provider("dr", "us-west-2")
	bk := s.Component("hybridcloud:data:Backup", "backup")
	db := s.Resource(bk, typeRDSInstance, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t4g.micro", "allocatedStorage": 200, "storageType": "gp3"}, nil)
	files := s.Resource(bk, typeBucketV2, "files", nil, nil)
	home := s.Resource(bk, typeBackupVault, "vault", map[string]any{"name": "vault"}, nil)
	far := s.Resource(bk, typeBackupVault, "vault-dr", map[string]any{"name": "vault-dr"}, nil)
	s.On(far, dr)
	weekly := map[string]any{"ruleName": "weekly", "targetVaultName": "vault", "lifecycle": map[string]any{"deleteAfter": 365}}
	if copy {
		weekly["copyActions"] = []any{map[string]any{"destinationVaultArn": "arn:aws:backup:us-west-2:1:backup-vault:vault-dr", "lifecycle": map[string]any{"deleteAfter": 365}}}
	}
	bp := s.Resource(bk, typeBackupPlan, "plan", map[string]any{"rules": []any{
		map[string]any{"ruleName": "daily", "targetVaultName": "vault", "lifecycle": map[string]any{"deleteAfter": 35}},
		weekly,
	}}, map[string][]plan.Resource{"rules": {home, far}})
	s.Resource(bk, typeBackupSelection, "selection", nil, map[string][]plan.Resource{"planId": {bp}, "resources": {db, files}})
	return s
}

func TestBackupStorageIsAFullCopyPlusTheChangesTheLongestRuleKeeps(t *testing.T) {
	usage := Usage{}.With(UsageFileBucketTB, 2).With(UsageFileGatewayWrittenGB, 1000).With(UsageFileReplacedPercent, 10).With(UsageDatabaseChangePercent, 5)
	r := build(t, backupFixture(true), usage)
	months := 365 / daysPerMonth

	db := line(t, r, "vault", "database recovery points (db)")
	assert.InDelta(t, 200+200*0.05*months, db.Quantity, 1e-9, "allocated storage by default, 5% of it changed a month, kept 12 months")
	assert.InDelta(t, db.Quantity*price(t, "aws_backup.rds_snapshot_gb_month"), monthlyOf(t, db), 1e-9)
	assert.Contains(t, db.Assumption, "default: the allocated storage")
	files := line(t, r, "vault", "file bucket recovery points (files)")
	assert.InDelta(t, 2048+100*months, files.Quantity, 1e-9, "the first backup is a full copy; a tenth of the GB written is replaced")
	assert.Len(t, linesOf(r, "vault"), 2)

	copied := line(t, r, "vault-dr", "file bucket copied recovery points (files)")
	assert.Equal(t, "us-west-2", copied.Region, "priced in the DR region's column")
	assert.InDelta(t, files.Quantity*price(t, "aws_backup.s3_warm_gb_month"), monthlyOf(t, copied), 1e-9)
	transfer := line(t, r, "vault-dr", "cross-region copy transfer")
	assert.Equal(t, "us-east-1", transfer.Region, "the copy leaves the stack's region")
	assert.InDelta(t, 1000+10, transfer.Quantity, 1e-9, "every GB written to the bucket and the database's changes")
	require.Len(t, r.OneOff, 1)
	assert.InDelta(t, 2048+200, r.OneOff[0].Quantity, 1e-9, "the first full copy, once")
	assert.Zero(t, r.Unknown)

	set := build(t, backupFixture(true), usage.With(UsageDatabaseGB, 50))
	assert.InDelta(t, 50+50*0.05*months, line(t, set, "vault", "database recovery points").Quantity, 1e-9)
}

func TestAVaultNothingCopiesToCostsNothing(t *testing.T) {
	r := build(t, backupFixture(false), Usage{})
	assert.Empty(t, linesOf(r, "vault-dr"))
	assert.Empty(t, r.OneOff)
	assert.Contains(t, r.Free, TypeCount{Type: typeBackupVault, Count: 1, Reason: "no charge: no backup rule or copy action writes into this vault"})
	assert.Len(t, linesOf(r, "vault"), 2)
}
