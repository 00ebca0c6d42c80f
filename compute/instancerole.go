package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// declareContainerInstanceRole declares the role of ECS container instances, in EC2 (assumed by
// ec2.amazonaws.com) or on premises (by ssm.amazonaws.com for ECS Anywhere): the ECS agent's permissions
// and Systems Manager's managed-instance core, nothing more.
func declareContainerInstanceRole(ctx *pulumi.Context, name, description, service string, args *ClusterArgs, parent pulumi.ResourceOption) (*iam.Role, error) {
	return iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String(description),
		AssumeRolePolicy: iamdoc.AssumeRole(service, args.AccountID),
		ManagedPolicyArns: pulumi.StringArray{
			pulumi.Sprintf("arn:%s:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role", args.Partition),
			pulumi.Sprintf("arn:%s:iam::aws:policy/AmazonSSMManagedInstanceCore", args.Partition),
		},
	}, parent)
}
