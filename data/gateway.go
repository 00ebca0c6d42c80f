package data

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/storagegateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// uploadNotification makes the gateway emit an event once a file has been quiet for a minute, so cloud
// applications react to complete files rather than to every partial write.
const uploadNotification = `{"Upload":{"SettlingTimeInSeconds":60}}`

// Share is one NFS share of the gateway.
type Share struct {
	// Name names the share and its mount directory on premises.
	Name string
	// Prefix is the bucket prefix it maps to ("claims/").
	Prefix string
	// ClientCIDRs may mount it: on-premises networks, never 0.0.0.0/0.
	ClientCIDRs []netip.Prefix
	// CacheRefreshSeconds is how stale the gateway's view of the bucket may get; 0 never refreshes.
	CacheRefreshSeconds int
}

// FileGatewayArgs configures a FileGateway. A gateway VM on premises sets exactly one of ActivationKey and
// IPAddress; a gateway on EC2 (Host) sets neither, since the program activates it by its private address.
type FileGatewayArgs struct {
	// Host runs the gateway on EC2 in a private subnet instead of a VM on premises. Optional.
	Host *GatewayHost
	// ActivationKey activates the gateway VM (a secret).
	ActivationKey pulumi.StringInput
	// IPAddress is the gateway VM's address, from which `pulumi up` fetches the activation key on port 80.
	IPAddress netip.Addr
	// VpcEndpointDNSName activates and connects through the Storage Gateway interface endpoint, keeping the
	// gateway's traffic on the private link. Optional.
	VpcEndpointDNSName pulumi.StringInput
	// Timezone is the gateway's time zone ("GMT-5:00"); the maintenance start is in it. Required.
	Timezone string
	// MaintenanceDayOfWeek (0 = Sunday) and MaintenanceHour start the weekly maintenance.
	MaintenanceDayOfWeek, MaintenanceHour int
	// CacheDiskPath is the VM's cache disk ("/dev/sdb"), found by the gateway's local-disk lookup; or
	// CacheDiskID names it directly as the gateway lists it. Exactly one, for a VM.
	CacheDiskPath, CacheDiskID string
	// Shares are the NFS shares. Required.
	Shares []Share
	// BucketArn and BucketKmsKeyArn are the file bucket and its key; the gateway may reach nothing else.
	// Required.
	BucketArn, BucketKmsKeyArn pulumi.StringInput
	// LogRetentionDays and LogsKeyArn keep the gateway's health and audit logs. Required.
	LogRetentionDays int
	LogsKeyArn       pulumi.StringInput
	// AccountID is the AWS account, for the gateway role's trust policy. Required.
	AccountID pulumi.StringInput
	// Protect keeps the activated gateway and its logs through a destroy: reactivating means a new key
	// from the VM's console.
	Protect bool
}

// FileGateway is the S3 File Gateway in the data centre and its NFS shares.
type FileGateway struct {
	pulumi.ResourceState

	// GatewayArn identifies the gateway.
	GatewayArn pulumi.StringOutput
	// MountCommands maps each share's name to the command an on-premises host runs to mount it.
	MountCommands map[string]pulumi.StringOutput
}

func (a *FileGatewayArgs) validate() error {
	var errs []error
	switch {
	case a.Host != nil:
		if a.ActivationKey != nil || a.IPAddress.IsValid() || a.CacheDiskPath != "" || a.CacheDiskID != "" {
			errs = append(errs, errors.New("a gateway on EC2 is activated by its private address on its own cache disk: no activation key, IP address or disk path"))
		}
		errs = append(errs, a.Host.validate())
	case (a.ActivationKey == nil) == !a.IPAddress.IsValid():
		errs = append(errs, errors.New("exactly one of activation key and IP address is required"))
	case (a.CacheDiskPath == "") == (a.CacheDiskID == ""):
		errs = append(errs, errors.New("exactly one of the VM's cache disk path and disk id is required"))
	}
	if a.Timezone == "" || a.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("time zone and log retention are required"))
	}
	if len(a.Shares) == 0 {
		errs = append(errs, errors.New("at least one share is required"))
	}
	for _, s := range a.Shares {
		for _, c := range s.ClientCIDRs {
			if c.Bits() == 0 {
				errs = append(errs, fmt.Errorf("share %s: client %s would let any host mount it", s.Name, c))
			}
		}
		if len(s.ClientCIDRs) == 0 {
			errs = append(errs, fmt.Errorf("share %s: a client list is required", s.Name))
		}
	}
	if a.BucketArn == nil || a.BucketKmsKeyArn == nil || a.LogsKeyArn == nil || a.AccountID == nil {
		errs = append(errs, errors.New("bucket, bucket key, logs key and account are required"))
	}
	return errors.Join(errs...)
}

