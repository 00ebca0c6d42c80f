package dr

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/ecrtemplate"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// ReplicationType is the type token of the Replication component.
const ReplicationType = "hybridcloud:dr:Replication"

// Replication constants.
const (
	// RuleID names the file bucket's replication rule; the S3 replication metrics carry it as a dimension.
	RuleID = "dr"
	// rtcMinutes is Replication Time Control's only threshold (S3 user guide, "Meeting compliance
	// requirements with S3 Replication Time Control").
	rtcMinutes = 15
	// replicationAlarmPeriodSeconds: S3 publishes replication metrics every minute; five of them smooth a
	// single large object.
	replicationAlarmPeriodSeconds = 300
	replicationAlarmPeriods       = 3
	// keepReplicatedImages bounds every repository ECR replication creates in the DR region, as the
	// primary's lifecycle policies do.
	keepReplicatedImages = 50
)

// ReplicationArgs configure the replication of the file bucket and the container registry into the DR
// region. Declare it with the primary region's provider; DRProvider carries the DR-region parts.
type ReplicationArgs struct {
	// Settings are the file replication's settings. Required.
	Settings FilesSettings
	// SourceBucketName, SourceBucketARN and SourceKeyARN are the primary file bucket and its key. Required.
	SourceBucketName, SourceBucketARN, SourceKeyARN pulumi.StringInput
	// DestinationBucketName, DestinationBucketARN and DestinationKeyARN are the DR bucket (versioned, KMS
	// with a key of the DR region) and its key. Required.
	DestinationBucketName, DestinationBucketARN, DestinationKeyARN pulumi.StringInput
	// Buckets are the components holding the two buckets: the rule waits for them, since S3 refuses a
	// replication rule until versioning is on at both ends. Required.
	Buckets []pulumi.Resource
	// Region and DRRegion are the two regions, for the replication role's KMS conditions. Required.
	Region, DRRegion string
	// DRProvider is the DR region's provider: ECR's repository creation template goes there. Required.
	DRProvider *aws.Provider
	// AlarmTopicARN is the primary region's operations topic: S3 publishes replication metrics in the
	// source bucket's region. Required.
	AlarmTopicARN pulumi.StringInput
	// AccountID is the registry replicated to (this account's, in DRRegion) and the roles' trust. Required.
	AccountID pulumi.StringInput
	// Partition places the DR repositories' ARNs. Required.
	Partition string
	// RepositoryKeyARN encrypts the repositories ECR replication creates in DRRegion: the DR cluster's key,
	// whose policy names TemplateRole. Required.
	RepositoryKeyARN pulumi.StringInput
}

// TemplateRole is the logical name of the role ECR creates the DR repositories with (replication name
// + "-template"), for the key policy of RepositoryKeyARN.
func TemplateRole(replication string) string { return replication + "-template" }

// Replication is the file bucket's cross-region replication rule and the registry's replication.
type Replication struct {
	pulumi.ResourceState

	// RoleARN is the role S3 replicates with.
	RoleARN pulumi.StringOutput
}

func (a *ReplicationArgs) validate() error {
	if a.SourceBucketName == nil || a.SourceBucketARN == nil || a.SourceKeyARN == nil || a.DestinationBucketName == nil ||
		a.DestinationBucketARN == nil || a.DestinationKeyARN == nil || len(a.Buckets) == 0 || a.Region == "" || a.DRRegion == "" ||
		a.DRProvider == nil || a.AlarmTopicARN == nil || a.AccountID == nil || a.Partition == "" || a.RepositoryKeyARN == nil {
		return errors.New("both buckets and keys, the bucket components, both regions, the DR provider, the alarm topic, the account, the partition and the repository key are required")
	}
	if a.Settings.LatencyAlarmMinutes < 1 {
		return errors.New("a replication latency alarm threshold is required")
	}
	return nil
}

