package data

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/storagegateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const (
	testEndpoint   = "vpce-1.storagegateway.us-east-1.vpce.amazonaws.com"
	testS3Endpoint = "vpce-2.s3.us-east-1.vpce.amazonaws.com"
)

// testGatewayArgs are a VM activated by key through the VPC endpoint, with two shares.
func testGatewayArgs() *FileGatewayArgs {
	return &FileGatewayArgs{
		Settings: FileGatewaySettings{
			Gateway: Appliance{
				Mode: spec.GatewayVM, ActivationKey: "ABCDE-12345-FGHIJ-67890-KLMNO", UseVPCEndpoint: true,
				Timezone: "GMT-5:00", Maintenance: Maintenance{DayOfWeek: 0, Hour: 2}, CacheDiskPath: "/dev/sdb",
				LogRetentionDays: 365,
			},
			Shares: map[string]Share{
				"claims":    {Prefix: "claims/", ClientCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")}, CacheRefreshSeconds: 300},
				"documents": {Prefix: "documents/", ClientCIDRs: onPremises},
			},
			Protect: true,
		},
		BucketARN:          pulumi.String("arn:aws:s3:::files"),
		BucketKMSKeyARN:    pulumi.String("arn:aws:kms:us-east-1:123456789012:key/files"),
		VPCEndpointDNSName: pulumi.String(testEndpoint),
		S3EndpointDNSName:  pulumi.String(testS3Endpoint),
		BucketRegion:       "us-east-1",
		LogsKeyARN:         testLogsKey,
		AccountID:          testAccount,
		Region:             "us-east-1",
	}
}

// testHostArgs are testGatewayArgs as an EC2 gateway.
func testHostArgs() *FileGatewayArgs {
	args := testGatewayArgs()
	g := &args.Settings.Gateway
	g.Mode, g.ActivationKey, g.CacheDiskPath = spec.GatewayEC2, "", ""
	g.InstanceType, g.CacheDiskGiB, g.AMI = "m5.xlarge", 150, "ami-0fedcba9876543210"
	args.VPCID, args.SubnetID = pulumi.String("vpc-1"), pulumi.String("subnet-app-a")
	args.VPCCIDR = netip.MustParsePrefix("10.20.0.0/16")
	args.ActivationCIDRs = []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")}
	return args
}

// runGateway declares one FileGateway named "test-gw" under mocks and returns the run and the component.
func runGateway(t *testing.T, mode plan.Mode, args *FileGatewayArgs) (*plan.Result, *FileGateway) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*FileGateway, error) {
		return NewFileGateway(ctx, "test-gw", args, opts...)
	})
}

// gatewayErr is the error NewFileGateway returns for args.
func gatewayErr(t *testing.T, args *FileGatewayArgs) error {
	t.Helper()
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*FileGateway, error) {
		return NewFileGateway(ctx, "bad", args, opts...)
	})
	require.Error(t, err)
	return err
}

func TestShareArgsAdmitOnlyTheirClientsWithRootSquashAndTheBucketsKey(t *testing.T) {
	args := testGatewayArgs()
	in := shareInputs{GatewayARN: pulumi.String("arn:gw"), RoleARN: pulumi.String("arn:role"), AuditDestinationARN: pulumi.String("arn:logs")}
	claims := shareArgs("claims", args.Settings.Shares["claims"], args, in)
	assert.Equal(t, pulumi.String("claims"), claims.FileShareName)
	assert.Equal(t, pulumi.ToStringArray([]string{"10.100.0.0/16"}), claims.ClientLists)
	assert.Equal(t, pulumi.String("RootSquash"), claims.Squash)
	assert.Equal(t, pulumi.Bool(true), claims.KmsEncrypted)
	assert.Equal(t, args.BucketKMSKeyARN, claims.KmsKeyArn)
	assert.Equal(t, pulumi.String("S3_INTELLIGENT_TIERING"), claims.DefaultStorageClass)
	assert.Equal(t, pulumi.String("bucket-owner-full-control"), claims.ObjectAcl)
	assert.Equal(t, in.AuditDestinationARN, claims.AuditDestinationArn, "audited to CloudWatch")
	assert.Equal(t, in.RoleARN, claims.RoleArn)
	assert.Equal(t, in.GatewayARN, claims.GatewayArn)
	assert.JSONEq(t, `{"Upload":{"SettlingTimeInSeconds":60}}`, string(claims.NotificationPolicy.(pulumi.String)))
	assert.Equal(t, storagegateway.NfsFileShareCacheAttributesArgs{CacheStaleTimeoutInSeconds: pulumi.Int(300)}, claims.CacheAttributes)

	documents := shareArgs("documents", args.Settings.Shares["documents"], args, in)
	assert.Equal(t, pulumi.ToStringArray([]string{"10.100.0.0/16", "172.20.0.0/16"}), documents.ClientLists)
	assert.Nil(t, documents.CacheAttributes, "0: no automatic refresh")
}

