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

func testFilesArgs(protect bool) *FilesArgs {
	return &FilesArgs{
		Settings: FilesSettings{ArchiveAccessDays: 90, DeepArchiveAccessDays: 180, NoncurrentVersionDays: 90, AccessLogDays: 365,
			Protect: protect},
		AccountID: testAccount, Partition: "aws", Region: "us-east-1", KeyAdmins: testAdmins,
		KeyReaders: []string{"s-claims-api-task"}, KeyWriters: []string{"s-scanner-task", "st-file-gateway", "st-backup"},
		ArchivePrefixes: []string{"claims/"},
	}
}

// runFiles declares one Files named "test-files" under mocks and returns the run and the component.
func runFiles(t *testing.T, mode plan.Mode, args *FilesArgs) (*plan.Result, *Files) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Files, error) {
		return NewFiles(ctx, "test-files", args, opts...)
	})
}

// sideOf returns the resource of type typ whose bucket input was built from the bucket with URN bucket.
func sideOf(t *testing.T, res *plan.Result, typ, bucket string) plan.Resource {
	t.Helper()
	for _, r := range plantest.Every(t, res, typ, 1) {
		for _, dep := range r.Dependencies["bucket"] {
			if dep == bucket {
				return r
			}
		}
	}
	require.Failf(t, "missing", "no %s for bucket %s", typ, bucket)
	return plan.Resource{}
}

func TestFileBucketIsEncryptedVersionedPrivateAndTLSOnly(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	bucket := plantest.Named(t, res, token.S3BucketV2, "test-files")
	key := plantest.Named(t, res, token.KMSKey, "test-files")

	enc := sideOf(t, res, token.S3BucketServerSideEncryptionConfigurationV2, bucket.URN)
	rule := enc.Props()["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, "aws:kms", rule["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"])
	assert.Equal(t, true, rule["bucketKeyEnabled"])
	assert.Equal(t, []string{key.URN}, enc.Dependencies["rules"], "encrypted with the bucket's own key")

	versioning := sideOf(t, res, token.S3BucketVersioningV2, bucket.URN)
	assert.Equal(t, "Enabled", versioning.Props()["versioningConfiguration"].(map[string]any)["status"])

	block := sideOf(t, res, token.S3BucketPublicAccessBlock, bucket.URN).Props()
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, block[k], k)
	}
	ownership := sideOf(t, res, token.S3BucketOwnershipControls, bucket.URN)
	assert.Equal(t, "BucketOwnerEnforced", ownership.Props()["rule"].(map[string]any)["objectOwnership"])

	policy := document(t, sideOf(t, res, token.S3BucketPolicy, bucket.URN).Props()["policy"])
	deny := policy["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, deny["Condition"])
	assert.Equal(t, []any{"arn:aws:s3:::test-files-bucket", "arn:aws:s3:::test-files-bucket/*"}, deny["Resource"])

	notification := sideOf(t, res, token.S3BucketNotification, bucket.URN)
	assert.Equal(t, true, notification.Props()["eventbridge"], "cloud applications learn of new files")
}

