package data

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/storagegateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// FileGatewayType is the type token of the FileGateway component.
const FileGatewayType = "hybridcloud:data:FileGateway"

// uploadNotification makes the gateway emit an event once a file has been quiet for a minute, so cloud
// applications react to complete files rather than to every partial write.
const uploadNotification = `{"Upload":{"SettlingTimeInSeconds":60}}`

// FileGatewayArgs configures a FileGateway: its own settings, and the wiring from the rest of the stack.
type FileGatewayArgs struct {
	// Settings are the gateway's own settings: the appliance and its shares. Required.
	Settings FileGatewaySettings
	// BucketARN and BucketKMSKeyARN are the file bucket and its key; the gateway may reach nothing else.
	// The key also encrypts an EC2 gateway's volumes, since its cache holds the same files. Required.
	BucketARN, BucketKMSKeyARN pulumi.StringInput
	// VPCEndpointDNSName is the Storage Gateway interface endpoint's DNS name. Required when
	// Settings.Gateway.UseVPCEndpoint is set, ignored otherwise.
	VPCEndpointDNSName pulumi.StringInput
	// S3EndpointDNSName is S3's interface endpoint's DNS name (no leading "*."), and BucketRegion the file
	// bucket's region: given, every share writes through the endpoint over the private path instead of S3's
	// public endpoints. Required together when Settings.Gateway.UseVPCEndpoint is set.
	S3EndpointDNSName pulumi.StringInput
	BucketRegion      string
	// LogsKeyARN encrypts the gateway's health and audit log group (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// AccountID is the AWS account, for the bucket role's trust policy. Required.
	AccountID pulumi.StringInput
	// VPCID, VPCCIDR and SubnetID place an EC2 gateway (mode ec2) in a private subnet that reaches on
	// premises and the VPC endpoints. Required in mode ec2, ignored for a VM.
	VPCID, SubnetID pulumi.StringInput
	VPCCIDR         netip.Prefix
	// EndpointClientSecurityGroupID is the group the Storage Gateway endpoint admits on its control ports:
	// an EC2 gateway joins it, since its address is in the VPC, not on premises. Required in mode ec2 with
	// Settings.Gateway.UseVPCEndpoint.
	EndpointClientSecurityGroupID pulumi.StringInput
	// ActivationCIDRs may reach an EC2 gateway's port 80 to activate it: where `pulumi up` runs. Required
	// in mode ec2, ignored for a VM.
	ActivationCIDRs []netip.Prefix
}

// FileGateway is the S3 File Gateway (a VM in the data centre, or an EC2 instance it declares) and its NFS
// shares.
type FileGateway struct {
	pulumi.ResourceState

	// GatewayARN identifies the gateway.
	GatewayARN pulumi.StringOutput
	// MountCommands maps each share's name to the command an on-premises host runs to mount it. Activated
	// by key, the gateway's address is the one it reports once up: a preview leaves those unknown.
	MountCommands map[string]pulumi.StringOutput
}

// validate checks the args and returns how the gateway is activated.
func (a *FileGatewayArgs) validate() (spec.Activation, error) {
	var errs []error
	g := a.Settings.Gateway
	activation, err := spec.ActivationOf(g.Mode, g.ActivationKey != "", g.IPAddress.IsValid())
	if err != nil {
		errs = append(errs, err)
	}
	if g.Mode.Check() == nil { // an unknown mode is reported once, above
		if err := spec.CheckCacheDisk(g.Mode, g.CacheDiskPath != "", g.CacheDiskID != ""); err != nil {
			errs = append(errs, err)
		}
	}
	if activation == spec.ActivateHost && (g.InstanceType == "" || g.CacheDiskGiB <= 0 || a.VPCID == nil || a.SubnetID == nil ||
		!a.VPCCIDR.IsValid() || len(a.ActivationCIDRs) == 0) {
		errs = append(errs, errors.New("an EC2 gateway needs its instance type, cache size, VPC, VPC CIDR, subnet and activation CIDRs"))
	}
	if g.Timezone == "" || g.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("time zone and log retention are required"))
	}
	if g.UseVPCEndpoint && (a.VPCEndpointDNSName == nil || a.S3EndpointDNSName == nil || a.BucketRegion == "") {
		errs = append(errs, errors.New("the Storage Gateway and S3 endpoints' DNS names and the bucket region are required to use them"))
	}
	if len(a.Settings.Shares) == 0 {
		errs = append(errs, errors.New("at least one share is required"))
	}
	for _, name := range sortedShares(a.Settings.Shares) {
		s := a.Settings.Shares[name]
		for _, c := range s.ClientCIDRs {
			if c.Bits() == 0 {
				errs = append(errs, fmt.Errorf("share %s: client %s would let any host mount it", name, c))
			}
		}
		if len(s.ClientCIDRs) == 0 {
			errs = append(errs, fmt.Errorf("share %s: a client list is required", name))
		}
		if s.Prefix == "" {
			errs = append(errs, fmt.Errorf("share %s: a bucket prefix is required", name))
		}
	}
	if a.BucketARN == nil || a.BucketKMSKeyARN == nil || a.LogsKeyARN == nil || a.AccountID == nil {
		errs = append(errs, errors.New("bucket, bucket key, logs key and account are required"))
	}
	return activation, errors.Join(errs...)
}

