package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/buckets"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// AccessLogsType is the type token of the load balancer's access-log component, a child of the cluster.
const AccessLogsType = "hybridcloud:compute:AccessLogs"

// accessLogs is the load balancer's access-log bucket with every side resource, grouped in a component so
// the load balancer can depend on all of it: ELB writes a test object when logging is turned on and fails
// if the bucket policy is not there yet.
type accessLogs struct {
	pulumi.ResourceState

	// Bucket is the bucket's name.
	Bucket pulumi.StringOutput
}

// accessLogsArgs are what the access-log bucket takes from its cluster (a value: the component is only
// declared by the cluster, which always has them).
type accessLogsArgs struct {
	// RetentionDays expires the logs. Protect keeps the bucket through a destroy (else it is force-deleted).
	RetentionDays int
	Protect       bool
	// AccountID is the account whose prefix the ELB log-delivery account may write to.
	AccountID pulumi.StringInput
}

// newAccessLogs declares the bucket with the platform's bucket controls (SSE-S3, as ELB cannot write to a
// KMS-encrypted bucket), a grant to the region's ELB log-delivery account for this account's prefix only,
// and an expiry after the configured retention.
func newAccessLogs(ctx *pulumi.Context, name string, args accessLogsArgs, opts ...pulumi.ResourceOption) (*accessLogs, error) {
	l := &accessLogs{}
	if err := ctx.RegisterComponentResource(AccessLogsType, name, l, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(l)

	elbAccount := elb.GetServiceAccountOutput(ctx, elb.GetServiceAccountOutputArgs{}, parent).Arn()
	grants := func(bucketARN pulumi.StringOutput) pulumi.AnyOutput {
		return pulumi.All(bucketARN, elbAccount, args.AccountID).ApplyT(func(v []any) []iamdoc.Statement {
			return []iamdoc.Statement{elbDelivers(v[0].(string), v[1].(string), v[2].(string))}
		}).(pulumi.AnyOutput)
	}
	bucket, err := buckets.New(ctx, name, buckets.Args{Grants: grants, ForceDestroy: !args.Protect,
		ExpireAfterDays: args.RetentionDays}, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	l.Bucket = bucket.Bucket
	if err := ctx.RegisterResourceOutputs(l, pulumi.Map{"bucket": l.Bucket}); err != nil {
		return nil, err
	}
	return l, nil
}

// elbDelivers lets the ELB log-delivery account put objects under the load balancer's prefix for this
// account only.
func elbDelivers(bucketARN, elbAccountARN, accountID string) iamdoc.Statement {
	return iamdoc.Statement{
		"Sid":       "ElbDeliversAccessLogs",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": elbAccountARN},
		"Action":    "s3:PutObject",
		"Resource":  bucketARN + "/" + accessLogPrefix + "/AWSLogs/" + accountID + "/*",
	}
}
