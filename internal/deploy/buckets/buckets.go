// Package buckets declares S3 buckets with the controls every bucket of the platform must have, so no
// component can forget one: versioning, default encryption, all public access blocked, bucket-owner-enforced
// ownership (no ACLs), and a policy that denies requests not made over TLS.
package buckets

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// Args configures a bucket.
type Args struct {
	// KMSKeyARN encrypts objects with SSE-KMS and a bucket key. Nil means SSE-S3, which only buckets that
	// AWS log delivery writes to (ALB and S3 access logs) may use: those services cannot use a KMS key.
	KMSKeyARN pulumi.StringInput
	// Grants returns extra statements of the bucket policy ([]iamdoc.Statement), given the bucket's ARN: a
	// log delivery grant, say. Optional.
	Grants func(bucketArn pulumi.StringOutput) pulumi.AnyOutput
	// ForceDestroy lets a destroy delete a bucket that still holds objects. Dev only.
	ForceDestroy bool
	// ExpireAfterDays deletes objects that old, for buckets of logs: overwritten or deleted versions go a
	// week later, unfinished uploads after a day. 0 keeps objects (the caller declares its own lifecycle).
	ExpireAfterDays int
}

// noncurrentLogDays is how long an overwritten or deleted log object can still be recovered.
const noncurrentLogDays = 7

// New declares the bucket and its controls. opts apply to the bucket itself (protect, say); its side
// resources share only the parent and provider, so a protected bucket can still be reconfigured.
func New(ctx *pulumi.Context, name string, args Args, parent pulumi.ResourceOption, opts ...pulumi.ResourceOption) (*s3.BucketV2, error) {
	bucket, err := s3.NewBucketV2(ctx, name, &s3.BucketV2Args{
		ForceDestroy: pulumi.Bool(args.ForceDestroy),
	}, append([]pulumi.ResourceOption{parent}, opts...)...)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketVersioningV2(ctx, name, &s3.BucketVersioningV2Args{
		Bucket:                  bucket.ID(),
		VersioningConfiguration: s3.BucketVersioningV2VersioningConfigurationArgs{Status: pulumi.String("Enabled")},
	}, parent); err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name, encryptionArgs(bucket.ID(), args.KMSKeyARN), parent); err != nil {
		return nil, err
	}
	block, err := s3.NewBucketPublicAccessBlock(ctx, name, &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, name, &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, parent); err != nil {
		return nil, err
	}
	grants := pulumi.Any([]iamdoc.Statement(nil))
	if args.Grants != nil {
		grants = args.Grants(bucket.Arn)
	}
	policy := pulumi.All(bucket.Arn, grants).ApplyT(func(v []any) (string, error) {
		extra, _ := v[1].([]iamdoc.Statement)
		return policyDocument(v[0].(string), extra)
	}).(pulumi.StringOutput)
	// After the public access block, so a grant can never be evaluated against an unblocked bucket.
	if _, err := s3.NewBucketPolicy(ctx, name, &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: policy,
	}, parent, pulumi.DependsOn([]pulumi.Resource{block})); err != nil {
		return nil, err
	}
	if args.ExpireAfterDays > 0 {
		if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name, expiryArgs(bucket.ID(), args.ExpireAfterDays), parent); err != nil {
			return nil, err
		}
	}
	return bucket, nil
}

// encryptionArgs encrypt with the KMS key when one is given (with an S3 Bucket Key, so KMS is called once per
// bucket key, not per object), else with S3-managed keys.
func encryptionArgs(bucket pulumi.IDOutput, kmsKeyArn pulumi.StringInput) *s3.BucketServerSideEncryptionConfigurationV2Args {
	encryption := s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
		SseAlgorithm: pulumi.String("AES256"),
	}
	if kmsKeyArn != nil {
		encryption = s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
			SseAlgorithm:   pulumi.String("aws:kms"),
			KmsMasterKeyId: kmsKeyArn,
		}
	}
	return &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket,
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
			s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: encryption,
				BucketKeyEnabled:                   pulumi.Bool(kmsKeyArn != nil),
			},
		},
	}
}

// policyDocument is the bucket policy: TLS only, then the caller's grants.
func policyDocument(arn string, grants []iamdoc.Statement) (string, error) {
	statements := []iamdoc.Statement{{
		"Sid":       "DenyInsecureTransport",
		"Effect":    "Deny",
		"Principal": "*",
		"Action":    "s3:*",
		"Resource":  []string{arn, arn + "/*"},
		"Condition": map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	}}
	return iamdoc.JSON(append(statements, grants...)...)
}

// expiryArgs expire a log bucket's objects after days, their noncurrent versions soon after, and abandoned
// multipart uploads after a day.
func expiryArgs(bucket pulumi.IDOutput, days int) *s3.BucketLifecycleConfigurationV2Args {
	return &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket,
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{
			s3.BucketLifecycleConfigurationV2RuleArgs{
				Id:                             pulumi.String("expire-logs"),
				Status:                         pulumi.String("Enabled"),
				Filter:                         s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
				Expiration:                     s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(days)},
				NoncurrentVersionExpiration:    s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{NoncurrentDays: pulumi.Int(noncurrentLogDays)},
				AbortIncompleteMultipartUpload: s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{DaysAfterInitiation: pulumi.Int(1)},
			},
		},
	}
}
