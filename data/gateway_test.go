package data

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeGateway = "aws:storagegateway/gateway:Gateway"
	typeShare   = "aws:storagegateway/nfsFileShare:NfsFileShare"
)

func testGatewayArgs() *FileGatewayArgs {
	return &FileGatewayArgs{
		ActivationKey:        pulumi.ToSecret(pulumi.String("ABCDE-12345-FGHIJ-67890-KLMNO")).(pulumi.StringOutput),
		VpcEndpointDNSName:   pulumi.String("vpce-1.storagegateway.us-east-1.vpce.amazonaws.com"),
		Timezone:             "GMT-5:00",
		MaintenanceDayOfWeek: 0, MaintenanceHour: 2,
		CacheDiskPath: "/dev/sdb",
		Shares: []Share{
			{Name: "claims", Prefix: "claims/", ClientCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")}, CacheRefreshSeconds: 300},
			{Name: "documents", Prefix: "documents/", ClientCIDRs: onPremises},
		},
		BucketArn:        pulumi.String("arn:aws:s3:::files"),
		BucketKmsKeyArn:  pulumi.String("arn:aws:kms:us-east-1:123456789012:key/files"),
		LogRetentionDays: 365, LogsKeyArn: testLogsKey, AccountID: testAccount, Protect: true,
	}
}

func runGateway(t *testing.T, mode plan.Mode, args *FileGatewayArgs) (*plan.Result, *FileGateway) {
	var g *FileGateway
	res := run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (err error) {
		g, err = NewFileGateway(ctx, "test-gw", args, opts...)
		return err
	})
	return res, g
}

func TestSharesAdmitOnlyOnPremisesClientsWithRootSquashAndKMS(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	claims := plantest.Named(t, res, typeShare, "test-gw-claims").Props()
	assert.Equal(t, []any{"10.100.0.0/16"}, claims["clientLists"])
	assert.Equal(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, plantest.Named(t, res, typeShare, "test-gw-documents").Props()["clientLists"])
	for _, share := range res.OfType(typeShare) {
		p := share.Props()
		assert.Equal(t, "RootSquash", p["squash"], share.Name)
		assert.Equal(t, true, p["kmsEncrypted"], share.Name)
		assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/files", p["kmsKeyArn"], share.Name)
		assert.Equal(t, "S3_INTELLIGENT_TIERING", p["defaultStorageClass"], share.Name)
		assert.Equal(t, "bucket-owner-full-control", p["objectAcl"], share.Name)
		assert.JSONEq(t, `{"Upload":{"SettlingTimeInSeconds":60}}`, p["notificationPolicy"].(string), share.Name)
		assert.NotEmpty(t, share.Dependencies["auditDestinationArn"], "%s audits to CloudWatch", share.Name)
	}
	assert.Equal(t, "arn:aws:s3:::files/claims/", claims["locationArn"])
	assert.Equal(t, "claims", claims["fileShareName"])
	assert.Equal(t, map[string]any{"cacheStaleTimeoutInSeconds": 300.0}, claims["cacheAttributes"])
	assert.NotContains(t, plantest.Named(t, res, typeShare, "test-gw-documents").Props(), "cacheAttributes", "0: no automatic refresh")
}

func TestGatewayIsActivatedByKeyThroughTheEndpoint(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	gw := one(t, res, typeGateway)
	p := gw.Props()
	assert.Equal(t, plan.SecretMask, p["activationKey"], "the activation key stays a secret")
	assert.NotContains(t, p, "gatewayIpAddress")
	assert.Equal(t, "FILE_S3", p["gatewayType"])
	assert.Equal(t, "vpce-1.storagegateway.us-east-1.vpce.amazonaws.com", p["gatewayVpcEndpoint"])
	assert.Equal(t, map[string]any{"dayOfWeek": "0", "hourOfDay": 2.0, "minuteOfHour": 0.0}, p["maintenanceStartTime"])
	assert.NotEmpty(t, gw.Dependencies["cloudwatchLogGroupArn"])
	assert.True(t, gw.Protect)

	cache := one(t, res, "aws:storagegateway/cache:Cache")
	assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:1:0", cache.Props()["diskId"], "the disk found at the configured path")
}

func TestACacheDiskNamedByIdNeedsNoLookup(t *testing.T) {
	args := testGatewayArgs()
	args.CacheDiskPath, args.CacheDiskID = "", "pci-0000:03:00.0-scsi-0:0:2:0"
	res, _ := runGateway(t, plan.Up, args)
	assert.Equal(t, "pci-0000:03:00.0-scsi-0:0:2:0", one(t, res, "aws:storagegateway/cache:Cache").Props()["diskId"])

	args.CacheDiskPath = "/dev/sdb"
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewFileGateway(ctx, "bad", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "exactly one of the VM's cache disk path and disk id")
}

func TestGatewayRoleReachesOnlyItsSharesPrefixesAndKey(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testGatewayArgs())
	trust := document(t, plantest.Named(t, res, "aws:iam/role:Role", "test-gw").Props()["assumeRolePolicy"])
	assert.Equal(t, map[string]any{"Service": "storagegateway.amazonaws.com"}, trust["Statement"].([]any)[0].(map[string]any)["Principal"])
	policy := document(t, plantest.Named(t, res, "aws:iam/rolePolicy:RolePolicy", "test-gw").Props()["policy"])
	statements := policy["Statement"].([]any)
	require.Len(t, statements, 3)
	assert.Equal(t, []any{"arn:aws:s3:::files"}, statements[0].(map[string]any)["Resource"])
	assert.Equal(t, []any{"arn:aws:s3:::files/claims/*", "arn:aws:s3:::files/documents/*"}, statements[1].(map[string]any)["Resource"])
	assert.Equal(t, []any{"arn:aws:kms:us-east-1:123456789012:key/files"}, statements[2].(map[string]any)["Resource"])
}

