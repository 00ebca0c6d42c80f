package network

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/network/layout"
)

// Type is the type token of the VPC component.
const Type = "hybridcloud:network:Vpc"

// VPCArgs configures a VPC: its own settings, and the wiring from the rest of the stack.
type VPCArgs struct {
	// Settings are the VPC's own settings. Required.
	Settings VPCSettings
	// OnPremisesCIDRs may reach the interface endpoints on 443, beside the VPC itself. Optional.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyARN encrypts the flow-log group (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// AccountID, Partition and Region place the endpoint services, ARNs and the flow-log role's trust.
	// Required.
	AccountID         pulumi.StringInput
	Partition, Region string
}

// VPC is the network component.
type VPC struct {
	pulumi.ResourceState

	// VPCID is the VPC's id.
	VPCID pulumi.IDOutput
	// CIDR is the VPC's IPv4 range.
	CIDR pulumi.StringOutput
	// AvailabilityZones are the AZs, in configured order; subnet and route table lists follow it.
	AvailabilityZones []string
	// PublicSubnetIDs, AppSubnetIDs and DataSubnetIDs are one subnet per AZ, per tier.
	PublicSubnetIDs pulumi.StringArray
	AppSubnetIDs    pulumi.StringArray
	DataSubnetIDs   pulumi.StringArray
	// AppRouteTableIDs and DataRouteTableIDs are one route table per AZ; hybrid connectivity adds its
	// on-premises routes to them.
	AppRouteTableIDs  pulumi.StringArray
	DataRouteTableIDs pulumi.StringArray
	// PublicRouteTableID is the one route table of the public subnets, the only one with an internet route.
	PublicRouteTableID pulumi.IDOutput
	// NATPublicIPs are the NAT gateways' Elastic IPs, in NATStrategy.GatewayAZs order: the addresses the
	// VPC's internet traffic comes from, which partners allow-list.
	NATPublicIPs pulumi.StringArray
	// EndpointSecurityGroupID guards the interface endpoints.
	EndpointSecurityGroupID pulumi.IDOutput
	// S3PrefixListID is the S3 gateway endpoint's prefix list, the destination of security-group rules
	// that let hosts reach S3 (ECR image layers among it) without a route to the internet.
	S3PrefixListID pulumi.StringOutput
	// EndpointDNSNames maps each interface endpoint's service short name to its regional DNS name.
	// StorageGatewayClientSecurityGroupID is the group an EC2 File Gateway joins to reach the Storage
	// Gateway endpoint's control ports (1026-1028, 1031, 2222). Set only with that endpoint.
	StorageGatewayClientSecurityGroupID pulumi.IDOutput
	// EndpointDNSNames maps each interface endpoint's service short name to its regional DNS name (S3's
	// without its leading "*.").
	EndpointDNSNames map[string]pulumi.StringOutput
}

func (a *VPCArgs) validate() error {
	var errs []error
	s := a.Settings
	if !s.CIDR.IsValid() {
		errs = append(errs, errors.New("a CIDR is required"))
	}
	if n := len(s.AvailabilityZones); n < layout.MinAZs || n > layout.AZSlots {
		errs = append(errs, fmt.Errorf("%d availability zones: need %d to %d", n, layout.MinAZs, layout.AZSlots))
	}
	if err := s.NATStrategy.Check(); err != nil {
		errs = append(errs, err)
	}
	if s.FlowLogRetentionDays <= 0 {
		errs = append(errs, errors.New("the flow log retention must be positive"))
	}
	if a.Region == "" || a.Partition == "" || a.AccountID == nil || a.LogsKeyARN == nil {
		errs = append(errs, errors.New("region, partition, account id and the logs key are required"))
	}
	return errors.Join(errs...)
}

// NewVPC declares the VPC and everything in it.
func NewVPC(ctx *pulumi.Context, name string, args *VPCArgs, opts ...pulumi.ResourceOption) (*VPC, error) {
	if args == nil {
		return nil, fmt.Errorf("network: vpc %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("network: vpc %s: %w", name, err)
	}
	s := args.Settings
	subnets, err := layout.Plan(s.CIDR, s.AvailabilityZones, s.SubnetPrefixLengths)
	if err != nil {
		return nil, fmt.Errorf("network: vpc %s: %w", name, err)
	}
	v := &VPC{AvailabilityZones: s.AvailabilityZones}
	if err := ctx.RegisterComponentResource(Type, name, v, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(v)

	vpc, err := ec2.NewVpc(ctx, name, &ec2.VpcArgs{
		CidrBlock:          pulumi.String(s.CIDR.String()),
		EnableDnsSupport:   pulumi.Bool(true), // both needed for private DNS of interface endpoints and Resolver
		EnableDnsHostnames: pulumi.Bool(true),
		Tags:               pulumi.StringMap{"Name": pulumi.String(name)},
	}, parent)
	if err != nil {
		return nil, err
	}
	v.VPCID = vpc.ID()
	v.CIDR = vpc.CidrBlock

	// Taking over the default security group with no rules closes the allow-all-within-group default
	// that anything launched without an explicit group would get (FSBP EC2.2).
	if _, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default-sg", &ec2.DefaultSecurityGroupArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-default-do-not-use")},
	}, parent); err != nil {
		return nil, err
	}

	if err := v.declareSubnets(ctx, name, vpc, subnets, parent); err != nil {
		return nil, err
	}
	igw, err := v.declarePublicRouting(ctx, name, vpc, parent)
	if err != nil {
		return nil, err
	}
	nats, err := v.declareNATGateways(ctx, name, s.NATStrategy, igw, parent)
	if err != nil {
		return nil, err
	}
	if err := v.declarePrivateRouting(ctx, name, vpc, s, nats, parent); err != nil {
		return nil, err
	}
	if err := v.declareEndpoints(ctx, name, vpc, args, parent); err != nil {
		return nil, err
	}
	if err := declareFlowLogs(ctx, name, vpc, args, parent); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(v, pulumi.Map{
		"vpcId":                   v.VPCID,
		"cidr":                    v.CIDR,
		"availabilityZones":       pulumi.ToStringArray(v.AvailabilityZones),
		"publicSubnetIds":         v.PublicSubnetIDs,
		"appSubnetIds":            v.AppSubnetIDs,
		"dataSubnetIds":           v.DataSubnetIDs,
		"appRouteTableIds":        v.AppRouteTableIDs,
		"dataRouteTableIds":       v.DataRouteTableIDs,
		"publicRouteTableId":      v.PublicRouteTableID,
		"natPublicIps":            v.NATPublicIPs,
		"endpointSecurityGroupId": v.EndpointSecurityGroupID,
		"s3PrefixListId":          v.S3PrefixListID,
		"endpointDnsNames":        pulumi.ToStringMapOutput(v.EndpointDNSNames),
	}); err != nil {
		return nil, err
	}
	return v, nil
}