// NewFileGateway activates the gateway, gives it its cache disk, a role scoped to the bucket and its key,
// and declares the NFS shares.
func NewFileGateway(ctx *pulumi.Context, name string, args *FileGatewayArgs, opts ...pulumi.ResourceOption) (*FileGateway, error) {
	if args == nil {
		return nil, fmt.Errorf("data: file gateway %s: args are required", name)
	}
	activation, err := args.validate()
	if err != nil {
		return nil, fmt.Errorf("data: file gateway %s: %w", name, err)
	}
	g := &FileGateway{MountCommands: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource(FileGatewayType, name, g, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(g)

	logs, err := cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.Settings.Gateway.LogRetentionDays),
		KmsKeyId:        args.LogsKeyARN,
	}, parent, pulumi.RetainOnDelete(args.Settings.Protect))
	if err != nil {
		return nil, err
	}
	gateway, address, err := g.activate(ctx, name, args, activation, logs.Arn, parent)
	if err != nil {
		return nil, err
	}
	cache, err := declareCache(ctx, name, args, activation, gateway, parent)
	if err != nil {
		return nil, err
	}
	role, grant, err := bucketRole(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	in := shareInputs{GatewayARN: gateway.Arn, RoleARN: role.Arn, AuditDestinationARN: logs.Arn}
	if err := g.declareShares(ctx, name, args, in, address, parent, pulumi.DependsOn([]pulumi.Resource{cache, grant})); err != nil {
		return nil, err
	}

	g.GatewayARN = gateway.Arn
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{
		"gatewayArn":    g.GatewayARN,
		"mountCommands": pulumi.ToStringMapOutput(g.MountCommands),
	}); err != nil {
		return nil, err
	}
	return g, nil
}

// activate declares the gateway, activated the way activation says, and returns it with the address NFS
// clients mount it at.
func (g *FileGateway) activate(ctx *pulumi.Context, name string, args *FileGatewayArgs, activation spec.Activation,
	logGroupARN pulumi.StringInput, parent pulumi.ResourceOrInvokeOption) (*storagegateway.Gateway, pulumi.StringOutput, error) {
	gatewayArgs := gatewayArgs(name, args, logGroupARN)
	var address pulumi.StringOutput
	switch activation {
	case spec.ActivateHost:
		instance, err := g.host(ctx, name, args, parent)
		if err != nil {
			return nil, address, err
		}
		gatewayArgs.GatewayIpAddress = instance.PrivateIp
		address = instance.PrivateIp
	case spec.ActivateByAddress:
		ip := args.Settings.Gateway.IPAddress.String()
		gatewayArgs.GatewayIpAddress = pulumi.String(ip)
		address = pulumi.String(ip).ToStringOutput()
	case spec.ActivateByKey:
		// The key is a secret from the VM's console: it stays one in state.
		gatewayArgs.ActivationKey = pulumi.ToSecret(pulumi.String(args.Settings.Gateway.ActivationKey)).(pulumi.StringOutput)
	default:
		return nil, address, fmt.Errorf("data: file gateway %s: unknown activation %q", name, activation)
	}
	gateway, err := storagegateway.NewGateway(ctx, name, gatewayArgs, parent, pulumi.Protect(args.Settings.Protect))
	if err != nil {
		return nil, address, err
	}
	if activation == spec.ActivateByKey {
		// Activated by key, the address is the one the gateway reports once it is up.
		address = gateway.GatewayNetworkInterfaces.ApplyT(func(nics []storagegateway.GatewayGatewayNetworkInterface) (string, error) {
			if len(nics) == 0 || nics[0].Ipv4Address == nil {
				return "", fmt.Errorf("data: file gateway %s: the gateway reports no network interface", name)
			}
			return *nics[0].Ipv4Address, nil
		}).(pulumi.StringOutput)
	}
	return gateway, address, nil
}

