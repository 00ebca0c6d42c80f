package network

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// VpcArgs configures a Vpc.
type VpcArgs struct {
	// CIDR is the VPC's IPv4 range. Required.
	CIDR netip.Prefix
	// Subnets is the layout from PlanSubnets: one subnet per tier per AZ. Required.
	Subnets []SubnetPlan
	// NatStrategy is NatSingle or NatPerAz. Required; NatPerAz costs a gateway per AZ but survives an AZ
	// failure.
	NatStrategy NatStrategy
	// DataSubnetInternetAccess routes the data subnets' 0.0.0.0/0 through NAT too. Default false: a database
	// tier needs no internet, and without a route it cannot exfiltrate to it.
	DataSubnetInternetAccess bool
	// Region is the AWS region; it names the endpoint services. Required.
	Region string
	// Endpoints are the interface endpoint services by short name ("ecr.api", "logs"). Optional; the S3
	// gateway endpoint is always declared, since it is free and keeps image layers off NAT.
	Endpoints []string
	// EndpointAZCount places the interface endpoints in the first EndpointAZCount AZs only (0: every AZ).
	// Every endpoint is billed per AZ: dev saves by accepting that its endpoints fail with their AZ.
	EndpointAZCount int
	// OnPremisesCIDRs may reach the interface endpoints on 443, beside the VPC itself. Optional.
	OnPremisesCIDRs []netip.Prefix
	// FlowLogRetentionDays is how long flow logs are kept. Required: a CloudWatch Logs retention value.
	FlowLogRetentionDays int
	// AccountID is the AWS account, for the log key's policy. Required.
	AccountID pulumi.StringInput
	// Partition is the AWS partition ("aws"), for ARNs in policies. Required.
	Partition string
	// RetainLogs keeps the flow-log group and the stack's log key in AWS when the stack is destroyed
	// (retain on delete). Default false; prod sets it, since flow logs are audit records and every log group
	// of the stack is encrypted with that key.
	RetainLogs bool
}

// Vpc is the network component.
type Vpc struct {
	pulumi.ResourceState

	// VpcID is the VPC's id.
	VpcID pulumi.IDOutput
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
	// EndpointSecurityGroupID guards the interface endpoints.
	EndpointSecurityGroupID pulumi.IDOutput
	// EndpointDNSNames maps each interface endpoint's service short name to its regional DNS name.
	EndpointDNSNames map[string]pulumi.StringOutput
	// LogsKeyArn is the KMS key the stack's log groups are encrypted with.
	LogsKeyArn pulumi.StringOutput
}

func (a *VpcArgs) validate() error {
	var errs []error
	if !a.CIDR.IsValid() {
		errs = append(errs, errors.New("a CIDR is required"))
	}
	if len(a.Subnets) == 0 {
		errs = append(errs, errors.New("subnets are required (see PlanSubnets)"))
	}
	if _, err := ParseNatStrategy(string(a.NatStrategy)); err != nil {
		errs = append(errs, err)
	}
	if a.Region == "" || a.Partition == "" || a.AccountID == nil {
		errs = append(errs, errors.New("region, partition and account id are required"))
	}
	if a.FlowLogRetentionDays <= 0 {
		errs = append(errs, errors.New("the flow log retention must be positive"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("network: %w", err)
	}
	return nil
}

// NewVpc declares the VPC and everything in it.
func NewVpc(ctx *pulumi.Context, name string, args *VpcArgs, opts ...pulumi.ResourceOption) (*Vpc, error) {
	if args == nil {
		return nil, errors.New("network: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, err
	}
	v := &Vpc{AvailabilityZones: azsOf(args.Subnets)}
	if err := ctx.RegisterComponentResource("hybridcloud:network:Vpc", name, v, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(v)

	vpc, err := ec2.NewVpc(ctx, name, &ec2.VpcArgs{
		CidrBlock:          pulumi.String(args.CIDR.String()),
		EnableDnsSupport:   pulumi.Bool(true), // both needed for private DNS of interface endpoints and Resolver
		EnableDnsHostnames: pulumi.Bool(true),
		Tags:               pulumi.StringMap{"Name": pulumi.String(name)},
	}, parent)
	if err != nil {
		return nil, err
	}
	v.VpcID = vpc.ID()
	v.CIDR = vpc.CidrBlock

	// Taking over the default security group with no rules closes the allow-all-within-group default
	// that anything launched without an explicit group would get (FSBP EC2.2).
	if _, err := ec2.NewDefaultSecurityGroup(ctx, name+"-default-sg", &ec2.DefaultSecurityGroupArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-default-do-not-use")},
	}, parent); err != nil {
		return nil, err
	}

	if err := v.declareSubnetsAndRouting(ctx, name, vpc, args, parent); err != nil {
		return nil, err
	}
	if err := v.declareEndpoints(ctx, name, vpc, args, parent); err != nil {
		return nil, err
	}
	if err := v.declareFlowLogs(ctx, name, vpc, args, parent); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(v, pulumi.Map{
		"vpcId":                   v.VpcID,
		"cidr":                    v.CIDR,
		"availabilityZones":       pulumi.ToStringArray(v.AvailabilityZones),
		"publicSubnetIds":         v.PublicSubnetIDs,
		"appSubnetIds":            v.AppSubnetIDs,
		"dataSubnetIds":           v.DataSubnetIDs,
		"appRouteTableIds":        v.AppRouteTableIDs,
		"dataRouteTableIds":       v.DataRouteTableIDs,
		"publicRouteTableId":      v.PublicRouteTableID,
		"endpointSecurityGroupId": v.EndpointSecurityGroupID,
		"logsKeyArn":              v.LogsKeyArn,
	}); err != nil {
		return nil, err
	}
	return v, nil
}

// azsOf lists the AZs of a layout in AZ index order.
func azsOf(subnets []SubnetPlan) []string {
	var azs []string
	for _, s := range subnets {
		if s.AZIndex == len(azs) {
			azs = append(azs, s.AZ)
		}
	}
	return azs
}
