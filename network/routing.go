package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/network/layout"
)

// subnetArgs is one planned subnet: never mapping public IPs, not even in the public tier, which holds only
// NAT gateways whose addresses are Elastic IPs (FSBP EC2.15).
func subnetArgs(name string, vpcID pulumi.IDOutput, s layout.Subnet) *ec2.SubnetArgs {
	return &ec2.SubnetArgs{
		VpcId:               vpcID,
		CidrBlock:           pulumi.String(s.CIDR.String()),
		AvailabilityZone:    pulumi.String(s.AZ),
		MapPublicIpOnLaunch: pulumi.Bool(false),
		Tags: pulumi.StringMap{
			"Name": pulumi.String(fmt.Sprintf("%s-%s-%s", name, s.Tier, s.AZ)),
			"Tier": pulumi.String(string(s.Tier)),
		},
	}
}

// declareSubnets declares every planned subnet, named by tier and AZ index so names never depend on AZ
// strings.
func (v *VPC) declareSubnets(ctx *pulumi.Context, name string, vpc *ec2.Vpc, subnets []layout.Subnet, parent pulumi.ResourceOption) error {
	ids := map[layout.Tier]pulumi.StringArray{}
	for _, s := range subnets {
		subnet, err := ec2.NewSubnet(ctx, fmt.Sprintf("%s-%s-%d", name, s.Tier, s.AZIndex), subnetArgs(name, vpc.ID(), s), parent)
		if err != nil {
			return err
		}
		ids[s.Tier] = append(ids[s.Tier], subnet.ID().ToStringOutput())
	}
	v.PublicSubnetIDs, v.AppSubnetIDs, v.DataSubnetIDs = ids[layout.TierPublic], ids[layout.TierApp], ids[layout.TierData]
	return nil
}

// declarePublicRouting declares the internet gateway and the one route table that routes to it, shared by
// the public subnets.
func (v *VPC) declarePublicRouting(ctx *pulumi.Context, name string, vpc *ec2.Vpc, parent pulumi.ResourceOption) (*ec2.InternetGateway, error) {
	igw, err := ec2.NewInternetGateway(ctx, name+"-igw", &ec2.InternetGatewayArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-igw")},
	}, parent)
	if err != nil {
		return nil, err
	}
	publicRT, err := ec2.NewRouteTable(ctx, name+"-public-rt", &ec2.RouteTableArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-public"), "Tier": pulumi.String(string(layout.TierPublic))},
	}, parent)
	if err != nil {
		return nil, err
	}
	v.PublicRouteTableID = publicRT.ID()
	if _, err := ec2.NewRoute(ctx, name+"-public-internet", &ec2.RouteArgs{
		RouteTableId:         publicRT.ID(),
		DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
		GatewayId:            igw.ID(),
	}, parent); err != nil {
		return nil, err
	}
	for i, id := range v.PublicSubnetIDs {
		if _, err := ec2.NewRouteTableAssociation(ctx, fmt.Sprintf("%s-public-%d", name, i), &ec2.RouteTableAssociationArgs{
			SubnetId:     id,
			RouteTableId: publicRT.ID(),
		}, parent); err != nil {
			return nil, err
		}
	}
	return igw, nil
}

// declareNATGateways declares the NAT gateways the strategy places, each with its Elastic IP, in the public
// subnets; they are returned in strategy.GatewayAZs order.
func (v *VPC) declareNATGateways(ctx *pulumi.Context, name string, strategy layout.NATStrategy, igw *ec2.InternetGateway, parent pulumi.ResourceOption) ([]*ec2.NatGateway, error) {
	azs, err := strategy.GatewayAZs(len(v.AvailabilityZones))
	if err != nil {
		return nil, err
	}
	var nats []*ec2.NatGateway
	for _, az := range azs {
		tags := pulumi.StringMap{"Name": pulumi.String(fmt.Sprintf("%s-nat-%s", name, v.AvailabilityZones[az]))}
		eip, err := ec2.NewEip(ctx, fmt.Sprintf("%s-nat-%d", name, az), &ec2.EipArgs{Domain: pulumi.String("vpc"), Tags: tags}, parent)
		if err != nil {
			return nil, err
		}
		nat, err := ec2.NewNatGateway(ctx, fmt.Sprintf("%s-nat-%d", name, az), &ec2.NatGatewayArgs{
			AllocationId: eip.AllocationId,
			SubnetId:     v.PublicSubnetIDs[az],
			Tags:         tags,
		}, parent, pulumi.DependsOn([]pulumi.Resource{igw}))
		if err != nil {
			return nil, err
		}
		nats = append(nats, nat)
		v.NATPublicIPs = append(v.NATPublicIPs, eip.PublicIp)
	}
	return nats, nil
}

// declarePrivateRouting declares one route table per app and data subnet. App subnets egress through their
// NAT gateway; data subnets only with DataSubnetInternetAccess.
func (v *VPC) declarePrivateRouting(ctx *pulumi.Context, name string, vpc *ec2.Vpc, s VPCSettings, nats []*ec2.NatGateway, parent pulumi.ResourceOption) error {
	for _, tier := range []layout.Tier{layout.TierApp, layout.TierData} {
		internet := tier == layout.TierApp || s.DataSubnetInternetAccess
		subnets := v.AppSubnetIDs
		if tier == layout.TierData {
			subnets = v.DataSubnetIDs
		}
		for i, subnetID := range subnets {
			rtName := fmt.Sprintf("%s-%s-%d", name, tier, i)
			rt, err := ec2.NewRouteTable(ctx, rtName+"-rt", &ec2.RouteTableArgs{
				VpcId: vpc.ID(),
				Tags: pulumi.StringMap{
					"Name": pulumi.String(fmt.Sprintf("%s-%s-%s", name, tier, v.AvailabilityZones[i])),
					"Tier": pulumi.String(string(tier)),
				},
			}, parent)
			if err != nil {
				return err
			}
			if _, err := ec2.NewRouteTableAssociation(ctx, rtName, &ec2.RouteTableAssociationArgs{
				SubnetId:     subnetID,
				RouteTableId: rt.ID(),
			}, parent); err != nil {
				return err
			}
			if internet {
				nat, err := s.NATStrategy.GatewayFor(i)
				if err != nil {
					return err
				}
				if _, err := ec2.NewRoute(ctx, rtName+"-internet", &ec2.RouteArgs{
					RouteTableId:         rt.ID(),
					DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
					NatGatewayId:         nats[nat].ID(),
				}, parent); err != nil {
					return err
				}
			}
			if tier == layout.TierApp {
				v.AppRouteTableIDs = append(v.AppRouteTableIDs, rt.ID().ToStringOutput())
			} else {
				v.DataRouteTableIDs = append(v.DataRouteTableIDs, rt.ID().ToStringOutput())
			}
		}
	}
	return nil
}