func TestSharesMapTheirPrefixesAndAreDeclaredInNameOrder(t *testing.T) {
	res, g := runGateway(t, plan.Up, testGatewayArgs())
	shares := plantest.Every(t, res, token.StorageGatewayNFSFileShare, 2)
	require.Len(t, shares, 2)
	assert.Equal(t, "arn:aws:s3:::files/claims/", plantest.Named(t, res, token.StorageGatewayNFSFileShare, "test-gw-claims").Props()["locationArn"])
	assert.Equal(t, "arn:aws:s3:::files/documents/", plantest.Named(t, res, token.StorageGatewayNFSFileShare, "test-gw-documents").Props()["locationArn"])
	for _, s := range shares {
		assert.NotEmpty(t, s.Dependencies["auditDestinationArn"], "%s audits to CloudWatch", s.Name)
	}
	assert.Len(t, g.MountCommands, 2)
}

func TestGatewayArgsFollowTheApplianceAndUseTheEndpointOnlyWhenAsked(t *testing.T) {
	args := testGatewayArgs()
	a := gatewayArgs("test-gw", args, pulumi.String("arn:logs"))
	assert.Equal(t, pulumi.String("test-gw"), a.GatewayName)
	assert.Equal(t, pulumi.String("FILE_S3"), a.GatewayType)
	assert.Equal(t, pulumi.String("GMT-5:00"), a.GatewayTimezone)
	assert.Equal(t, pulumi.String(testEndpoint), a.GatewayVpcEndpoint)
	assert.Equal(t, pulumi.String("arn:logs"), a.CloudwatchLogGroupArn)
	assert.Nil(t, a.ActivationKey, "activation is activate's business")

	args.Settings.Gateway.UseVPCEndpoint = false
	assert.Nil(t, gatewayArgs("test-gw", args, pulumi.String("arn:logs")).GatewayVpcEndpoint, "the internet endpoint, though a DNS name is at hand")
}

func TestAVMIsActivatedByKeyWhichStaysSecret(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	gw := plantest.Named(t, res, token.StorageGatewayGateway, "test-gw")
	p := gw.Props()
	assert.Equal(t, plan.SecretMask, p["activationKey"], "the activation key stays a secret")
	assert.NotContains(t, p, "gatewayIpAddress")
	assert.Equal(t, testEndpoint, p["gatewayVpcEndpoint"])
	assert.Equal(t, map[string]any{"dayOfWeek": "0", "hourOfDay": 2.0, "minuteOfHour": 0.0}, p["maintenanceStartTime"])
	assert.Equal(t, []string{plantest.Named(t, res, token.CloudWatchLogGroup, "test-gw").URN}, gw.Dependencies["cloudwatchLogGroupArn"])
	assert.True(t, gw.Protect)

	cache := plantest.Named(t, res, token.StorageGatewayCache, "test-gw")
	assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:1:0", cache.Props()["diskId"], "the disk found at the configured path")
}

