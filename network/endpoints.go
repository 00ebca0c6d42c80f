package network

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// serviceName is the full endpoint service name of a short name in a region.
func serviceName(region, short string) string {
	return "com.amazonaws." + region + "." + short
}

// endpointIngress admits HTTPS from the VPC and on premises, and, when the Storage Gateway endpoint is
// declared, the gateway's other ports (https://docs.aws.amazon.com/filegateway/latest/files3/Requirements.html)
// from on premises, where its VM runs, and from gatewayClients, the group an EC2 gateway in the VPC carries.
func endpointIngress(s VPCSettings, onPremises []netip.Prefix, gatewayClients pulumi.IDOutput) ec2.SecurityGroupIngressArray {
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
	if slices.Contains(s.Endpoints, StorageGatewayEndpoint) {
		for _, ports := range netrules.StorageGatewayPorts {
			ingress = append(ingress, ec2.SecurityGroupIngressArgs{
				Description:    pulumi.String("Storage Gateway from an EC2 gateway in the VPC"),
				Protocol:       pulumi.String("tcp"),
				FromPort:       pulumi.Int(ports[0]),
				ToPort:         pulumi.Int(ports[1]),
				SecurityGroups: pulumi.StringArray{gatewayClients},
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
// per configured service (S3's too, for on premises) in the app subnets, behind a security group that admits only the VPC and on
// premises.
func (v *VPC) declareEndpoints(ctx *pulumi.Context, name string, vpc *ec2.Vpc, args *VPCArgs, parent pulumi.ResourceOption) error {
	s := args.Settings
	routeTables := append(append(pulumi.StringArray{}, v.AppRouteTableIDs...), v.DataRouteTableIDs...)
	account := args.AccountID.ToStringOutput()
	gateway, err := ec2.NewVpcEndpoint(ctx, name+"-s3", &ec2.VpcEndpointArgs{
		VpcId:           vpc.ID(),
		ServiceName:     pulumi.String(serviceName(args.Region, "s3")),
		VpcEndpointType: pulumi.String("Gateway"),
		RouteTableIds:   routeTables,
		Policy: account.ApplyT(func(acct string) (string, error) {
			return gatewayEndpointPolicy(args.Partition, args.Region, acct)
		}).(pulumi.StringOutput),
		Tags: pulumi.StringMap{"Name": pulumi.String(name + "-s3")},
	}, parent)
	if err != nil {
		return err
	}
	v.S3PrefixListID = gateway.PrefixListId

	clients, err := v.declareStorageGatewayClients(ctx, name, vpc, s, parent)
	if err != nil {
		return err
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-endpoints", &ec2.SecurityGroupArgs{
		VpcId:       vpc.ID(),
		Description: pulumi.String("Interface VPC endpoints: from the VPC and on premises only"),
		Ingress:     endpointIngress(s, args.OnPremisesCIDRs, clients),
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
		epArgs := &ec2.VpcEndpointArgs{
			Policy:            policy,
			VpcId:             vpc.ID(),
			ServiceName:       pulumi.String(serviceName(args.Region, short)),
			VpcEndpointType:   pulumi.String("Interface"),
			PrivateDnsEnabled: pulumi.Bool(true),
			SubnetIds:         subnets,
			SecurityGroupIds:  pulumi.StringArray{sg.ID()},
			Tags:              pulumi.StringMap{"Name": pulumi.String(name + "-" + short)},
		}
		epName, epOpts := name+"-"+short, []pulumi.ResourceOption{parent}
		if short == S3Endpoint {
			// S3 serves on premises (DX, VPN, TGW) only through an interface endpoint; private DNS for the
			// inbound Resolver endpoint only keeps in-VPC traffic on the free gateway endpoint, which AWS
			// requires to exist first (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html).
			epArgs.DnsOptions = ec2.VpcEndpointDnsOptionsArgs{PrivateDnsOnlyForInboundResolverEndpoint: pulumi.Bool(true)}
			epName = name + "-s3-interface"
			epArgs.Tags = pulumi.StringMap{"Name": pulumi.String(epName)}
			epOpts = append(epOpts, pulumi.DependsOn([]pulumi.Resource{gateway}))
		}
		ep, err := ec2.NewVpcEndpoint(ctx, epName, epArgs, epOpts...)
		if err != nil {
			return err
		}
		v.EndpointDNSNames[short] = ep.DnsEntries.ApplyT(func(entries []ec2.VpcEndpointDnsEntry) (string, error) {
			return firstDNSName(short, entries)
		}).(pulumi.StringOutput)
	}
	return nil
}

// declareStorageGatewayClients declares, with the Storage Gateway endpoint, the group whose members (an EC2
// File Gateway) reach its control ports. No rules of its own: membership is what the endpoint's group
// admits on the gateway's ports. Without that endpoint it declares nothing and returns the zero output.
func (v *VPC) declareStorageGatewayClients(ctx *pulumi.Context, name string, vpc *ec2.Vpc, s VPCSettings, parent pulumi.ResourceOption) (pulumi.IDOutput, error) {
	if !slices.Contains(s.Endpoints, StorageGatewayEndpoint) {
		return pulumi.IDOutput{}, nil
	}
	group, err := ec2.NewSecurityGroup(ctx, name+"-storagegateway-clients", &ec2.SecurityGroupArgs{
		VpcId:       vpc.ID(),
		Description: pulumi.String("Members reach the Storage Gateway endpoint's control ports: an EC2 File Gateway"),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-storagegateway-clients")},
	}, parent)
	if err != nil {
		return pulumi.IDOutput{}, err
	}
	v.StorageGatewayClientSecurityGroupID = group.ID()
	return group.ID(), nil
}

// firstDNSName is the regional name of an endpoint, its first DNS entry, which clients (and gateway
// activation) use. S3's is a wildcard ("*.vpce-….s3.<region>.vpce.amazonaws.com"): a client wants the
// name under it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html).
func firstDNSName(short string, entries []ec2.VpcEndpointDnsEntry) (string, error) {
	if len(entries) == 0 || entries[0].DnsName == nil {
		return "", fmt.Errorf("network: endpoint %s has no DNS entry", short)
	}
	return strings.TrimPrefix(*entries[0].DnsName, "*."), nil
}
