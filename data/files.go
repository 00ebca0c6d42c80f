package data

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/buckets"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// FilesType is the type token of the Files component.
const FilesType = "hybridcloud:data:Files"

// abortIncompleteUploadDays cleans up multipart uploads a client never finished; they are billed but invisible.
const abortIncompleteUploadDays = 7

// FilesArgs configures Files: its own settings, and the wiring from the rest of the stack.
type FilesArgs struct {
	// Settings are the file bucket's own settings. Required.
	Settings FilesSettings
	// AccountID is the AWS account, so only its buckets may deliver access logs. Required.
	AccountID pulumi.StringInput
	// Partition and Region place the key policy's ARNs and services. Required.
	Partition, Region string
	// KeyAdmins administer the bucket's key (the foundation's); its break-glass role alone may destroy old
	// versions of objects. Required.
	KeyAdmins keys.Admins
	// KeyReaders and KeyWriters are the logical names of the roles that read, or read and write, the
	// bucket's objects (task roles, the File Gateway's, the backup role): declared after the key, they are
	// matched by name (keys.RolePattern), and use the key only through S3 for this bucket. Optional.
	KeyReaders, KeyWriters []string
	// ArchivePrefixes are the prefixes the archive tiers may take objects from (the shares that opt in,
	// Share.Archive). Optional: none, no archive tier anywhere, whatever the settings' days say.
	ArchivePrefixes []string
}

// Files is the bucket where on-premises applications' files land, and the bucket of its access logs.
type Files struct {
	pulumi.ResourceState

	// BucketName and BucketARN identify the file bucket.
	BucketName pulumi.StringOutput
	BucketARN  pulumi.StringOutput
	// KMSKeyARN encrypts the bucket's objects; readers need kms:Decrypt on it.
	KMSKeyARN pulumi.StringOutput
	// LogBucketName receives the server access logs.
	LogBucketName pulumi.StringOutput
}

func (a *FilesArgs) validate() error {
	if s := a.Settings; s.NoncurrentVersionDays <= 0 || s.AccessLogDays <= 0 || a.AccountID == nil || a.Partition == "" || a.Region == "" || !a.KeyAdmins.Valid() {
		return errors.New("noncurrent version days, access log days, account, partition, region and key administrators are required")
	}
	return nil
}