// gatewayArgs are the gateway's inputs but its activation: an S3 File Gateway in the configured time zone
// with its weekly maintenance, its health logs to logGroupARN, through the VPC endpoint when asked.
func gatewayArgs(name string, args *FileGatewayArgs, logGroupARN pulumi.StringInput) *storagegateway.GatewayArgs {
	g := args.Settings.Gateway
	out := &storagegateway.GatewayArgs{
		GatewayName:           pulumi.String(name),
		GatewayType:           pulumi.String("FILE_S3"),
		GatewayTimezone:       pulumi.String(g.Timezone),
		CloudwatchLogGroupArn: logGroupARN,
		MaintenanceStartTime: storagegateway.GatewayMaintenanceStartTimeArgs{
			DayOfWeek:    pulumi.String(strconv.Itoa(g.Maintenance.DayOfWeek)),
			HourOfDay:    pulumi.Int(g.Maintenance.Hour),
			MinuteOfHour: pulumi.Int(0),
		},
	}
	if g.UseVPCEndpoint {
		out.GatewayVpcEndpoint = args.VPCEndpointDNSName
	}
	return out
}

// declareCache gives the gateway its cache disk: an EC2 gateway's attached volume, or the VM's disk by id
// or found by its path.
func declareCache(ctx *pulumi.Context, name string, args *FileGatewayArgs, activation spec.Activation,
	gateway *storagegateway.Gateway, parent pulumi.ResourceOrInvokeOption) (*storagegateway.Cache, error) {
	g := args.Settings.Gateway
	var diskID pulumi.StringInput
	switch {
	case activation == spec.ActivateHost:
		diskID = storagegateway.GetLocalDiskOutput(ctx, storagegateway.GetLocalDiskOutputArgs{
			DiskNode: pulumi.String(cacheDeviceName), GatewayArn: gateway.Arn}, parent).DiskId()
	case g.CacheDiskID != "":
		diskID = pulumi.String(g.CacheDiskID).ToStringOutput()
	default:
		diskID = storagegateway.GetLocalDiskOutput(ctx, storagegateway.GetLocalDiskOutputArgs{
			DiskPath: pulumi.String(g.CacheDiskPath), GatewayArn: gateway.Arn}, parent).DiskId()
	}
	// A disk found by path is read from the running VM; a later read may name the same disk differently.
	return storagegateway.NewCache(ctx, name, &storagegateway.CacheArgs{
		GatewayArn: gateway.Arn,
		DiskId:     diskID,
	}, parent, pulumi.IgnoreChanges([]string{"diskId"}))
}

// sortedShares are the shares' names in order: resources and policies list the shares in it, so a plan
// never depends on map order.
func sortedShares(shares map[string]Share) []string { return slices.Sorted(maps.Keys(shares)) }

// shareInputs are a share's inputs that the component's other resources provide.
type shareInputs struct {
	// GatewayARN is the gateway the share is on; RoleARN the role it reaches the bucket with.
	GatewayARN, RoleARN pulumi.StringInput
	// AuditDestinationARN is the log group its audit logs go to.
	AuditDestinationARN pulumi.StringInput
}

