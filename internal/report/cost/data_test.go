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
	r := build(t, s, Usage{}.With(UsageFileBucketTB, 10))

	l := line(t, r, "files", "file bucket storage (Intelligent-Tiering)")
	assert.Equal(t, 10240.0, l.Quantity, "10 TB in GB-months")
	assert.InDelta(t, 10240*price(t, "s3.int_tiering.frequent_gb_month"), monthlyOf(t, l), 1e-9)
	assert.Len(t, linesOf(r, "files"), 1, "one bucket, however many shares")
	assert.Empty(t, linesOf(r, "access-logs"))
	assert.Equal(t, []TypeCount{{Type: typeBucketV2, Count: 1, Reason: "storage and requests depend on usage; no usage figure for buckets other than the file bucket"}}, r.NotPriced)
}

func TestStorageGatewayWritesAreUnknownButTheCapIsShown(t *testing.T) {
	s := &plantest.Builder{}
	gw := s.Component("hybridcloud:data:FileGateway", "gateway")
	s.Resource(gw, typeStorageGateway, "gw", nil, nil)
	r := build(t, s, Usage{}.With(UsageFileGatewayWrittenGB, 600))

	l := line(t, r, "gw", "data written to AWS")
	assert.Nil(t, l.Monthly, "no sourced per-GB price: unknown, never zero")
	assert.Equal(t, 500.0, l.Quantity, "600 GB less the account's free 100 GB")
	assert.Contains(t, l.Note, "AWS caps this charge at $125 per gateway a month")
	assert.Equal(t, 1, r.Unknown)
}

func TestStorageGatewayWritesWithAPriceGetTheAllowanceAndTheCap(t *testing.T) {
	tbl, err := prices.Parse("test.yaml", []byte(`
as_of: "2026-11-24"
hours_per_month: 730
regions: [us-east-1]
prices:
  storage_gateway.gb_written: {unit: "USD/GB", us-east-1: {value: 0.01, src: "test"}}
  storage_gateway.free_gb_written_per_account: {unit: "GB", us-east-1: {value: 100, src: "test"}}
  storage_gateway.monthly_cap_per_gateway: {unit: "USD/month", us-east-1: {value: 125, src: "test"}}
`))
	require.NoError(t, err)
	tests := []struct {
		name        string
		gb, monthly float64
		note        string
	}{
		{"within the allowance", 80, 0, ""},
		{"above the allowance", 1100, 10, ""},
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
			assert.InDelta(t, tt.monthly, monthlyOf(t, l), 1e-9)
			assert.Contains(t, l.Note, tt.note)
		})
	}
}

func TestBackupVaultsStoreRecoveryPointsAndTheDRVaultPaysTheCopy(t *testing.T) {
	s := &plantest.Builder{}
	prov := s.Provider("dr", "eu-central-1")
	bk := s.Component("hybridcloud:data:Backup", "backup")
	s.Resource(bk, typeBackupVault, "vault", nil, nil)
	s.On(s.Resource(bk, typeBackupVault, "vault-dr", nil, nil), prov)
	r := build(t, s, Usage{}.With(UsageBackupDatabaseGB, 200).With(UsageBackupFilesGB, 1000).With(UsageBackupCopyGB, 50))

	assert.InDelta(t, 200*price(t, "aws_backup.rds_snapshot_gb_month"), monthlyOf(t, line(t, r, "vault", "database recovery points")), 1e-9)
	assert.InDelta(t, 1000*price(t, "aws_backup.s3_warm_gb_month"), monthlyOf(t, line(t, r, "vault", "file bucket recovery points")), 1e-9)
	assert.Len(t, linesOf(r, "vault"), 2)

	copied := line(t, r, "vault-dr", "database copied recovery points")
	assert.Equal(t, "eu-central-1", copied.Region, "priced in the provider's region")
	assert.Nil(t, copied.Monthly, "the table has no eu-central-1 figure")
	transfer := line(t, r, "vault-dr", "cross-region copy transfer")
	assert.Equal(t, "us-east-1", transfer.Region, "the copy leaves the stack's region")
	assert.InDelta(t, 50*price(t, "aws_backup.cross_region_gb"), monthlyOf(t, transfer), 1e-9)
}
