package dbinstance

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// MonitoringRoleArgs place Enhanced Monitoring's role: the account, partition and region of the instance
// and its identifier. All required.
type MonitoringRoleArgs struct {
	// AccountID is the account the instance is in.
	AccountID pulumi.StringInput
	// Partition and Region place the instance's ARN and the managed policy's.
	Partition, Region string
	// Identifier is the instance's RDS identifier.
	Identifier string
}

// NewMonitoringRole declares name-monitoring, Enhanced Monitoring's role: RDS's monitoring service with
// AWS's managed policy, in the instance's partition.
func NewMonitoringRole(ctx *pulumi.Context, name string, args MonitoringRoleArgs, opts ...pulumi.ResourceOption) (*iam.Role, error) {
	return iam.NewRole(ctx, name+"-monitoring", &iam.RoleArgs{
		Description: pulumi.String("Enhanced Monitoring of " + name),
		// Only this instance's monitoring may assume it (RDS user guide, "Setting up and enabling Enhanced
		// Monitoring": aws:SourceArn of the DB instance beside aws:SourceAccount).
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("monitoring.rds.amazonaws.com", args.AccountID,
			pulumi.Sprintf("arn:%s:rds:%s:%s:db:%s", args.Partition, args.Region, args.AccountID, args.Identifier)),
		ManagedPolicyArns: pulumi.StringArray{
			pulumi.String("arn:" + args.Partition + ":iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
		},
	}, opts...)
}