func TestMountCommandsNameTheGatewayAndTheShare(t *testing.T) {
	args := testGatewayArgs()
	args.ActivationKey, args.IPAddress = nil, netip.MustParseAddr("10.100.20.15")
	res, g := runGateway(t, plan.Up, args)
	assert.Equal(t, "10.100.20.15", one(t, res, typeGateway).Props()["gatewayIpAddress"])
	v := plantest.Await(t, g.MountCommands["claims"])
	assert.Equal(t, "sudo mount -t nfs -o nolock,hard 10.100.20.15:/test-gw-claims /mnt/claims", v.Value)

	// Activated by key, the address is the one the gateway reports; a preview cannot know it yet.
	_, g = runGateway(t, plan.Up, testGatewayArgs())
	assert.Equal(t, "sudo mount -t nfs -o nolock,hard 10.100.20.16:/test-gw-documents /mnt/documents", plantest.Await(t, g.MountCommands["documents"]).Value)
	_, g = runGateway(t, plan.Preview, testGatewayArgs())
	assert.False(t, plantest.Await(t, g.MountCommands["claims"]).Known)
}

func TestGatewayArgsAreChecked(t *testing.T) {
	tests := map[string]func(a *FileGatewayArgs){
		"exactly one of activation key and IP address": func(a *FileGatewayArgs) { a.IPAddress = netip.MustParseAddr("10.100.20.15") },
		"would let any host mount it": func(a *FileGatewayArgs) {
			a.Shares[0].ClientCIDRs = []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}
		},
		"a client list is required": func(a *FileGatewayArgs) { a.Shares[1].ClientCIDRs = nil },
	}
	for want, breakArgs := range tests {
		t.Run(want, func(t *testing.T) {
			args := testGatewayArgs()
			breakArgs(args)
			_, err := plan.Run(func(ctx *pulumi.Context) error {
				_, err := NewFileGateway(ctx, "bad", args)
				return err
			}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
			require.Error(t, err)
			assert.Contains(t, err.Error(), want)
		})
	}
}

func testHostArgs() *FileGatewayArgs {
	args := testGatewayArgs()
	args.ActivationKey = nil
	args.CacheDiskPath = ""
	args.Host = &GatewayHost{
		InstanceType: "m5.xlarge", CacheDiskGiB: 150,
		VpcID: pulumi.String("vpc-1"), SubnetID: pulumi.String("subnet-app-a"), VpcCIDR: netip.MustParsePrefix("10.20.0.0/16"),
		ActivationCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")},
		KmsKeyArn:       pulumi.String("arn:aws:kms:us-east-1:123456789012:key/files"),
	}
	return args
}

func TestAnEC2GatewayIsPrivateHardenedAndActivatedByItsAddress(t *testing.T) {
	res, g := runGateway(t, plan.Up, testHostArgs())
	instance := one(t, res, "aws:ec2/instance:Instance")
	p := instance.Props()
	assert.Equal(t, "ami-0123456789abcdef0", p["ami"], "Amazon's gateway AMI, from its public SSM parameter")
	assert.Equal(t, false, p["associatePublicIpAddress"])
	assert.Equal(t, "required", p["metadataOptions"].(map[string]any)["httpTokens"])
	assert.Equal(t, true, p["rootBlockDevice"].(map[string]any)["encrypted"])
	cache := p["ebsBlockDevices"].([]any)[0].(map[string]any)
	assert.Equal(t, true, cache["encrypted"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/files", cache["kmsKeyId"])
	assert.Equal(t, 150.0, cache["volumeSize"])
	assert.Equal(t, "subnet-app-a", p["subnetId"])
	assert.True(t, instance.Protect)

	gw := one(t, res, typeGateway)
	assert.Equal(t, []string{instance.URN}, gw.Dependencies["gatewayIpAddress"], "activated by the instance's private address")
	assert.NotContains(t, gw.Props(), "activationKey")
	assert.Equal(t, "sudo mount -t nfs -o nolock,hard 10.20.0.50:/test-gw-claims /mnt/claims", plantest.Await(t, g.MountCommands["claims"]).Value)
}

func TestAnEC2GatewayAdmitsNFSOnlyFromItsClients(t *testing.T) {
	res, _ := runGateway(t, plan.Up, testHostArgs())
	sg := plantest.Named(t, res, typeSecurityGroup, "test-gw-host").Props()
	for _, rule := range sg["ingress"].([]any) {
		r := rule.(map[string]any)
		for _, c := range r["cidrBlocks"].([]any) {
			assert.Contains(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, c, "port %v", r["fromPort"])
		}
	}
	assert.Len(t, sg["ingress"], 1+3*2, "activation, then NFS ports over TCP and UDP")
	for _, rule := range sg["egress"].([]any) {
		r := rule.(map[string]any)
		if r["cidrBlocks"].([]any)[0] == "0.0.0.0/0" {
			assert.Equal(t, 443.0, r["fromPort"], "only HTTPS leaves for anywhere")
		}
	}
}

func TestAnEC2GatewayTakesNoActivationKey(t *testing.T) {
	args := testHostArgs()
	args.ActivationKey = pulumi.String("KEY")
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewFileGateway(ctx, "bad", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no activation key, IP address or disk path")
}