func TestACacheDiskNamedByIDNeedsNoLookup(t *testing.T) {
	args := testGatewayArgs()
	args.Settings.Gateway.CacheDiskPath, args.Settings.Gateway.CacheDiskID = "", "pci-0000:03:00.0-scsi-0:0:2:0"
	res, _ := runGateway(t, plan.Up, args)
	assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:2:0", plantest.Named(t, res, token.StorageGatewayCache, "test-gw").Props()["diskId"])
}

func TestGatewayRoleReachesOnlyItsSharesPrefixesAndKeyAndNeverDestroysOldVersions(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	trust := plantest.Trust(t, plantest.Named(t, res, token.IAMRole, "test-gw").Props()["assumeRolePolicy"])
	assert.Equal(t, map[string]any{"Service": "storagegateway.amazonaws.com"}, trust["Principal"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:storagegateway:us-east-1:123456789012:test-gw"}, // the mock ARN
	}, trust["Condition"], "only this gateway assumes it")
	sids := plantest.Statements(t, plantest.Named(t, res, token.IAMRolePolicy, "test-gw").Props()["policy"])
	require.Len(t, sids, 4)
	assert.Equal(t, []any{"arn:aws:s3:::files"}, sids["ReadTheBucket"]["Resource"])
	assert.Equal(t, map[string]any{"StringLike": map[string]any{"s3:prefix": []any{"claims/*", "documents/*"}}}, sids["ListOnlyTheSharesPrefixes"]["Condition"])
	objects := sids["ReadAndWriteUnderTheSharesPrefixes"]
	assert.Equal(t, []any{"arn:aws:s3:::files/claims/*", "arn:aws:s3:::files/documents/*"}, objects["Resource"])
	assert.NotContains(t, objects["Action"], "s3:DeleteObjectVersion", "versioning is the undo of the shares' writes")
	assert.Contains(t, objects["Action"], "s3:PutObjectAcl", "the shares write with the bucket-owner-full-control canned ACL")
	key := sids["UseTheBucketKeyThroughS3"]
	assert.Equal(t, []any{"arn:aws:kms:us-east-1:123456789012:key/files"}, key["Resource"])
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"kms:ViaService": "s3.us-east-1.amazonaws.com"}}, key["Condition"])
}

func TestMountCommandsNameTheGatewaysAddressAndTheShare(t *testing.T) {
	args := testGatewayArgs()
	args.Settings.Gateway.ActivationKey, args.Settings.Gateway.IPAddress = "", netip.MustParseAddr("10.100.20.15")
	for _, mode := range plantest.Modes {
		res, g := runGateway(t, mode, args)
		gw := plantest.Named(t, res, token.StorageGatewayGateway, "test-gw").Props()
		assert.Equal(t, "10.100.20.15", gw["gatewayIpAddress"], mode)
		assert.NotContains(t, gw, "activationKey", mode)
		v := plantest.Await(t, g.MountCommands["claims"])
		if mode == plan.Up {
			assert.Equal(t, "sudo mkdir -p /mnt/claims && sudo mount -t nfs -o nolock,hard 10.100.20.15:/test-gw-claims /mnt/claims", v.Value)
			assert.Equal(t, "10.100.20.15:/test-gw-claims /mnt/claims nfs nolock,hard,_netdev 0 0", plantest.Await(t, g.FstabLines["claims"]).Value,
				"the fstab line mounts after the network is up")
		} else {
			assert.False(t, v.Known, "the export path is known once the share exists")
			assert.False(t, plantest.Await(t, g.FstabLines["claims"]).Known)
		}
	}

	// Activated by key, the address is the one the gateway reports; a preview cannot know it yet.
	_, g := runGateway(t, plan.Up, testGatewayArgs())
	assert.Equal(t, "sudo mkdir -p /mnt/documents && sudo mount -t nfs -o nolock,hard 10.100.20.16:/test-gw-documents /mnt/documents", plantest.Await(t, g.MountCommands["documents"]).Value)
	assert.Equal(t, "arn:aws:storagegateway:us-east-1:123456789012:test-gw", plantest.Await(t, g.GatewayARN).Value)
	_, g = runGateway(t, plan.Preview, testGatewayArgs())
	assert.False(t, plantest.Await(t, g.MountCommands["claims"]).Known)
}

