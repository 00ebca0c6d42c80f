package network

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// NatGatewayAZs returns the AZ indexes that get a NAT gateway: the first AZ only, or every AZ.
func NatGatewayAZs(strategy NatStrategy, azCount int) []int {
	if strategy == NatSingle {
		return []int{0}
	}
	out := make([]int, azCount)
	for i := range out {
		out[i] = i
	}
	return out
}

// natFor returns the index into the NAT gateways that AZ i egresses through: its own with NatPerAz.
func natFor(strategy NatStrategy, az int) int {
	if strategy == NatSingle {
		return 0
	}
	return az
}

// declareSubnetsAndRouting declares the subnets, the internet gateway that only the public subnets route
// to, the NAT gateways and one route table per private subnet.
func (v *Vpc) declareSubnetsAndRouting(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VpcArgs, parent pulumi.ResourceOption) error {
	subnetIDs := map[Tier]pulumi.StringArray{}
	for _, s := range args.Subnets {
		subnet, err := ec2.NewSubnet(ctx, fmt.Sprintf("%s-%s-%d", name, s.Tier, s.AZIndex), &ec2.SubnetArgs{
			VpcId:            vpc.ID(),
			CidrBlock:        pulumi.String(s.CIDR.String()),
			AvailabilityZone: pulumi.String(s.AZ),
			// No subnet maps public IPs, not even the public tier: it holds only NAT gateways, whose
			// addresses are Elastic IPs (FSBP EC2.15).
			MapPublicIpOnLaunch: pulumi.Bool(false),
			Tags: pulumi.StringMap{
				"Name": pulumi.String(fmt.Sprintf("%s-%s-%s", name, s.Tier, s.AZ)),
				"Tier": pulumi.String(string(s.Tier)),
			},
		}, parent)
		if err != nil {
			return err
		}
		subnetIDs[s.Tier] = append(subnetIDs[s.Tier], subnet.ID().ToStringOutput())
	}
	v.PublicSubnetIDs, v.AppSubnetIDs, v.DataSubnetIDs = subnetIDs[TierPublic], subnetIDs[TierApp], subnetIDs[TierData]

	igw, err := ec2.NewInternetGateway(ctx, name+"-igw", &ec2.InternetGatewayArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-igw")},
	}, parent)
	if err != nil {
		return err
	}
	publicRT, err := ec2.NewRouteTable(ctx, name+"-public-rt", &ec2.RouteTableArgs{
		VpcId: vpc.ID(),
		Tags:  pulumi.StringMap{"Name": pulumi.String(name + "-public"), "Tier": pulumi.String(string(TierPublic))},
	}, parent)
	if err != nil {
		return err
	}
	v.PublicRouteTableID = publicRT.ID()
	if _, err := ec2.NewRoute(ctx, name+"-public-internet", &ec2.RouteArgs{
		RouteTableId:         publicRT.ID(),
		DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
		GatewayId:            igw.ID(),
	}, parent); err != nil {
		return err
	}
	for i, id := range v.PublicSubnetIDs {
		if _, err := ec2.NewRouteTableAssociation(ctx, fmt.Sprintf("%s-public-%d", name, i), &ec2.RouteTableAssociationArgs{
			SubnetId:     id,
			RouteTableId: publicRT.ID(),
		}, parent); err != nil {
			return err
		}
	}

	var nats []*ec2.NatGateway
	for _, az := range NatGatewayAZs(args.NatStrategy, len(v.AvailabilityZones)) {
		eip, err := ec2.NewEip(ctx, fmt.Sprintf("%s-nat-%d", name, az), &ec2.EipArgs{
			Domain: pulumi.String("vpc"),
			Tags:   pulumi.StringMap{"Name": pulumi.String(fmt.Sprintf("%s-nat-%s", name, v.AvailabilityZones[az]))},
		}, parent)
		if err != nil {
			return err
		}
		nat, err := ec2.NewNatGateway(ctx, fmt.Sprintf("%s-nat-%d", name, az), &ec2.NatGatewayArgs{
			AllocationId: eip.AllocationId,
			SubnetId:     v.PublicSubnetIDs[az],
			Tags:         pulumi.StringMap{"Name": pulumi.String(fmt.Sprintf("%s-nat-%s", name, v.AvailabilityZones[az]))},
		}, parent, pulumi.DependsOn([]pulumi.Resource{igw}))
		if err != nil {
			return err
		}
		nats = append(nats, nat)
	}

	for _, tier := range []Tier{TierApp, TierData} {
		internet := tier == TierApp || args.DataSubnetInternetAccess
		for i, subnetID := range subnetIDs[tier] {
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
				if _, err := ec2.NewRoute(ctx, rtName+"-internet", &ec2.RouteArgs{
					RouteTableId:         rt.ID(),
					DestinationCidrBlock: pulumi.String("0.0.0.0/0"),
					NatGatewayId:         nats[natFor(args.NatStrategy, i)].ID(),
				}, parent); err != nil {
					return err
				}
			}
			if tier == TierApp {
				v.AppRouteTableIDs = append(v.AppRouteTableIDs, rt.ID().ToStringOutput())
			} else {
				v.DataRouteTableIDs = append(v.DataRouteTableIDs, rt.ID().ToStringOutput())
			}
		}
	}
	return nil
}
