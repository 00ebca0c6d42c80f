package data

import (
	"errors"
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// GatewayAmiParameter is the public SSM parameter holding Amazon's current S3 File Gateway AMI.
const GatewayAmiParameter = "/aws/service/storagegateway/ami/FILE_S3/latest"

const (
	// cacheDeviceName is where the cache volume is attached; the gateway's local-disk lookup finds it there.
	cacheDeviceName = "/dev/sdb"
	// rootVolumeGiB is the size Amazon's gateway AMI requires of its root volume.
	rootVolumeGiB = 80
)

// nfsPorts are what NFS v3 and v4.1 clients use: portmapper, nfsd and mountd.
var nfsPorts = []int{111, 2049, 20048}

// GatewayHost runs the gateway on EC2, for teams without a VM in the data centre yet. NFS clients then
// reach it over the hybrid link.
type GatewayHost struct {
	// InstanceType and CacheDiskGiB size the instance and its cache volume (AWS's minimums: m5.xlarge, 150 GiB).
	// Required.
	InstanceType string
	CacheDiskGiB int
	// VpcID, VpcCIDR and SubnetID place it in a private subnet. Required.
	VpcID, SubnetID pulumi.StringInput
	VpcCIDR         netip.Prefix
	// ActivationCIDRs may reach port 80 to activate it: where `pulumi up` runs. Required.
	ActivationCIDRs []netip.Prefix
	// KmsKeyArn encrypts its volumes: the cache holds the same files as the bucket. Required.
	KmsKeyArn pulumi.StringInput
}

func (h *GatewayHost) validate() error {
	if h.InstanceType == "" || h.CacheDiskGiB <= 0 || h.VpcID == nil || h.SubnetID == nil || !h.VpcCIDR.IsValid() ||
		len(h.ActivationCIDRs) == 0 || h.KmsKeyArn == nil {
		return errors.New("host: instance type, cache size, VPC, subnet, activation CIDRs and volume key are required")
	}
	return nil
}

// host declares the gateway instance: Amazon's AMI, no public address, IMDSv2, encrypted root and cache
// volumes, and a security group admitting NFS from the shares' clients and activation from where
// `pulumi up` runs.
func (g *FileGateway) host(ctx *pulumi.Context, name string, args *FileGatewayArgs, parent pulumi.ResourceOption) (*ec2.Instance, error) {
	h := args.Host
	var clients []netip.Prefix
	for _, s := range args.Shares {
		for _, c := range s.ClientCIDRs {
			if !slices.Contains(clients, c) {
				clients = append(clients, c)
			}
		}
	}
	ingress := ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
		Description: pulumi.String("Activation (close once activated: see docs/data.md)"),
		Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(80), ToPort: pulumi.Int(80),
		CidrBlocks: netrules.CIDRs(h.ActivationCIDRs),
	}}
	for _, port := range nfsPorts {
		for _, protocol := range []string{"tcp", "udp"} {
			ingress = append(ingress, ec2.SecurityGroupIngressArgs{
				Description: pulumi.String("NFS from the shares' clients"),
				Protocol:    pulumi.String(protocol), FromPort: pulumi.Int(port), ToPort: pulumi.Int(port),
				CidrBlocks: netrules.CIDRs(clients),
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
			CidrBlocks: netrules.CIDRs([]netip.Prefix{h.VpcCIDR}),
		})
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-host", &ec2.SecurityGroupArgs{
		VpcId:       h.VpcID,
		Description: pulumi.String("S3 File Gateway " + name + ": NFS from its clients, HTTPS out"),
		Ingress:     ingress,
		Egress:      egress,
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-host")},
	}, parent)
	if err != nil {
		return nil, err
	}
	ami := ssm.LookupParameterOutput(ctx, ssm.LookupParameterOutputArgs{Name: pulumi.String(GatewayAmiParameter)}, pulumi.Parent(g))
	return ec2.NewInstance(ctx, name, &ec2.InstanceArgs{
		Ami:                      ami.Value(),
		InstanceType:             pulumi.String(h.InstanceType),
		SubnetId:                 h.SubnetID,
		VpcSecurityGroupIds:      pulumi.StringArray{sg.ID()},
		AssociatePublicIpAddress: pulumi.Bool(false),
		MetadataOptions: ec2.InstanceMetadataOptionsArgs{
			HttpEndpoint: pulumi.String("enabled"),
			HttpTokens:   pulumi.String("required"),
		},
		RootBlockDevice: ec2.InstanceRootBlockDeviceArgs{
			VolumeType: pulumi.String("gp3"), VolumeSize: pulumi.Int(rootVolumeGiB),
			Encrypted: pulumi.Bool(true), KmsKeyId: h.KmsKeyArn,
		},
		EbsBlockDevices: ec2.InstanceEbsBlockDeviceArray{ec2.InstanceEbsBlockDeviceArgs{
			DeviceName: pulumi.String(cacheDeviceName), VolumeType: pulumi.String("gp3"), VolumeSize: pulumi.Int(h.CacheDiskGiB),
			Encrypted: pulumi.Bool(true), KmsKeyId: h.KmsKeyArn, DeleteOnTermination: pulumi.Bool(true),
		}},
		DisableApiTermination: pulumi.Bool(args.Protect),
		Tags:                  pulumi.StringMap{"Name": pulumi.String(name)},
	}, parent, pulumi.Protect(args.Protect))
}