func TestHostArgsArePrivateHardenedAndEncryptedWithTheBucketsKey(t *testing.T) {
	args := testHostArgs()
	a := hostArgs("test-gw", args, pulumi.String("ami-1"), pulumi.String("sg-1"))
	assert.Equal(t, pulumi.String("ami-1"), a.Ami)
	assert.Equal(t, pulumi.String("m5.xlarge"), a.InstanceType)
	assert.Equal(t, args.SubnetID, a.SubnetId)
	assert.Equal(t, pulumi.Bool(false), a.AssociatePublicIpAddress)
	assert.Equal(t, pulumi.Bool(true), a.Monitoring, "detailed monitoring")
	assert.Equal(t, pulumi.String("required"), a.MetadataOptions.(ec2.InstanceMetadataOptionsArgs).HttpTokens, "IMDSv2 only")
	root := a.RootBlockDevice.(ec2.InstanceRootBlockDeviceArgs)
	assert.Equal(t, pulumi.Bool(true), root.Encrypted)
	assert.Equal(t, args.BucketKMSKeyARN, root.KmsKeyId)
	cache := a.EbsBlockDevices.(ec2.InstanceEbsBlockDeviceArray)[0].(ec2.InstanceEbsBlockDeviceArgs)
	assert.Equal(t, pulumi.Bool(true), cache.Encrypted)
	assert.Equal(t, args.BucketKMSKeyARN, cache.KmsKeyId, "the cache holds the bucket's files: the bucket's key")
	assert.Equal(t, pulumi.Int(150), cache.VolumeSize)
	assert.Equal(t, pulumi.String("/dev/sdb"), cache.DeviceName)
	assert.Equal(t, pulumi.Bool(true), a.DisableApiTermination, "protected: termination protection")

	args.Settings.Protect = false
	assert.Equal(t, pulumi.Bool(false), hostArgs("test-gw", args, pulumi.String("ami-1"), pulumi.String("sg-1")).DisableApiTermination)
}

func TestAnEC2GatewayIsActivatedByItsPrivateAddressOnItsAttachedVolume(t *testing.T) {
	res, g := runGateway(t, plan.Up, testHostArgs())
	instance := plantest.Named(t, res, token.EC2Instance, "test-gw")
	assert.Equal(t, "ami-0fedcba9876543210", instance.Props()["ami"], "the pinned AMI: a new Amazon image replaces nothing unasked")
	assert.NotContains(t, res.Invokes, "aws:ssm/getParameter:getParameter", "no lookup of Amazon's latest image")
	assert.Equal(t, []string{plantest.Named(t, res, token.EC2SecurityGroup, "test-gw-host").URN}, instance.Dependencies["vpcSecurityGroupIds"])
	assert.True(t, instance.Protect)

	gw := plantest.Named(t, res, token.StorageGatewayGateway, "test-gw")
	assert.Equal(t, []string{instance.URN}, gw.Dependencies["gatewayIpAddress"], "activated by the instance's private address")
	assert.NotContains(t, gw.Props(), "activationKey")
	assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:1:0", plantest.Named(t, res, token.StorageGatewayCache, "test-gw").Props()["diskId"],
		"the volume found at its device")
	assert.Equal(t, "sudo mkdir -p /mnt/claims && sudo mount -t nfs -o nolock,hard 10.20.0.50:/test-gw-claims /mnt/claims", plantest.Await(t, g.MountCommands["claims"]).Value)
}

