package data

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/buckets"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// abortIncompleteUploadDays cleans up multipart uploads a client never finished; they are billed but invisible.
const abortIncompleteUploadDays = 7

// FilesArgs configures Files.
type FilesArgs struct {
	// ArchiveAccessDays and DeepArchiveAccessDays move objects nobody has read for that long to
	// Intelligent-Tiering's archive tiers; 0 leaves a tier off.
	ArchiveAccessDays, DeepArchiveAccessDays int
	// NoncurrentVersionDays is how long an overwritten or deleted version is kept. Required.
	NoncurrentVersionDays int
	// AccessLogDays is how long server access logs are kept. Required.
	AccessLogDays int
	// Protect keeps the bucket and its key through a destroy and never empties the bucket.
	Protect bool
	// AccountID is the AWS account, so only its buckets may deliver access logs. Required.
	AccountID pulumi.StringInput
}

// Files is the bucket where on-premises applications' files land, and the bucket of its access logs.
type Files struct {
	pulumi.ResourceState

	// BucketName and BucketArn identify the file bucket.
	BucketName pulumi.StringOutput
	BucketArn  pulumi.StringOutput
	// KmsKeyArn encrypts the bucket's objects; readers need kms:Decrypt on it.
	KmsKeyArn pulumi.StringOutput
	// LogBucketName receives the server access logs.
	LogBucketName pulumi.StringOutput
}

func (a *FilesArgs) validate() error {
	if a.NoncurrentVersionDays <= 0 || a.AccessLogDays <= 0 || a.AccountID == nil {
		return errors.New("noncurrent version days, access log days and account are required")
	}
	return nil
}

// NewFiles declares the file bucket: SSE-KMS with its own key, versioned, private, TLS only, tiered, logged,
// and announcing new objects on EventBridge so cloud applications learn of files from on premises.
func NewFiles(ctx *pulumi.Context, name string, args *FilesArgs, opts ...pulumi.ResourceOption) (*Files, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: files %s: %w", name, err)
	}
	f := &Files{}
	if err := ctx.RegisterComponentResource("hybridcloud:data:Files", name, f, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(f)
	protect := pulumi.Protect(args.Protect)

	key, err := keys.New(ctx, name, "Encrypts the "+name+" file bucket", nil, parent, protect)
	if err != nil {
		return nil, err
	}
	bucket, err := buckets.New(ctx, name, buckets.Args{KmsKeyArn: key.Arn, ForceDestroy: !args.Protect}, parent, protect)
	if err != nil {
		return nil, err
	}
	logs, err := f.accessLogs(ctx, name, bucket, args, parent)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketNotification(ctx, name, &s3.BucketNotificationArgs{
		Bucket:      bucket.ID(),
		Eventbridge: pulumi.Bool(true),
	}, parent); err != nil {
		return nil, err
	}
	if err := lifecycle(ctx, name, bucket, args, parent); err != nil {
		return nil, err
	}

	f.BucketName = bucket.Bucket
	f.BucketArn = bucket.Arn
	f.KmsKeyArn = key.Arn
	f.LogBucketName = logs.Bucket
	return f, ctx.RegisterResourceOutputs(f, pulumi.Map{
		"bucketName":    f.BucketName,
		"bucketArn":     f.BucketArn,
		"kmsKeyArn":     f.KmsKeyArn,
		"logBucketName": f.LogBucketName,
	})
}

// accessLogs declares the log bucket (SSE-S3: S3 log delivery cannot use KMS) and sends the file bucket's
// server access logs to it. Only the file bucket, in this account, may deliver there.
func (f *Files) accessLogs(ctx *pulumi.Context, name string, source *s3.BucketV2, args *FilesArgs, parent pulumi.ResourceOption) (*s3.BucketV2, error) {
	grants := func(logBucketArn pulumi.StringOutput) pulumi.AnyOutput {
		return pulumi.All(logBucketArn, source.Arn, args.AccountID).ApplyT(func(v []any) []iamdoc.Statement {
			return []iamdoc.Statement{{
				"Sid":       "S3ServerAccessLogs",
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": "logging.s3.amazonaws.com"},
				"Action":    "s3:PutObject",
				"Resource":  v[0].(string) + "/*",
				"Condition": map[string]any{
					"StringEquals": map[string]any{"aws:SourceAccount": v[2]},
					"ArnLike":      map[string]any{"aws:SourceArn": v[1]},
				},
			}}
		}).(pulumi.AnyOutput)
	}
	// Access logs are audit records: protected like the data they describe.
	logs, err := buckets.New(ctx, name+"-access-logs", buckets.Args{Grants: grants, ForceDestroy: !args.Protect,
		ExpireAfterDays: args.AccessLogDays}, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketLoggingV2(ctx, name, &s3.BucketLoggingV2Args{
		Bucket:       source.ID(),
		TargetBucket: logs.ID(),
		TargetPrefix: pulumi.String("s3/"),
	}, parent); err != nil {
		return nil, err
	}
	return logs, nil
}

// lifecycle hands storage classes to Intelligent-Tiering from day 0 (it moves each object by its own access
// pattern, which no fixed rule can), opts into its archive tiers, and expires old versions.
func lifecycle(ctx *pulumi.Context, name string, bucket *s3.BucketV2, args *FilesArgs, parent pulumi.ResourceOption) error {
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name, &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{
			s3.BucketLifecycleConfigurationV2RuleArgs{
				Id:     pulumi.String("intelligent-tiering"),
				Status: pulumi.String("Enabled"),
				Filter: s3.BucketLifecycleConfigurationV2RuleFilterArgs{},
				Transitions: s3.BucketLifecycleConfigurationV2RuleTransitionArray{
					s3.BucketLifecycleConfigurationV2RuleTransitionArgs{Days: pulumi.Int(0), StorageClass: pulumi.String("INTELLIGENT_TIERING")},
				},
				NoncurrentVersionExpiration:    s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{NoncurrentDays: pulumi.Int(args.NoncurrentVersionDays)},
				AbortIncompleteMultipartUpload: s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{DaysAfterInitiation: pulumi.Int(abortIncompleteUploadDays)},
			},
		},
	}, parent); err != nil {
		return err
	}
	var tierings s3.BucketIntelligentTieringConfigurationTieringArray
	for _, tier := range []struct {
		access string
		days   int
	}{{"ARCHIVE_ACCESS", args.ArchiveAccessDays}, {"DEEP_ARCHIVE_ACCESS", args.DeepArchiveAccessDays}} {
		if tier.days > 0 {
			tierings = append(tierings, s3.BucketIntelligentTieringConfigurationTieringArgs{
				AccessTier: pulumi.String(tier.access),
				Days:       pulumi.Int(tier.days),
			})
		}
	}
	if len(tierings) == 0 {
		return nil
	}
	_, err := s3.NewBucketIntelligentTieringConfiguration(ctx, name+"-archive", &s3.BucketIntelligentTieringConfigurationArgs{
		Bucket:   bucket.Bucket,
		Name:     pulumi.String("archive"),
		Status:   pulumi.String("Enabled"),
		Tierings: tierings,
	}, parent)
	return err
}