func TestFileBucketTiersAndExpiresOldVersions(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	bucket := plantest.Named(t, res, token.S3BucketV2, "test-files")
	lifecycle := sideOf(t, res, token.S3BucketLifecycleConfigurationV2, bucket.URN)
	rule := lifecycle.Props()["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{map[string]any{"days": 0.0, "storageClass": "INTELLIGENT_TIERING"}}, rule["transitions"])
	assert.Equal(t, map[string]any{"noncurrentDays": 90.0}, rule["noncurrentVersionExpiration"])

	tiering := plantest.Named(t, res, token.S3BucketIntelligentTieringConfiguration, "test-files-archive-claims")
	assert.Equal(t, map[string]any{"prefix": "claims/"}, tiering.Props()["filter"], "only the share that opted in")
	assert.Equal(t, []any{
		map[string]any{"accessTier": "ARCHIVE_ACCESS", "days": 90.0},
		map[string]any{"accessTier": "DEEP_ARCHIVE_ACCESS", "days": 180.0},
	}, tiering.Props()["tierings"])

	args := testFilesArgs(false)
	args.Settings.ArchiveAccessDays, args.Settings.DeepArchiveAccessDays = 0, 0
	res, _ = runFiles(t, plan.Up, args)
	assert.Empty(t, res.OfType(token.S3BucketIntelligentTieringConfiguration), "no archive tiers: no configuration")

	args.Settings.DeepArchiveAccessDays = 180
	res, _ = runFiles(t, plan.Up, args)
	assert.Equal(t, []any{map[string]any{"accessTier": "DEEP_ARCHIVE_ACCESS", "days": 180.0}},
		plantest.Named(t, res, token.S3BucketIntelligentTieringConfiguration, "test-files-archive-claims").Props()["tierings"], "only the tier that is on")

	for _, mode := range plantest.Modes {
		args = testFilesArgs(false)
		args.ArchivePrefixes = nil
		res, _ = runFiles(t, mode, args)
		assert.Empty(t, res.OfType(token.S3BucketIntelligentTieringConfiguration), "%s: no share opted in: files stay readable through the gateway", mode)
	}
}

func TestFileBucketAccessLogsGoToAnSSES3BucketOnlyItMayWrite(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	bucket := plantest.Named(t, res, token.S3BucketV2, "test-files")
	logs := plantest.Named(t, res, token.S3BucketV2, "test-files-access-logs")
	logging := sideOf(t, res, token.S3BucketLoggingV2, bucket.URN)
	assert.Equal(t, []string{logs.URN}, logging.Dependencies["targetBucket"])

	enc := sideOf(t, res, token.S3BucketServerSideEncryptionConfigurationV2, logs.URN)
	assert.Equal(t, "AES256", enc.Props()["rules"].([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"],
		"S3 log delivery cannot write to a KMS-encrypted bucket")
	policy := document(t, sideOf(t, res, token.S3BucketPolicy, logs.URN).Props()["policy"])
	grant := policy["Statement"].([]any)[1].(map[string]any)
	assert.Equal(t, map[string]any{"Service": "logging.s3.amazonaws.com"}, grant["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:s3:::test-files-bucket"},
	}, grant["Condition"])

	expiry := sideOf(t, res, token.S3BucketLifecycleConfigurationV2, logs.URN)
	assert.Equal(t, map[string]any{"days": 365.0}, expiry.Props()["rules"].([]any)[0].(map[string]any)["expiration"], "kept as long as configured, then expired")
}

func TestProtectedFileBucketIsNeverForceDestroyed(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	for _, name := range []string{"test-files", "test-files-access-logs"} {
		b := plantest.Named(t, res, token.S3BucketV2, name)
		assert.True(t, b.Protect, name)
		assert.Equal(t, false, b.Props()["forceDestroy"], name)
	}
	assert.True(t, plantest.Named(t, res, token.KMSKey, "test-files").Protect)

	res, _ = runFiles(t, plan.Up, testFilesArgs(false))
	for _, name := range []string{"test-files", "test-files-access-logs"} {
		b := plantest.Named(t, res, token.S3BucketV2, name)
		assert.False(t, b.Protect, name)
		assert.Equal(t, true, b.Props()["forceDestroy"], "%s: dev may tear a bucket down with its objects", name)
	}
	assert.False(t, plantest.Named(t, res, token.KMSKey, "test-files").Protect)
}

func TestFilesOutputsNameTheBucketItsKeyAndItsLogs(t *testing.T) {
	for _, mode := range plantest.Modes {
		_, f := runFiles(t, mode, testFilesArgs(true))
		arn := plantest.Await(t, f.BucketARN)
		assert.Equal(t, mode == plan.Up, arn.Known, mode)
		if mode == plan.Up {
			assert.Equal(t, "arn:aws:s3:::test-files-bucket", arn.Value)
			assert.Equal(t, "test-files-bucket", plantest.Await(t, f.BucketName).Value)
			assert.Equal(t, "test-files-access-logs-bucket", plantest.Await(t, f.LogBucketName).Value)
			assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:test-files", plantest.Await(t, f.KMSKeyARN).Value) // the mock ARN
		}
	}
}

func TestEveryFilesChildIsParentedAndNamedAfterIt(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	assert.Equal(t, 19, assertChildren(t, res, FilesType, "test-files"),
		"key and alias, 2 buckets with their 5 controls, the log bucket's expiry, logging, notification, lifecycle, archive tiers")
}

func TestNewFilesRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Files, error) {
		return NewFiles(ctx, "bad", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data: files bad: args are required")

	args := testFilesArgs(true)
	args.Settings.NoncurrentVersionDays = 0
	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Files, error) {
		return NewFiles(ctx, "bad", args, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data: files bad: noncurrent version days, access log days, account, partition, region and key administrators are required")
}

func TestFilesKeyLetsReadersDecryptAndWritersEncryptOnlyThroughS3ForThisBucket(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	sids := plantest.Statements(t, plantest.Named(t, res, token.KMSKey, "test-files").Props()["policy"])
	assert.Len(t, sids, 5, "administration and its grants, readers, writers, the break-glass deny: nothing delegated to IAM")
	bucket := map[string]any{"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::test-files-*"}
	via := map[string]any{"kms:CallerAccount": "123456789012", "kms:ViaService": []any{"s3.us-east-1.amazonaws.com"}}
	read := sids["ReadersDecryptThroughS3"]
	assert.Equal(t, []any{"kms:Decrypt"}, read["Action"])
	assert.Equal(t, map[string]any{
		"StringEquals": via,
		"ArnLike":      map[string]any{"kms:EncryptionContext:aws:s3:arn": bucket["kms:EncryptionContext:aws:s3:arn"], "aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/s-claims-api-task-*"}},
	}, read["Condition"])
	write := sids["WritersUseThroughS3"]
	assert.Equal(t, []any{"kms:Decrypt", "kms:GenerateDataKey"}, write["Action"])
	assert.Equal(t, []any{"arn:aws:iam::123456789012:role/s-scanner-task-*", "arn:aws:iam::123456789012:role/st-file-gateway-*", "arn:aws:iam::123456789012:role/st-backup-*"},
		write["Condition"].(map[string]any)["ArnLike"].(map[string]any)["aws:PrincipalArn"])
	assert.Equal(t, via, write["Condition"].(map[string]any)["StringEquals"])
}

func TestOnlyTheBreakGlassRoleDeletesOldVersionsOfFiles(t *testing.T) {
	res, _ := runFiles(t, plan.Up, testFilesArgs(true))
	deny := plantest.Statements(t, plantest.Named(t, res, token.S3BucketPolicy, "test-files").Props()["policy"])["OnlyBreakGlassDeletesOldVersions"]
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, "*", deny["Principal"])
	assert.Equal(t, "s3:DeleteObjectVersion", deny["Action"])
	assert.Equal(t, []any{"arn:aws:s3:::test-files-bucket", "arn:aws:s3:::test-files-bucket/*"}, deny["Resource"]) // the mock ARN
	assert.Equal(t, map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": testBreakGlass}}, deny["Condition"])

	args := testFilesArgs(false)
	args.KeyAdmins.BreakGlass = ""
	res, _ = runFiles(t, plan.Up, args)
	assert.NotContains(t, plantest.Statements(t, plantest.Named(t, res, token.S3BucketPolicy, "test-files").Props()["policy"]), "OnlyBreakGlassDeletesOldVersions",
		"without a break-glass role (dev) a destroy may empty the bucket")
}
