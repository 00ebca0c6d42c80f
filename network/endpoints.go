package network

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// serviceName is the full endpoint service name of a short name in a region.
func serviceName(region, short string) string {
	return "com.amazonaws." + region + "." + short
}

// declareEndpoints declares the S3 gateway endpoint on every private route table and one interface endpoint
// per configured service in the app subnets, behind a security group that admits only HTTPS from the VPC
// and on premises.
func (v *Vpc) declareEndpoints(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VpcArgs, parent pulumi.ResourceOption) error {
	routeTables := append(append(pulumi.StringArray{}, v.AppRouteTableIDs...), v.DataRouteTableIDs...)
	if _, err := ec2.NewVpcEndpoint(ctx, name+"-s3", &ec2.VpcEndpointArgs{
		VpcId:           vpc.ID(),
		ServiceName:     pulumi.String(serviceName(args.Region, "s3")),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   routeTables,
		Tags:            pulumi.StringMap{"Name": pulumi.String(name + "-s3")},
	}, parent); err != nil {
		return err
	}

	sources := append([]netip.Prefix{args.CIDR}, args.OnPremisesCIDRs...)
	ingress := ec2.SecurityGroupIngressArray{
		ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("HTTPS from the VPC and on premises"),
			Protocol:    pulumi.String("tcp"),
			FromPort:    pulumi.Int(443),
			ToPort:      pulumi.Int(443),
			CidrBlocks:  CIDRStrings(sources),
		},
	}
	if slices.Contains(args.Endpoints, storageGatewayEndpoint) && len(args.OnPremisesCIDRs) > 0 {
		// A gateway VM in the data centre also talks to its endpoint on these ports (activation, control,
		// support channel).
		for _, ports := range StorageGatewayPorts {
			ingress = append(ingress, ec2.SecurityGroupIngressArgs{
				Description: pulumi.String("Storage Gateway from on premises"),
				Protocol:    pulumi.String("tcp"),
				FromPort:    pulumi.Int(ports[0]),
				ToPort:      pulumi.Int(ports[1]),
				CidrBlocks:  CIDRStrings(args.OnPremisesCIDRs),
			})
		}
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints", &ec2.SecurityGroupArgs{
		VpcId:       vpc.ID(),
		Description: pulumi.String("Interface VPC endpoints: from the VPC and on premises only"),
		Ingress:     ingress,
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-endpoints")},
	}, parent)
	if err != nil {
		return err
	}
	v.EndpointSecurityGroupID = sg.ID()

	subnets := v.AppSubnetIDs
	if args.EndpointAZCount > 0 && args.EndpointAZCount < len(subnets) {
		subnets = subnets[:args.EndpointAZCount]
	}
	v.EndpointDNSNames = map[string]pulumi.StringOutput{}
	for _, short := range args.Endpoints {
		ep, err := ec2.NewVpcEndpoint(ctx, name+"-"+short, &ec2.VpcEndpointArgs{
			VpcId:             vpc.ID(),
			ServiceName:       pulumi.String(serviceName(args.Region, short)),
			VpcEndpointType:   pulumi.String("Interface"),
			PrivateDnsEnabled: pulumi.Bool(true),
			SubnetIds:         subnets,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			Tags:              pulumi.StringMap{"Name": pulumi.String(name + "-" + short)},
		}, parent)
		if err != nil {
			return err
		}
		// The first DNS entry is the regional name, the one clients (and gateway activation) use.
		v.EndpointDNSNames[short] = ep.DnsEntries.ApplyT(func(entries []ec2.VpcEndpointDnsEntry) (string, error) {
			if len(entries) == 0 || entries[0].DnsName == nil {
				return "", fmt.Errorf("network: endpoint %s has no DNS entry", short)
			}
			return *entries[0].DnsName, nil
		}).(pulumi.StringOutput)
	}
	return nil
}

// storageGatewayEndpoint is the short name of the Storage Gateway interface endpoint.
const storageGatewayEndpoint = "storagegateway"

// StorageGatewayPorts are the TCP port ranges beside 443 a gateway uses with its VPC endpoint.
var StorageGatewayPorts = [][2]int{{1026, 1028}, {1031, 1031}, {2222, 2222}}

// CIDRStrings is prefixes as a Pulumi string list, for security group rules and client lists.
func CIDRStrings(prefixes []netip.Prefix) pulumi.StringArray {
	out := make(pulumi.StringArray, 0, len(prefixes))
	for _, p := range prefixes {
		out = append(out, pulumi.String(p.String()))
	}
	return out
}
