package data

import (
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

const (
	// cacheDeviceName is where the cache volume is attached; the gateway's local-disk lookup finds it there.
	cacheDeviceName = "/dev/sdb"
	// rootVolumeGiB is the size Amazon's gateway AMI requires of its root volume.
	rootVolumeGiB = 80
)

// nfsPorts are what NFS v3 and v4.1 clients use: portmapper, nfsd and mountd.
var nfsPorts = []int{111, 2049, 20048}

// host declares an EC2 gateway (mode ec2), for teams without a VM in the data centre yet: Amazon's AMI as
// pinned, no
// public address, IMDSv2, root and cache volumes encrypted with the bucket's key, and a security group
// admitting NFS from the shares' clients and activation from where `pulumi up` runs. NFS clients reach it
// over the hybrid link.
func (g *FileGateway) host(ctx *pulumi.Context, name string, args *FileGatewayArgs, parent pulumi.ResourceOrInvokeOption) (*ec2.Instance, error) {
	sg, err := ec2.NewSecurityGroup(ctx, name+"-host", hostSecurityGroupArgs(name, args), parent)
	if err != nil {
		return nil, err
	}
	// The AMI is pinned in the settings: a new one is a deliberate replacement, never a side effect.
	return ec2.NewInstance(ctx, name, hostArgs(name, args, pulumi.String(args.Settings.Gateway.AMI), sg.ID()), parent,
		pulumi.Protect(args.Settings.Protect))
}

// shareClients are the client networks of every share, each once, in share-name order.
func shareClients(shares map[string]Share) []netip.Prefix {
	var clients []netip.Prefix
	for _, name := range sortedShares(shares) {
		for _, c := range shares[name].ClientCIDRs {
			if !slices.Contains(clients, c) {
				clients = append(clients, c)
			}
		}
	}
	return clients
}

// hostSecurityGroupArgs admit activation on port 80 from ActivationCIDRs and NFS from the shares' clients,
// and let out only HTTPS and the Storage Gateway ports to the VPC endpoint.
func hostSecurityGroupArgs(name string, args *FileGatewayArgs) *ec2.SecurityGroupArgs {
	ingress := ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
		Description: pulumi.String("Activation (close once activated: see docs/data.md)"),
		Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(80), ToPort: pulumi.Int(80),
		CidrBlocks: netrules.CIDRs(args.ActivationCIDRs),
	}}
	clients := netrules.CIDRs(shareClients(args.Settings.Shares))
	for _, port := range nfsPorts {
		for _, protocol := range []string{"tcp", "udp"} {
			ingress = append(ingress, ec2.SecurityGroupIngressArgs{
				Description: pulumi.String("NFS from the shares' clients"),
				Protocol:    pulumi.String(protocol), FromPort: pulumi.Int(port), ToPort: pulumi.Int(port),
				CidrBlocks: clients,
			})
		}
	}
	egress := ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{
		Description: pulumi.String("HTTPS to AWS endpoints and the S3 gateway endpoint"),
		Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
		CidrBlocks: pulumi.ToStringArray([]string{"0.0.0.0/0"}),
	}}
	for _, ports := range netrules.StorageGatewayPorts {
		egress = append(egress, ec2.SecurityGroupEgressArgs{
			Description: pulumi.String("Storage Gateway control ports to its VPC endpoint"),
			Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(ports[0]), ToPort: pulumi.Int(ports[1]),
			CidrBlocks: netrules.CIDRs([]netip.Prefix{args.VPCCIDR}),
		})
	}
	return &ec2.SecurityGroupArgs{
		VpcId:       args.VPCID,
		Description: pulumi.String("S3 File Gateway " + name + ": NFS from its clients, HTTPS out"),
		Ingress:     ingress,
		Egress:      egress,
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-host")},
	}
}

// hostArgs are an EC2 gateway's instance inputs: private, IMDSv2 only, volumes encrypted with the bucket's
// key, termination-protected when protected, with detailed (1-minute) monitoring, so a saturated gateway
// shows in CloudWatch before its clients time out.
func hostArgs(name string, args *FileGatewayArgs, ami, securityGroupID pulumi.StringInput) *ec2.InstanceArgs {
	g := args.Settings.Gateway
	return &ec2.InstanceArgs{
		Ami:                      ami,
		InstanceType:             pulumi.String(g.InstanceType),
		SubnetId:                 args.SubnetID,
		VpcSecurityGroupIds:      hostSecurityGroups(args, securityGroupID),
		AssociatePublicIpAddress: pulumi.Bool(false),
		Monitoring:               pulumi.Bool(true),
		MetadataOptions: ec2.InstanceMetadataOptionsArgs{
			HttpEndpoint: pulumi.String("enabled"),
			HttpTokens:   pulumi.String("required"),
		},
		RootBlockDevice: ec2.InstanceRootBlockDeviceArgs{
			VolumeType: pulumi.String("gp3"), VolumeSize: pulumi.Int(rootVolumeGiB),
			Encrypted: pulumi.Bool(true), KmsKeyId: args.BucketKMSKeyARN,
		},
		EbsBlockDevices: ec2.InstanceEbsBlockDeviceArray{ec2.InstanceEbsBlockDeviceArgs{
			DeviceName: pulumi.String(cacheDeviceName), VolumeType: pulumi.String("gp3"), VolumeSize: pulumi.Int(g.CacheDiskGiB),
			Encrypted: pulumi.Bool(true), KmsKeyId: args.BucketKMSKeyARN, DeleteOnTermination: pulumi.Bool(true),
		}},
		DisableApiTermination: pulumi.Bool(args.Settings.Protect),
		Tags:                  pulumi.StringMap{"Name": pulumi.String(name)},
	}
}

// hostSecurityGroups are the host's own group, and the Storage Gateway endpoint's client group when it
// connects through the endpoint.
func hostSecurityGroups(args *FileGatewayArgs, own pulumi.StringInput) pulumi.StringArray {
	groups := pulumi.StringArray{own}
	if args.Settings.Gateway.UseVPCEndpoint && args.EndpointClientSecurityGroupID != nil {
		groups = append(groups, args.EndpointClientSecurityGroupID)
	}
	return groups
}
