package network

import (
	"fmt"
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// serviceName is the full endpoint service name of a short name in a region.
func serviceName(region, short string) string {
	return "com.amazonaws." + region + "." + short
}

// endpointIngress admits HTTPS from the VPC and on premises, and, when the Storage Gateway endpoint is
// declared, the gateway's other ports from on premises, where its VM runs.
func endpointIngress(s VPCSettings, onPremises []netip.Prefix) ec2.SecurityGroupIngressArray {
	ingress := ec2.SecurityGroupIngressArray{
		ec2.SecurityGroupIngressArgs{
			Description: pulumi.String("HTTPS from the VPC and on premises"),
			Protocol:    pulumi.String("tcp"),
			FromPort:    pulumi.Int(443),
			ToPort:      pulumi.Int(443),
			CidrBlocks:  netrules.CIDRs(append([]netip.Prefix{s.CIDR}, onPremises...)),
		},
	}
	if slices.Contains(s.Endpoints, StorageGatewayEndpoint) && len(onPremises) > 0 {
		for _, ports := range netrules.StorageGatewayPorts {
			ingress = append(ingress, ec2.SecurityGroupIngressArgs{
				Description: pulumi.String("Storage Gateway from on premises"),
				Protocol:    pulumi.String("tcp"),
				FromPort:    pulumi.Int(ports[0]),
				ToPort:      pulumi.Int(ports[1]),
				CidrBlocks:  netrules.CIDRs(onPremises),
			})
		}
	}
	return ingress
}

// endpointSubnets are the app subnets that hold the interface endpoints: the first count, or all.
func endpointSubnets(app pulumi.StringArray, count int) pulumi.StringArray {
	if count > 0 && count < len(app) {
		return app[:count]
	}
	return app
}

// declareEndpoints declares the S3 gateway endpoint on every private route table and one interface endpoint
// per configured service in the app subnets, behind a security group that admits only the VPC and on
// premises.
func (v *VPC) declareEndpoints(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VPCArgs, parent pulumi.ResourceOption) error {
	s := args.Settings
	routeTables := append(append(pulumi.StringArray{}, v.AppRouteTableIDs...), v.DataRouteTableIDs...)
	account := args.AccountID.ToStringOutput()
	if _, err := ec2.NewVpcEndpoint(ctx, name+"-s3", &ec2.VpcEndpointArgs{
		VpcId:           vpc.ID(),
		ServiceName:     pulumi.String(serviceName(args.Region, "s3")),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   routeTables,
		Policy: account.ApplyT(func(acct string) (string, error) {
			return gatewayEndpointPolicy(args.Partition, args.Region, acct)
		}).(pulumi.StringOutput),
		Tags: pulumi.StringMap{"Name": pulumi.String(name + "-s3")},
	}, parent); err != nil {
		return err
	}

	sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints", &ec2.SecurityGroupArgs{
		VpcId:       vpc.ID(),
		Description: pulumi.String("Interface VPC endpoints: from the VPC and on premises only"),
		Ingress:     endpointIngress(s, args.OnPremisesCIDRs),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-endpoints")},
	}, parent)
	if err != nil {
		return err
	}
	v.EndpointSecurityGroupID = sg.ID()

	subnets := endpointSubnets(v.AppSubnetIDs, s.EndpointAZCount)
	v.EndpointDNSNames = map[string]pulumi.StringOutput{}
	for _, short := range s.Endpoints {
		var policy pulumi.StringInput // unset: the default policy
		if !unsignedEndpoints[short] {
			policy = account.ApplyT(interfaceEndpointPolicy).(pulumi.StringOutput)
		}
		ep, err := ec2.NewVpcEndpoint(ctx, name+"-"+short, &ec2.VpcEndpointArgs{
			Policy:            policy,
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
