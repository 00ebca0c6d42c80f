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
	// Region is the stack's region: the bucket role uses the key only through its S3. Required.
	Region string
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
	// CacheDiskID is the cache disk's id as the gateway lists it: what Settings.Gateway.CacheDiskID takes
	// after the first activation, so later runs no longer ask the gateway.
	CacheDiskID pulumi.StringOutput
	// MountCommands maps each share's name to the commands an on-premises host runs to mount it once;
	// FstabLines to the /etc/fstab line that mounts it at every boot, after the network is up (_netdev).
	// Activated by key, the gateway's address is the one it reports once up: a preview leaves those unknown.
	MountCommands map[string]pulumi.StringOutput
	FstabLines    map[string]pulumi.StringOutput
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
		if err := spec.CheckAMI(g.Mode, g.AMI != ""); err != nil {
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
	if a.BucketARN == nil || a.BucketKMSKeyARN == nil || a.LogsKeyARN == nil || a.AccountID == nil || a.Region == "" {
		errs = append(errs, errors.New("bucket, bucket key, logs key, account and region are required"))
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
	g := &FileGateway{MountCommands: map[string]pulumi.StringOutput{}, FstabLines: map[string]pulumi.StringOutput{}}
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
	role, grant, err := bucketRole(ctx, name, args, gateway.Arn, parent)
	if err != nil {
		return nil, err
	}
	in := shareInputs{GatewayARN: gateway.Arn, RoleARN: role.Arn, AuditDestinationARN: logs.Arn}
	if err := g.declareShares(ctx, name, args, in, address, parent, pulumi.DependsOn([]pulumi.Resource{cache, grant})); err != nil {
		return nil, err
	}

	g.GatewayARN = gateway.Arn
	g.CacheDiskID = cache.DiskId
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{
		"gatewayArn":    g.GatewayARN,
		"cacheDiskId":   g.CacheDiskID,
		"mountCommands": pulumi.ToStringMapOutput(g.MountCommands),
		"fstabLines":    pulumi.ToStringMapOutput(g.FstabLines),
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

// declareCache gives the gateway its cache disk: by the id in the settings, or, at the first activation,
// found on the gateway (an EC2 gateway's attached volume at its device, a VM's disk at its path). The
// lookup is an invoke, so it runs on every preview and up while the settings name no id, and fails them
// while the gateway cannot be reached (the provider's ListLocalDisks needs a connected gateway): config
// warns until the id is set.
func declareCache(ctx *pulumi.Context, name string, args *FileGatewayArgs, activation spec.Activation,
	gateway *storagegateway.Gateway, parent pulumi.ResourceOrInvokeOption) (*storagegateway.Cache, error) {
	g := args.Settings.Gateway
	var diskID pulumi.StringInput
	switch {
	case g.CacheDiskID != "":
		diskID = pulumi.String(g.CacheDiskID)
	case activation == spec.ActivateHost:
		diskID = storagegateway.GetLocalDiskOutput(ctx, storagegateway.GetLocalDiskOutputArgs{
			DiskNode: pulumi.String(cacheDeviceName), GatewayArn: gateway.Arn}, parent).DiskId()
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

// nfsOptions are the mount options AWS gives for File Gateway shares: hard, so a client waits out a gateway
// restart instead of failing writes; nolock, since the gateway does not serve NFS locks
// (https://docs.aws.amazon.com/filegateway/latest/files3/GettingStartedAccessFileShare.html).
const nfsOptions = "nolock,hard"

// declareShares declares the NFS shares, in name order, and their mount commands and fstab lines.
func (g *FileGateway) declareShares(ctx *pulumi.Context, name string, args *FileGatewayArgs, in shareInputs,
	address pulumi.StringOutput, opts ...pulumi.ResourceOption) error {
	for _, shareName := range sortedShares(args.Settings.Shares) {
		share, err := storagegateway.NewNfsFileShare(ctx, name+"-"+shareName,
			shareArgs(shareName, args.Settings.Shares[shareName], args, in), opts...)
		if err != nil {
			return err
		}
		g.MountCommands[shareName] = pulumi.Sprintf("sudo mkdir -p /mnt/%s && sudo mount -t nfs -o %s %s:%s /mnt/%s", shareName, nfsOptions, address, share.Path, shareName)
		// _netdev: systemd mounts it once the network is up, not before (a boot that hangs on the gateway).
		g.FstabLines[shareName] = pulumi.Sprintf("%s:%s /mnt/%s nfs %s,_netdev 0 0", address, share.Path, shareName, nfsOptions)
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

// gatewayObjectActions are what a File Gateway does to the objects under its shares' prefixes (File
// Gateway user guide, "Granting access to an Amazon S3 bucket"), without s3:DeleteObjectVersion, which the
// gateway does not need: it writes and deletes current objects, and versioning keeps what it overwrites or
// deletes, which only a break-glass role may destroy (the bucket's lifecycle expires old versions). The ACL
// actions stay, although the bucket enforces BucketOwnerEnforced: the shares write with the
// bucket-owner-full-control canned ACL (the one ACL such a bucket accepts), and S3 wants s3:PutObjectAcl for
// a PutObject that carries one (S3 API reference, PutObject, "Permissions").
var gatewayObjectActions = []string{"s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectVersion",
	"s3:ListMultipartUploadParts", "s3:PutObject", "s3:PutObjectAcl"}

// gatewayStatements are the shares' role policy: bucket-level reads, listing only under the shares'
// prefixes, object actions under them, and the bucket key only through S3 for this bucket.
func gatewayStatements(bucket, key, region string, prefixes []string) []iamdoc.Statement {
	var objects, listed []string
	for _, p := range prefixes {
		objects = append(objects, bucket+"/"+p+"*")
		listed = append(listed, p+"*")
	}
	bucketReads := iamdoc.Allow([]string{"s3:GetAccelerateConfiguration", "s3:GetBucketLocation", "s3:GetBucketVersioning",
		"s3:ListBucketMultipartUploads"}, bucket)
	bucketReads["Sid"] = "ReadTheBucket"
	list := iamdoc.Allow([]string{"s3:ListBucket", "s3:ListBucketVersions"}, bucket)
	list["Sid"] = "ListOnlyTheSharesPrefixes"
	list["Condition"] = map[string]any{"StringLike": map[string]any{"s3:prefix": listed}}
	objectActions := iamdoc.Allow(gatewayObjectActions, objects...)
	objectActions["Sid"] = "ReadAndWriteUnderTheSharesPrefixes"
	use := iamdoc.Allow([]string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}, key)
	use["Sid"] = "UseTheBucketKeyThroughS3"
	use["Condition"] = map[string]any{"StringEquals": map[string]any{"kms:ViaService": "s3." + region + ".amazonaws.com"}}
	return []iamdoc.Statement{bucketReads, list, objectActions, use}
}

// bucketRole is the role the shares assume: read and write under their own prefixes of the bucket, and use
// of the bucket's key through S3, nothing else. Only this gateway may assume it (aws:SourceArn, File
// Gateway user guide, "Cross-service confused deputy prevention").
func bucketRole(ctx *pulumi.Context, name string, args *FileGatewayArgs, gatewayARN pulumi.StringOutput, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Lets the " + name + " file shares reach their bucket prefixes"),
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("storagegateway.amazonaws.com", args.AccountID, gatewayARN),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	policy := pulumi.All(args.BucketARN, args.BucketKMSKeyARN).ApplyT(func(v []any) (string, error) {
		var prefixes []string
		for _, shareName := range sortedShares(args.Settings.Shares) {
			prefixes = append(prefixes, args.Settings.Shares[shareName].Prefix)
		}
		return iamdoc.JSON(gatewayStatements(v[0].(string), v[1].(string), args.Region, prefixes)...)
	}).(pulumi.StringOutput)
	grant, err := iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{Role: role.Name, Policy: policy}, parent)
	return role, grant, err
}
