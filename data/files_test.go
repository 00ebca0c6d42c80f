package data

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const typeBucket = "aws:s3/bucketV2:BucketV2"

func testFilesArgs(protect bool) *FilesArgs {
	return &FilesArgs{ArchiveAccessDays: 90, DeepArchiveAccessDays: 180, NoncurrentVersionDays: 90, AccessLogDays: 365,
		Protect: protect, AccountID: testAccount}
}

func runFiles(t *testing.T, args *FilesArgs) *plan.Result {
	return run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) error {
		_, err := NewFiles(ctx, "test-files", args, opts...)
		return err
	})
}

// sideOf returns the resource of type typ whose bucket input was built from the bucket with URN bucket.
func sideOf(t *testing.T, res *plan.Result, typ, bucket string) plan.Resource {
	t.Helper()
	for _, r := range res.OfType(typ) {
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
	res := runFiles(t, testFilesArgs(true))
	bucket := plantest.Named(t, res, typeBucket, "test-files")
	key := one(t, res, typeKey)

	enc := sideOf(t, res, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", bucket.URN)
	rule := enc.Props()["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, "aws:kms", rule["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"])
	assert.Equal(t, true, rule["bucketKeyEnabled"])
	assert.Equal(t, []string{key.URN}, enc.Dependencies["rules"], "encrypted with the bucket's own key")

	versioning := sideOf(t, res, "aws:s3/bucketVersioningV2:BucketVersioningV2", bucket.URN)
	assert.Equal(t, "Enabled", versioning.Props()["versioningConfiguration"].(map[string]any)["status"])

	block := sideOf(t, res, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket.URN).Props()
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.Equal(t, true, block[k], k)
	}
	ownership := sideOf(t, res, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", bucket.URN)
	assert.Equal(t, "BucketOwnerEnforced", ownership.Props()["rule"].(map[string]any)["objectOwnership"])

	policy := document(t, sideOf(t, res, "aws:s3/bucketPolicy:BucketPolicy", bucket.URN).Props()["policy"])
	deny := policy["Statement"].([]any)[0].(map[string]any)
	assert.Equal(t, "Deny", deny["Effect"])
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, deny["Condition"])
	assert.Equal(t, []any{"arn:aws:s3:::test-files-bucket", "arn:aws:s3:::test-files-bucket/*"}, deny["Resource"])

	notification := sideOf(t, res, "aws:s3/bucketNotification:BucketNotification", bucket.URN)
	assert.Equal(t, true, notification.Props()["eventbridge"], "cloud applications learn of new files")
}

func TestFileBucketTiersAndExpiresOldVersions(t *testing.T) {
	res := runFiles(t, testFilesArgs(true))
	bucket := plantest.Named(t, res, typeBucket, "test-files")
	lifecycle := sideOf(t, res, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", bucket.URN)
	rule := lifecycle.Props()["rules"].([]any)[0].(map[string]any)
	assert.Equal(t, []any{map[string]any{"days": 0.0, "storageClass": "INTELLIGENT_TIERING"}}, rule["transitions"])
	assert.Equal(t, map[string]any{"noncurrentDays": 90.0}, rule["noncurrentVersionExpiration"])

	tiering := plantest.Named(t, res, "aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration", "test-files-archive")
	assert.Equal(t, []any{
		map[string]any{"accessTier": "ARCHIVE_ACCESS", "days": 90.0},
		map[string]any{"accessTier": "DEEP_ARCHIVE_ACCESS", "days": 180.0},
	}, tiering.Props()["tierings"])

	args := testFilesArgs(false)
	args.ArchiveAccessDays, args.DeepArchiveAccessDays = 0, 0
	assert.Empty(t, runFiles(t, args).OfType("aws:s3/bucketIntelligentTieringConfiguration:BucketIntelligentTieringConfiguration"),
		"no archive tiers: no configuration")
}

func TestFileBucketAccessLogsGoToAnSSES3BucketOnlyItMayWrite(t *testing.T) {
	res := runFiles(t, testFilesArgs(true))
	bucket := plantest.Named(t, res, typeBucket, "test-files")
	logs := plantest.Named(t, res, typeBucket, "test-files-access-logs")
	logging := sideOf(t, res, "aws:s3/bucketLoggingV2:BucketLoggingV2", bucket.URN)
	assert.Equal(t, []string{logs.URN}, logging.Dependencies["targetBucket"])

	enc := sideOf(t, res, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", logs.URN)
	assert.Equal(t, "AES256", enc.Props()["rules"].([]any)[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"],
		"S3 log delivery cannot write to a KMS-encrypted bucket")
	policy := document(t, sideOf(t, res, "aws:s3/bucketPolicy:BucketPolicy", logs.URN).Props()["policy"])
	grant := policy["Statement"].([]any)[1].(map[string]any)
	assert.Equal(t, map[string]any{"Service": "logging.s3.amazonaws.com"}, grant["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:s3:::test-files-bucket"},
	}, grant["Condition"])

	expiry := sideOf(t, res, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", logs.URN)
	assert.Equal(t, map[string]any{"days": 365.0}, expiry.Props()["rules"].([]any)[0].(map[string]any)["expiration"], "kept as long as configured, then expired")
}

func TestProtectedFileBucketIsNeverForceDestroyed(t *testing.T) {
	res := runFiles(t, testFilesArgs(true))
	for _, name := range []string{"test-files", "test-files-access-logs"} {
		b := plantest.Named(t, res, typeBucket, name)
		assert.True(t, b.Protect, name)
		assert.Equal(t, false, b.Props()["forceDestroy"], name)
	}
	assert.True(t, one(t, res, typeKey).Protect)

	res = runFiles(t, testFilesArgs(false))
	b := plantest.Named(t, res, typeBucket, "test-files")
	assert.False(t, b.Protect)
	assert.Equal(t, true, b.Props()["forceDestroy"], "dev may tear a bucket down with its objects")
}
