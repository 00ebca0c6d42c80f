package dbinstance

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// LogGroupsArgs configure the groups RDS exports an instance's logs to.
type LogGroupsArgs struct {
	// Identifier is the instance's RDS identifier, which names the groups: that is why they can be declared
	// before the instance. Required.
	Identifier string
	// RetentionDays is how long the groups keep events. Required.
	RetentionDays int
	// KMSKeyARN encrypts the groups: the region's logs key. Required.
	KMSKeyARN pulumi.StringInput
	// Retain keeps the groups, and the logs in them, when the stack is destroyed: set it with protect.
	Retain bool
}

// NewLogGroups declares name-<export> for each of LogExports and returns them, for the instance to depend
// on. RDS would create them itself, unencrypted and kept forever: declared first, they are encrypted with
// the logs key and expire.
func NewLogGroups(ctx *pulumi.Context, name string, args LogGroupsArgs, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	// A copy, so the caller's options never gain the retain option.
	opts = append(append([]pulumi.ResourceOption{}, opts...), pulumi.RetainOnDelete(args.Retain))
	var groups []pulumi.Resource
	for _, export := range LogExports {
		group, err := cloudwatch.NewLogGroup(ctx, name+"-"+export, &cloudwatch.LogGroupArgs{
			Name:            pulumi.Sprintf("/aws/rds/instance/%s/%s", args.Identifier, export),
			RetentionInDays: pulumi.Int(args.RetentionDays),
			KmsKeyId:        args.KMSKeyARN,
		}, opts...)
		if err != nil {
			return nil, err
		}
		groups = append(groups, group)
	}
	return groups, nil
}