// NewFiles declares the file bucket: SSE-KMS with its own key, versioned, private, TLS only, tiered, logged,
// and announcing new objects on EventBridge so cloud applications learn of files from on premises.
func NewFiles(ctx *pulumi.Context, name string, args *FilesArgs, opts ...pulumi.ResourceOption) (*Files, error) {
	if args == nil {
		return nil, fmt.Errorf("data: files %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: files %s: %w", name, err)
	}
	s := args.Settings
	f := &Files{}
	if err := ctx.RegisterComponentResource(FilesType, name, f, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(f)
	protect := pulumi.Protect(s.Protect)

	policy := args.KeyAdmins.Render(args.AccountID, func(admins keys.Administration, account string, _ []any) (string, error) {
		return FilesKeyPolicy(admins, args.Partition, args.Region, account, name, args.KeyReaders, args.KeyWriters)
	})
	key, err := keys.New(ctx, name, "Encrypts the "+name+" file bucket", policy, parent, protect)
	if err != nil {
		return nil, err
	}
	bucket, err := buckets.New(ctx, name, buckets.Args{KMSKeyARN: key.Arn, ForceDestroy: !s.Protect,
		Grants: versionGuard(args.KeyAdmins.BreakGlass)}, parent, protect)
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
	if err := lifecycle(ctx, name, bucket, s, args.ArchivePrefixes, parent); err != nil {
		return nil, err
	}

	f.BucketName = bucket.Bucket
	f.BucketARN = bucket.Arn
	f.KMSKeyARN = key.Arn
	f.LogBucketName = logs.Bucket
	if err := ctx.RegisterResourceOutputs(f, pulumi.Map{
		"bucketName":    f.BucketName,
		"bucketArn":     f.BucketARN,
		"kmsKeyArn":     f.KMSKeyARN,
		"logBucketName": f.LogBucketName,
	}); err != nil {
		return nil, err
	}
	return f, nil
}

// FilesKeyPolicy is the policy of the file bucket's key: the administrators manage it and let S3 create
// its grants; readers decrypt and writers also encrypt, each only through S3 and only for this stack's
// file bucket (the aws:s3:arn encryption context is the bucket's ARN with S3 Bucket Keys, an object's
// without: Amazon S3 user guide, "Encryption context"). The bucket's name is Pulumi's autoname of name.
func FilesKeyPolicy(admins keys.Administration, partition, region, account, name string, readers, writers []string) (string, error) {
	via := []string{"s3." + region + ".amazonaws.com"}
	thisBucket := map[string]any{"ArnLike": map[string]any{"kms:EncryptionContext:aws:s3:arn": fmt.Sprintf("arn:%s:s3:::%s-*", partition, name)}}
	var users []keys.User
	for _, u := range []struct {
		sid     string
		roles   []string
		actions []string
	}{{"ReadersDecryptThroughS3", readers, []string{"kms:Decrypt"}}, {"WritersUseThroughS3", writers, []string{"kms:Decrypt", "kms:GenerateDataKey"}}} {
		if len(u.roles) == 0 {
			continue
		}
		users = append(users, keys.User{Sid: u.sid, PrincipalPatterns: keys.RolePatterns(partition, account, u.roles), Actions: u.actions, ViaServices: via, Conditions: thisBucket})
	}
	return keys.Policy{Account: account, Administrators: admins.Roles, BreakGlass: admins.BreakGlass, Users: users}.JSON()
}

// versionGuard keeps old versions of files, the undo of every overwrite and delete, from anyone but the
// break-glass role: no role of the stack may delete them (iam-no-object-version-delete) and this denies the
// account's other principals too; the lifecycle rule, which S3 runs itself, still expires them (the
// deployer keeps managing versioning and the lifecycle, which the stack declares). Without a
// break-glass role (dev) there is no guard, so a dev stack can be destroyed.
func versionGuard(breakGlass string) func(pulumi.StringOutput) pulumi.AnyOutput {
	if breakGlass == "" {
		return nil
	}
	return func(bucketArn pulumi.StringOutput) pulumi.AnyOutput {
		return bucketArn.ApplyT(func(arn string) []iamdoc.Statement {
			return []iamdoc.Statement{{
				"Sid":       "OnlyBreakGlassDeletesOldVersions",
				"Effect":    "Deny",
				"Principal": "*",
				"Action":    "s3:DeleteObjectVersion",
				"Resource":  []string{arn, arn + "/*"},
				"Condition": map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": breakGlass}},
			}}
		}).(pulumi.AnyOutput)
	}
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
	logs, err := buckets.New(ctx, name+"-access-logs", buckets.Args{Grants: grants, ForceDestroy: !args.Settings.Protect,
		ExpireAfterDays: args.Settings.AccessLogDays}, parent, pulumi.Protect(args.Settings.Protect))
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
func lifecycle(ctx *pulumi.Context, name string, bucket *s3.BucketV2, s FilesSettings, archivePrefixes []string, parent pulumi.ResourceOption) error {
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
				NoncurrentVersionExpiration:    s3.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs{NoncurrentDays: pulumi.Int(s.NoncurrentVersionDays)},
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
	}{{"ARCHIVE_ACCESS", s.ArchiveAccessDays}, {"DEEP_ARCHIVE_ACCESS", s.DeepArchiveAccessDays}} {
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
	// One configuration per opted-in prefix: S3 filters them by prefix, and a share reading archived
	// objects fails until they are restored
	// (https://docs.aws.amazon.com/filegateway/latest/files3/storage-classes.html).
	for _, prefix := range archivePrefixes {
		id := strings.ReplaceAll(strings.TrimSuffix(prefix, "/"), "/", "-")
		if _, err := s3.NewBucketIntelligentTieringConfiguration(ctx, name+"-archive-"+id, &s3.BucketIntelligentTieringConfigurationArgs{
			Bucket:   bucket.Bucket,
			Name:     pulumi.String("archive-" + id),
			Status:   pulumi.String("Enabled"),
			Filter:   s3.BucketIntelligentTieringConfigurationFilterArgs{Prefix: pulumi.String(prefix)},
			Tierings: tierings,
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
