package dbinstance

import (
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// SecurityGroupArgs say who may connect to an instance.
type SecurityGroupArgs struct {
	// VPCID is the VPC of the instance. Required.
	VPCID pulumi.StringInput
	// Port is the port the instance listens on. Required.
	Port int
	// Clients names the client security groups in the descriptions ("ECS", "DR ECS"). Required.
	Clients string
	// ClientSecurityGroupIDs may connect on Port: the ECS hosts and tasks. Optional.
	ClientSecurityGroupIDs []pulumi.StringInput
	// OnPremisesCIDRs may connect on Port: applications left in the data centre. Optional.
	OnPremisesCIDRs []netip.Prefix
}

// NewSecurityGroup declares the instance's group, called name: PostgreSQL from the clients and from on
// premises, and nothing else. There is no egress rule, since a database never opens connections.
func NewSecurityGroup(ctx *pulumi.Context, name string, args SecurityGroupArgs, opts ...pulumi.ResourceOption) (*ec2.SecurityGroup, error) {
	var ingress ec2.SecurityGroupIngressArray
	port := pulumi.Int(args.Port)
	if len(args.ClientSecurityGroupIDs) > 0 {
		groups := make(pulumi.StringArray, len(args.ClientSecurityGroupIDs))
		copy(groups, args.ClientSecurityGroupIDs)
		ingress = append(ingress, ec2.SecurityGroupIngressArgs{
			Description:    pulumi.String("PostgreSQL from the " + args.Clients + " hosts and tasks"),
			Protocol:       pulumi.String("tcp"),
			FromPort:       port,
			ToPort:         port,
			SecurityGroups: groups,
		})
	}
	if len(args.OnPremisesCIDRs) > 0 {
		ingress = append(ingress, ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("PostgreSQL from on premises"),
			Protocol:    pulumi.String("tcp"),
			FromPort:    port,
			ToPort:      port,
			CidrBlocks:  netrules.CIDRs(args.OnPremisesCIDRs),
		})
	}
	return ec2.NewSecurityGroup(ctx, name, &ec2.SecurityGroupArgs{
		VpcId:       args.VPCID,
		Description: pulumi.String("PostgreSQL " + name + ": " + args.Clients + " and on premises only"),
		Ingress:     ingress,
		Tags:        pulumi.StringMap{"Name": pulumi.String(name)},
	}, opts...)
}