// declareShares declares the NFS shares, in name order, and their mount commands.
func (g *FileGateway) declareShares(ctx *pulumi.Context, name string, args *FileGatewayArgs, in shareInputs,
	address pulumi.StringOutput, opts ...pulumi.ResourceOption) error {
	for _, shareName := range sortedShares(args.Settings.Shares) {
		share, err := storagegateway.NewNfsFileShare(ctx, name+"-"+shareName,
			shareArgs(shareName, args.Settings.Shares[shareName], args, in), opts...)
		if err != nil {
			return err
		}
		g.MountCommands[shareName] = pulumi.Sprintf("sudo mount -t nfs -o nolock,hard %s:%s /mnt/%s", address, share.Path, shareName)
	}
	return nil
}

// shareArgs are a share's inputs: its prefix of the bucket, mountable only by its clients with root
// squashed, KMS-encrypted with the bucket's key, Intelligent-Tiering, audited, announcing settled uploads,
// refreshing its cache as configured.
func shareArgs(name string, s Share, args *FileGatewayArgs, in shareInputs) *storagegateway.NfsFileShareArgs {
	cacheAttributes := storagegateway.NfsFileShareCacheAttributesPtrInput(nil)
	if s.CacheRefreshSeconds > 0 {
		cacheAttributes = storagegateway.NfsFileShareCacheAttributesArgs{CacheStaleTimeoutInSeconds: pulumi.Int(s.CacheRefreshSeconds)}
	}
	out := &storagegateway.NfsFileShareArgs{
		GatewayArn:          in.GatewayARN,
		FileShareName:       pulumi.String(name),
		LocationArn:         pulumi.Sprintf("%s/%s", args.BucketARN, s.Prefix),
		RoleArn:             in.RoleARN,
		ClientLists:         netrules.CIDRs(s.ClientCIDRs),
		Squash:              pulumi.String("RootSquash"),
		KmsEncrypted:        pulumi.Bool(true),
		KmsKeyArn:           args.BucketKMSKeyARN,
		DefaultStorageClass: pulumi.String("S3_INTELLIGENT_TIERING"),
		ObjectAcl:           pulumi.String("bucket-owner-full-control"),
		AuditDestinationArn: in.AuditDestinationARN,
		NotificationPolicy:  pulumi.String(uploadNotification),
		CacheAttributes:     cacheAttributes,
		NfsFileShareDefaults: storagegateway.NfsFileShareNfsFileShareDefaultsArgs{
			DirectoryMode: pulumi.String("0755"),
			FileMode:      pulumi.String("0644"),
		},
		RequesterPays: pulumi.Bool(false),
	}
	if args.Settings.Gateway.UseVPCEndpoint {
		// S3 PrivateLink for the share's data; the bucket region is required with it
		// (https://docs.aws.amazon.com/filegateway/latest/files3/CreatingAnNFSFileShare.html).
		out.VpcEndpointDnsName = args.S3EndpointDNSName
		out.BucketRegion = pulumi.String(args.BucketRegion)
	}
	return out
}

// bucketRole is the role the shares assume: read and write under their own prefixes of the bucket, and use
// of the bucket's key, nothing else.
func bucketRole(ctx *pulumi.Context, name string, args *FileGatewayArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Lets the " + name + " file shares reach their bucket prefixes"),
		AssumeRolePolicy: iamdoc.AssumeRole("storagegateway.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	policy := pulumi.All(args.BucketARN, args.BucketKMSKeyARN).ApplyT(func(v []any) (string, error) {
		bucket, key := v[0].(string), v[1].(string)
		var objects []string
		for _, shareName := range sortedShares(args.Settings.Shares) {
			objects = append(objects, bucket+"/"+args.Settings.Shares[shareName].Prefix+"*")
		}
		return iamdoc.JSON(
			iamdoc.Allow([]string{"s3:GetAccelerateConfiguration", "s3:GetBucketLocation", "s3:GetBucketVersioning",
				"s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"}, bucket),
			iamdoc.Allow([]string{"s3:AbortMultipartUpload", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:GetObject",
				"s3:GetObjectAcl", "s3:GetObjectVersion", "s3:ListMultipartUploadParts", "s3:PutObject", "s3:PutObjectAcl"}, objects...),
			iamdoc.Allow([]string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, key),
		)
	}).(pulumi.StringOutput)
	grant, err := iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{Role: role.Name, Policy: policy}, parent)
	return role, grant, err
}