func TestAnEC2GatewayAdmitsNFSOnlyFromItsClientsAndActivationFromOnPremises(t *testing.T) {
	sg := hostSecurityGroupArgs("test-gw", testHostArgs())
	ingress := sg.Ingress.(ec2.SecurityGroupIngressArray)
	require.Len(t, ingress, 1+3*2, "activation, then NFS ports over TCP and UDP")
	activation := ingress[0].(ec2.SecurityGroupIngressArgs)
	assert.Equal(t, pulumi.Int(80), activation.FromPort)
	assert.Equal(t, pulumi.ToStringArray([]string{"10.100.0.0/16"}), activation.CidrBlocks)
	for _, r := range ingress[1:] {
		rule := r.(ec2.SecurityGroupIngressArgs)
		assert.Contains(t, []pulumi.IntInput{pulumi.Int(111), pulumi.Int(2049), pulumi.Int(20048)}, rule.FromPort)
		assert.Equal(t, pulumi.ToStringArray([]string{"10.100.0.0/16", "172.20.0.0/16"}), rule.CidrBlocks,
			"every share's clients, each once, in share order")
	}
	egress := sg.Egress.(ec2.SecurityGroupEgressArray)
	require.Len(t, egress, 1+3)
	anywhere := egress[0].(ec2.SecurityGroupEgressArgs)
	assert.Equal(t, pulumi.ToStringArray([]string{"0.0.0.0/0"}), anywhere.CidrBlocks)
	assert.Equal(t, pulumi.Int(443), anywhere.FromPort, "only HTTPS leaves for anywhere")
	for _, r := range egress[1:] {
		assert.Equal(t, pulumi.ToStringArray([]string{"10.20.0.0/16"}), r.(ec2.SecurityGroupEgressArgs).CidrBlocks, "control ports only to the VPC")
	}
}

func TestEveryFileGatewayChildIsParentedAndNamedAfterIt(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	assert.Equal(t, 7, assertChildren(t, res, FileGatewayType, "test-gw"), "log group, gateway, cache, role and policy, 2 shares")
	res, _ = runGateway(t, plan.Up, testHostArgs())
	assert.Equal(t, 9, assertChildren(t, res, FileGatewayType, "test-gw"), "and the instance with its security group")
}

func TestNewFileGatewayRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*FileGateway, error) {
		return NewFileGateway(ctx, "bad", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "data: file gateway bad: args are required")

	tests := map[string]struct {
		args      func() *FileGatewayArgs
		breakArgs func(a *FileGatewayArgs)
	}{
		"set activationKey or ipAddress, not both": {testGatewayArgs, func(a *FileGatewayArgs) {
			a.Settings.Gateway.IPAddress = netip.MustParseAddr("10.100.20.15")
		}},
		"set cacheDiskPath or cacheDiskId, not both": {testGatewayArgs, func(a *FileGatewayArgs) {
			a.Settings.Gateway.CacheDiskID = "pci-0000:03:00.0-scsi-0:0:1:0"
		}},
		"would let any host mount it": {testGatewayArgs, func(a *FileGatewayArgs) {
			a.Settings.Shares["claims"] = Share{Prefix: "claims/", ClientCIDRs: []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}}
		}},
		"share documents: a client list is required": {testGatewayArgs, func(a *FileGatewayArgs) {
			a.Settings.Shares["documents"] = Share{Prefix: "documents/"}
		}},
		"at least one share is required":                          {testGatewayArgs, func(a *FileGatewayArgs) { a.Settings.Shares = nil }},
		"endpoints' DNS names and the bucket region are required": {testGatewayArgs, func(a *FileGatewayArgs) { a.VPCEndpointDNSName = nil }},
		"and the bucket region are required to use them":          {testGatewayArgs, func(a *FileGatewayArgs) { a.BucketRegion = "" }},
		"the Storage Gateway and S3 endpoints' DNS names":         {testGatewayArgs, func(a *FileGatewayArgs) { a.S3EndpointDNSName = nil }},
		`"container" is not a gateway mode`:                       {testGatewayArgs, func(a *FileGatewayArgs) { a.Settings.Gateway.Mode = "container" }},
		"mode ec2 activates the instance by its private":          {testHostArgs, func(a *FileGatewayArgs) { a.Settings.Gateway.ActivationKey = "KEY" }},
		"mode ec2 attaches the instance's cache volume":           {testHostArgs, func(a *FileGatewayArgs) { a.Settings.Gateway.CacheDiskPath = "/dev/sdb" }},
		"an EC2 gateway needs its instance type":                  {testHostArgs, func(a *FileGatewayArgs) { a.SubnetID = nil }},
	}
	for want, tt := range tests {
		t.Run(want, func(t *testing.T) {
			args := tt.args()
			tt.breakArgs(args)
			err := gatewayErr(t, args)
			assert.Contains(t, err.Error(), "data: file gateway bad: ")
			assert.Contains(t, err.Error(), want)
		})
	}
}