// NewReplication declares the replication role, the bucket's replication rule (every object, delete markers
// too, re-encrypted with the DR key, metrics on, Replication Time Control when set), alarms on its latency
// and failures, ECR registry replication to the DR region and the template the DR repositories are created
// from.
func NewReplication(ctx *pulumi.Context, name string, args *ReplicationArgs, opts ...pulumi.ResourceOption) (*Replication, error) {
	if args == nil {
		return nil, fmt.Errorf("dr: replication %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("dr: replication %s: %w", name, err)
	}
	r := &Replication{}
	if err := ctx.RegisterComponentResource(ReplicationType, name, r, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(r)

	role, err := iam.NewRole(ctx, name+"-files", &iam.RoleArgs{
		Description: pulumi.String("S3 replication of the file bucket to " + args.DRRegion),
		// S3 sends no source keys for live replication (iamdoc): the trust names the service alone.
		AssumeRolePolicy: iamdoc.AssumeRole("s3.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return nil, err
	}
	policy, err := iam.NewRolePolicy(ctx, name+"-files", &iam.RolePolicyArgs{Role: role.ID(), Policy: rolePolicy(args)}, parent)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketReplicationConfig(ctx, name+"-files", &s3.BucketReplicationConfigArgs{
		Bucket: args.SourceBucketName,
		Role:   role.Arn,
		Rules:  s3.BucketReplicationConfigRuleArray{rule(args)},
	}, parent, pulumi.DependsOn(append([]pulumi.Resource{policy}, args.Buckets...))); err != nil {
		return nil, err
	}
	if err := replicationAlarms(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := registry(ctx, name, args, parent); err != nil {
		return nil, err
	}

	r.RoleARN = role.Arn
	if err := ctx.RegisterResourceOutputs(r, pulumi.Map{"roleArn": r.RoleARN}); err != nil {
		return nil, err
	}
	return r, nil
}

// rule is the replication rule: the whole bucket, KMS-encrypted objects included (they are all), delete
// markers replicated so a deletion on premises is a deletion in DR too (versions stay recoverable there),
// the replicas encrypted with the DR key, metrics on so latency can be alarmed.
func rule(args *ReplicationArgs) s3.BucketReplicationConfigRuleArgs {
	dest := s3.BucketReplicationConfigRuleDestinationArgs{
		Bucket:                  args.DestinationBucketARN,
		StorageClass:            pulumi.String("STANDARD"),
		EncryptionConfiguration: s3.BucketReplicationConfigRuleDestinationEncryptionConfigurationArgs{ReplicaKmsKeyId: args.DestinationKeyARN},
		Metrics: s3.BucketReplicationConfigRuleDestinationMetricsArgs{
			Status:         pulumi.String("Enabled"),
			EventThreshold: s3.BucketReplicationConfigRuleDestinationMetricsEventThresholdArgs{Minutes: pulumi.Int(rtcMinutes)},
		},
	}
	if args.Settings.TimeControl {
		dest.ReplicationTime = s3.BucketReplicationConfigRuleDestinationReplicationTimeArgs{
			Status: pulumi.String("Enabled"),
			Time:   s3.BucketReplicationConfigRuleDestinationReplicationTimeTimeArgs{Minutes: pulumi.Int(rtcMinutes)},
		}
	}
	return s3.BucketReplicationConfigRuleArgs{
		Id:                      pulumi.String(RuleID),
		Status:                  pulumi.String("Enabled"),
		Priority:                pulumi.Int(1),
		Filter:                  s3.BucketReplicationConfigRuleFilterArgs{},
		DeleteMarkerReplication: s3.BucketReplicationConfigRuleDeleteMarkerReplicationArgs{Status: pulumi.String("Enabled")},
		SourceSelectionCriteria: s3.BucketReplicationConfigRuleSourceSelectionCriteriaArgs{
			SseKmsEncryptedObjects: s3.BucketReplicationConfigRuleSourceSelectionCriteriaSseKmsEncryptedObjectsArgs{Status: pulumi.String("Enabled")},
		},
		Destination: dest,
	}
}

// rolePolicy is what S3 needs to replicate KMS-encrypted objects (S3 user guide, "Replicating objects
// created with server-side encryption (SSE-KMS)"): read versions of the source, write replicas to the
// destination, decrypt with the source key through S3 in the primary region, encrypt with the DR key
// through S3 in the DR region, each for its bucket's objects only.
func rolePolicy(args *ReplicationArgs) pulumi.StringOutput {
	return pulumi.All(args.SourceBucketARN, args.DestinationBucketARN, args.SourceKeyARN, args.DestinationKeyARN).ApplyT(func(v []any) (string, error) {
		src, dst, srcKey, dstKey := v[0].(string), v[1].(string), v[2].(string), v[3].(string)
		viaS3 := func(region, bucket string) map[string]any {
			return map[string]any{
				"StringEquals": map[string]any{"kms:ViaService": "s3." + region + ".amazonaws.com"},
				"StringLike":   map[string]any{"kms:EncryptionContext:aws:s3:arn": bucket + "/*"},
			}
		}
		return iamdoc.JSON(
			iamdoc.Statement{"Sid": "ReadReplicationConfiguration", "Effect": "Allow",
				"Action": []string{"s3:GetReplicationConfiguration", "s3:ListBucket"}, "Resource": src},
			iamdoc.Statement{"Sid": "ReadSourceVersions", "Effect": "Allow",
				"Action":   []string{"s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"},
				"Resource": src + "/*"},
			iamdoc.Statement{"Sid": "WriteReplicas", "Effect": "Allow",
				"Action": []string{"s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"}, "Resource": dst + "/*"},
			iamdoc.Statement{"Sid": "DecryptSource", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": srcKey,
				"Condition": viaS3(args.Region, src)},
			iamdoc.Statement{"Sid": "EncryptReplicas", "Effect": "Allow", "Action": []string{"kms:Encrypt", "kms:GenerateDataKey"},
				"Resource": dstKey, "Condition": viaS3(args.DRRegion, dst)},
		)
	}).(pulumi.StringOutput)
}

// replicationAlarms notify the operations topic when replication falls behind the files' RPO, and when
// objects fail to replicate (a key or permission problem that no wait cures).
func replicationAlarms(ctx *pulumi.Context, name string, args *ReplicationArgs, parent pulumi.ResourceOption) error {
	dims := pulumi.StringMap{"SourceBucket": args.SourceBucketName, "DestinationBucket": args.DestinationBucketName, "RuleId": pulumi.String(RuleID)}
	minutes := args.Settings.LatencyAlarmMinutes
	for _, a := range []struct {
		suffix, metric, statistic, description string
		threshold                              float64
	}{
		{"latency", "ReplicationLatency", "Maximum", "File bucket replication to " + args.DRRegion + " is more than " + strconv.Itoa(minutes) +
			" minutes behind: the files' RPO is at risk. See docs/dr.md, What to watch.", float64(minutes * 60)},
		{"failures", "OperationsFailedReplication", "Sum", "Objects of the file bucket failed to replicate to " + args.DRRegion +
			" (the DR key or the replication role?). See docs/dr.md, What to watch.", 0},
	} {
		if _, err := cloudwatch.NewMetricAlarm(ctx, name+"-files-"+a.suffix, &cloudwatch.MetricAlarmArgs{
			Name:               pulumi.String(name + "-files-" + a.suffix),
			AlarmDescription:   pulumi.String(a.description),
			Namespace:          pulumi.String("AWS/S3"),
			MetricName:         pulumi.String(a.metric),
			Dimensions:         dims,
			Statistic:          pulumi.String(a.statistic),
			Period:             pulumi.Int(replicationAlarmPeriodSeconds),
			EvaluationPeriods:  pulumi.Int(replicationAlarmPeriods),
			DatapointsToAlarm:  pulumi.Int(replicationAlarmPeriods),
			ComparisonOperator: pulumi.String("GreaterThanThreshold"),
			Threshold:          pulumi.Float64(a.threshold),
			// No data means nothing was written: nothing to replicate.
			TreatMissingData: pulumi.String("notBreaching"),
			ActionsEnabled:   pulumi.Bool(true),
			AlarmActions:     pulumi.Array{args.AlarmTopicARN},
			OkActions:        pulumi.Array{args.AlarmTopicARN},
		}, parent); err != nil {
			return err
		}
	}
	return nil
}

// registry replicates every repository of this registry to the DR region (ECR user guide, "Private image
// replication"), and creates the DR copies from a template: immutable tags, encryption with the DR
// cluster's key (through a creation role, which a customer key needs), the newest images kept. ECR creates
// a replicated repository on its first push; it takes no part in the stack's state.
func registry(ctx *pulumi.Context, name string, args *ReplicationArgs, parent pulumi.ResourceOption) error {
	repositories := args.AccountID.ToStringOutput().ApplyT(func(account string) []string {
		return []string{ecrtemplate.RepositoryARN(args.Partition, args.DRRegion, account, "*")}
	}).(pulumi.StringArrayOutput)
	role, rolePolicy, err := ecrtemplate.NewRole(ctx, TemplateRole(name), ecrtemplate.RoleArgs{
		Description: "ECR creates the repositories it replicates to " + args.DRRegion,
		AccountID:   args.AccountID, RepositoryARNs: repositories, KeyARN: args.RepositoryKeyARN, KeyRegion: args.DRRegion,
		Replication: true,
	}, parent, pulumi.Provider(args.DRProvider)) // IAM is global: the DR provider keeps it with the template it serves
	if err != nil {
		return err
	}
	lifecycle := `{"rules":[{"rulePriority":1,"description":"Keep the newest ` + strconv.Itoa(keepReplicatedImages) +
		` images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":` + strconv.Itoa(keepReplicatedImages) +
		`},"action":{"type":"expire"}}]}`
	template, err := ecr.NewRepositoryCreationTemplate(ctx, name+"-template", &ecr.RepositoryCreationTemplateArgs{
		Prefix:             pulumi.String("ROOT"),
		Description:        pulumi.String("Repositories ECR replication creates in " + args.DRRegion),
		AppliedFors:        pulumi.ToStringArray([]string{"REPLICATION"}),
		ImageTagMutability: pulumi.String("IMMUTABLE"),
		CustomRoleArn:      role.Arn,
		EncryptionConfigurations: ecr.RepositoryCreationTemplateEncryptionConfigurationArray{
			ecr.RepositoryCreationTemplateEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: args.RepositoryKeyARN},
		},
		LifecyclePolicy: pulumi.String(lifecycle),
	}, parent, pulumi.Provider(args.DRProvider), pulumi.DependsOn([]pulumi.Resource{rolePolicy}))
	if err != nil {
		return err
	}
	// Replication creates a DR repository on the first push after it: the template must exist first, or
	// the repository gets ECR's defaults and keeps them.
	_, err = ecr.NewReplicationConfiguration(ctx, name+"-ecr", &ecr.ReplicationConfigurationArgs{
		ReplicationConfiguration: ecr.ReplicationConfigurationReplicationConfigurationArgs{
			Rules: ecr.ReplicationConfigurationReplicationConfigurationRuleArray{
				ecr.ReplicationConfigurationReplicationConfigurationRuleArgs{
					Destinations: ecr.ReplicationConfigurationReplicationConfigurationRuleDestinationArray{
						ecr.ReplicationConfigurationReplicationConfigurationRuleDestinationArgs{
							Region: pulumi.String(args.DRRegion), RegistryId: args.AccountID,
						},
					},
				},
			},
		},
	}, parent, pulumi.DependsOn([]pulumi.Resource{template}))
	return err
}