// NewFileGateway activates the gateway, gives it its cache disk, a role scoped to the bucket and its key,
// and declares the NFS shares.
func NewFileGateway(ctx *pulumi.Context, name string, args *FileGatewayArgs, opts ...pulumi.ResourceOption) (*FileGateway, error) {
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("data: file gateway %s: %w", name, err)
	}
	g := &FileGateway{MountCommands: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource("hybridcloud:data:FileGateway", name, g, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(g)

	logs, err := cloudwatch.NewLogGroup(ctx, name, &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.LogRetentionDays),
		KmsKeyId:        args.LogsKeyArn,
	}, parent, pulumi.RetainOnDelete(args.Protect))
	if err != nil {
		return nil, err
	}
	gatewayArgs := &storagegateway.GatewayArgs{
		GatewayName:           pulumi.String(name),
		GatewayType:           pulumi.String("FILE_S3"),
		GatewayTimezone:       pulumi.String(args.Timezone),
		GatewayVpcEndpoint:    args.VpcEndpointDNSName,
		ActivationKey:         args.ActivationKey,
		CloudwatchLogGroupArn: logs.Arn,
		MaintenanceStartTime: storagegateway.GatewayMaintenanceStartTimeArgs{
			DayOfWeek:    pulumi.String(strconv.Itoa(args.MaintenanceDayOfWeek)),
			HourOfDay:    pulumi.Int(args.MaintenanceHour),
			MinuteOfHour: pulumi.Int(0),
		},
	}
	diskArgs := storagegateway.GetLocalDiskOutputArgs{DiskPath: pulumi.String(args.CacheDiskPath)}
	var address pulumi.StringOutput
	switch {
	case args.Host != nil:
		instance, err := g.host(ctx, name, args, parent)
		if err != nil {
			return nil, err
		}
		gatewayArgs.GatewayIpAddress = instance.PrivateIp
		address = instance.PrivateIp
		diskArgs = storagegateway.GetLocalDiskOutputArgs{DiskNode: pulumi.String(cacheDeviceName)}
	case args.IPAddress.IsValid():
		gatewayArgs.GatewayIpAddress = pulumi.String(args.IPAddress.String())
		address = pulumi.String(args.IPAddress.String()).ToStringOutput()
	}
	gateway, err := storagegateway.NewGateway(ctx, name, gatewayArgs, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	if args.ActivationKey != nil {
		// Activated by key, the address is the one the gateway reports once it is up.
		address = gateway.GatewayNetworkInterfaces.ApplyT(func(nics []storagegateway.GatewayGatewayNetworkInterface) (string, error) {
			if len(nics) == 0 || nics[0].Ipv4Address == nil {
				return "", fmt.Errorf("data: gateway %s reports no network interface", name)
			}
			return *nics[0].Ipv4Address, nil
		}).(pulumi.StringOutput)
	}
	diskID := pulumi.String(args.CacheDiskID).ToStringOutput()
	if args.CacheDiskID == "" {
		diskArgs.GatewayArn = gateway.Arn
		diskID = storagegateway.GetLocalDiskOutput(ctx, diskArgs, parent).DiskId()
	}
	// A disk found by path is read from the running VM; a later read may name the same disk differently.
	cache, err := storagegateway.NewCache(ctx, name, &storagegateway.CacheArgs{
		GatewayArn: gateway.Arn,
		DiskId:     diskID,
	}, parent, pulumi.IgnoreChanges([]string{"diskId"}))
	if err != nil {
		return nil, err
	}
	role, grant, err := g.bucketRole(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}

	for _, s := range args.Shares {
		cacheAttributes := storagegateway.NfsFileShareCacheAttributesPtrInput(nil)
		if s.CacheRefreshSeconds > 0 {
			cacheAttributes = storagegateway.NfsFileShareCacheAttributesArgs{CacheStaleTimeoutInSeconds: pulumi.Int(s.CacheRefreshSeconds)}
		}
		share, err := storagegateway.NewNfsFileShare(ctx, name+"-"+s.Name, &storagegateway.NfsFileShareArgs{
			GatewayArn:          gateway.Arn,
			FileShareName:       pulumi.String(s.Name),
			LocationArn:         pulumi.Sprintf("%s/%s", args.BucketArn, s.Prefix),
			RoleArn:             role.Arn,
			ClientLists:         netrules.CIDRs(s.ClientCIDRs),
			Squash:              pulumi.String("RootSquash"),
			KmsEncrypted:        pulumi.Bool(true),
			KmsKeyArn:           args.BucketKmsKeyArn,
			DefaultStorageClass: pulumi.String("S3_INTELLIGENT_TIERING"),
			ObjectAcl:           pulumi.String("bucket-owner-full-control"),
			AuditDestinationArn: logs.Arn,
			NotificationPolicy:  pulumi.String(uploadNotification),
			CacheAttributes:     cacheAttributes,
			NfsFileShareDefaults: storagegateway.NfsFileShareNfsFileShareDefaultsArgs{
				DirectoryMode: pulumi.String("0755"),
				FileMode:      pulumi.String("0644"),
			},
			RequesterPays: pulumi.Bool(false),
		}, parent, pulumi.DependsOn([]pulumi.Resource{cache, grant}))
		if err != nil {
			return nil, err
		}
		g.MountCommands[s.Name] = pulumi.Sprintf("sudo mount -t nfs -o nolock,hard %s:%s /mnt/%s", address, share.Path, s.Name)
	}

	g.GatewayArn = gateway.Arn
	outputs := pulumi.Map{"gatewayArn": g.GatewayArn}
	for share, cmd := range g.MountCommands {
		outputs["mount-"+share] = cmd
	}
	return g, ctx.RegisterResourceOutputs(g, outputs)
}

// bucketRole is the role the shares assume: read and write under their own prefixes of the bucket, and use
// of the bucket's key, nothing else.
func (g *FileGateway) bucketRole(ctx *pulumi.Context, name string, args *FileGatewayArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String("Lets the " + name + " file shares reach their bucket prefixes"),
		AssumeRolePolicy: iamdoc.AssumeRole("storagegateway.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	policy := pulumi.All(args.BucketArn, args.BucketKmsKeyArn).ApplyT(func(v []any) (string, error) {
		bucket, key := v[0].(string), v[1].(string)
		var objects []string
		for _, s := range args.Shares {
			objects = append(objects, bucket+"/"+s.Prefix+"*")
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