func TestOnceItsIDIsSetTheCacheDiskIsNoLongerLookedUpOnTheGateway(t *testing.T) {
	const lookup = "aws:storagegateway/getLocalDisk:getLocalDisk"
	for name, args := range map[string]func() *FileGatewayArgs{"vm": testGatewayArgs, "ec2": testHostArgs} {
		for _, mode := range plantest.Modes {
			first := args()
			res, g := runGateway(t, mode, first)
			if mode == plan.Up { // a preview of a new gateway has no ARN to ask with yet
				assert.Contains(t, res.Invokes, lookup, "%s: the first activation finds the disk on the gateway", name)
				assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:1:0", plantest.Await(t, g.CacheDiskID).Value, "%s: the id config takes next", name)
			}

			later := args()
			later.Settings.Gateway.CacheDiskPath, later.Settings.Gateway.CacheDiskID = "", "pci-0000:03:00.0-scsi-0:0:1:0"
			res, _ = runGateway(t, mode, later)
			assert.NotContains(t, res.Invokes, lookup, "%s %s: later runs need no connected gateway", name, mode)
			cache := plantest.Named(t, res, token.StorageGatewayCache, "test-gw")
			assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:1:0", cache.Props()["diskId"], "%s %s", name, mode)
			assert.Contains(t, cache.IgnoreChanges, "diskId", "%s %s: moving from the path to the id replaces nothing", name, mode)
		}
	}
}

func TestAnEC2GatewayNeedsItsAMIPinnedAndAVMNone(t *testing.T) {
	args := testHostArgs()
	args.Settings.Gateway.AMI = ""
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*FileGateway, error) {
		return NewFileGateway(ctx, "bad", args, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mode ec2 needs ami, pinned")

	vm := testGatewayArgs()
	vm.Settings.Gateway.AMI = "ami-0fedcba9876543210"
	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*FileGateway, error) {
		return NewFileGateway(ctx, "bad", vm, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a VM runs the image its host was given")
}

func TestEverySharePutsItsDataThroughTheS3InterfaceEndpoint(t *testing.T) {
	for _, mode := range []plan.Mode{plan.Preview, plan.Up} {
		res, _ := runGateway(t, mode, testGatewayArgs())
		for _, s := range plantest.Every(t, res, token.StorageGatewayNFSFileShare, 2) {
			assert.Equal(t, testS3Endpoint, s.Props()["vpcEndpointDnsName"], "%s (%s)", s.Name, mode)
			assert.Equal(t, "us-east-1", s.Props()["bucketRegion"], "%s (%s)", s.Name, mode)
		}
	}
	args := testGatewayArgs()
	args.Settings.Gateway.UseVPCEndpoint = false
	res, _ := runGateway(t, plan.Up, args)
	for _, s := range plantest.Every(t, res, token.StorageGatewayNFSFileShare, 2) {
		assert.NotContains(t, s.Props(), "vpcEndpointDnsName", "S3's public endpoint when not asked")
	}
}

func TestAnEC2GatewayJoinsTheEndpointsClientGroup(t *testing.T) {
	args := testHostArgs()
	args.EndpointClientSecurityGroupID = pulumi.String("sg-clients")
	for _, mode := range []plan.Mode{plan.Preview, plan.Up} {
		res, _ := runGateway(t, mode, args)
		groups := plantest.Named(t, res, token.EC2Instance, "test-gw").Props()["vpcSecurityGroupIds"].([]any)
		assert.Len(t, groups, 2, mode)
		assert.Contains(t, groups, "sg-clients", mode)
	}
}
