package config

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/internal/plan"
)

func TestFileShareSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, spec.GatewayVM, dev.FileGateway.Gateway.Mode, "left out: a VM")
	assert.Equal(t, netip.MustParseAddr("10.100.20.15"), dev.FileGateway.Gateway.IPAddress)
	assert.Empty(t, dev.FileGateway.Gateway.ActivationKey)
	require.Len(t, dev.FileGateway.Shares, 1)
	assert.Equal(t, dev.OnPremises.CIDRs, dev.FileGateway.Shares["claims"].ClientCIDRs, "no clientCidrs: every on-premises network")
	assert.False(t, dev.Files.Protect)
	assert.False(t, dev.FileGateway.Protect, "one protect for the bucket and the gateway")

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, plan.SecretPlaceholder("hybridcloud:fileShare.gateway.activationKey"), prod.FileGateway.Gateway.ActivationKey)
	assert.False(t, prod.FileGateway.Gateway.IPAddress.IsValid())
	assert.Equal(t, map[string]data.Share{
		"claims":    {Prefix: "claims/", ClientCIDRs: []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")}, CacheRefreshSeconds: 300, Archive: true},
		"documents": {Prefix: "documents/", ClientCIDRs: prod.OnPremises.CIDRs, CacheRefreshSeconds: 3600},
	}, prod.FileGateway.Shares)
	assert.True(t, prod.Files.Protect)
	assert.True(t, prod.FileGateway.Protect)
	assert.Equal(t, data.FilesSettings{ArchiveAccessDays: 90, DeepArchiveAccessDays: 180, NoncurrentVersionDays: 90, AccessLogDays: 365, Protect: true}, prod.Files)
}

func TestFileShareProtectDefaultsToTrueForBothComponents(t *testing.T) {
	c, err := parse(patch(t, stackConfig(t, "dev"), "hybridcloud:fileShare", "protect", nil))
	require.NoError(t, err)
	assert.True(t, c.Files.Protect)
	assert.True(t, c.FileGateway.Protect)
}

func TestBadFileShareConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:fileShare"
	share := func(prefix string, cidrs ...string) map[string]any {
		return map[string]any{"prefix": prefix, "clientCidrs": cidrs, "cacheRefreshSeconds": 300}
	}
	tests := []struct {
		name    string
		stack   string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"both activation key and IP address", "prod", "gateway.ipAddress", "10.100.20.15", key + ".gateway", "not both"},
		{"neither activation key nor IP address", "dev", "gateway.ipAddress", nil, key + ".gateway", "set activationKey"},
		{"a gateway outside the data centre", "dev", "gateway.ipAddress", "10.20.0.5", key + ".gateway.ipAddress", "outside the on-premises cidrs"},
		{"a gateway address that is not one", "dev", "gateway.ipAddress", "10.100.20.300", key + ".gateway.ipAddress", "not an IP address"},
		{"an IPv6 gateway address", "dev", "gateway.ipAddress", "fd00::15", key + ".gateway.ipAddress", "not an IPv4 address"},
		{"an NFS client list open to everyone", "dev", "shares", map[string]any{"claims": share("claims/", "0.0.0.0/0")}, key + ".shares.claims.clientCidrs[0]", "any host"},
		{"an NFS client outside the data centre", "dev", "shares", map[string]any{"claims": share("claims/", "192.168.1.0/24")}, key + ".shares.claims.clientCidrs[0]", "outside the on-premises cidrs"},
		{"an NFS client wider than an on-premises network", "dev", "shares", map[string]any{"claims": share("claims/", "10.0.0.0/8")}, key + ".shares.claims.clientCidrs[0]", "outside the on-premises cidrs"},
		{"an NFS client with host bits", "dev", "shares", map[string]any{"claims": share("claims/", "10.100.1.1/16")}, key + ".shares.claims.clientCidrs[0]", "host bits set"},
		{"an NFS client that is no CIDR", "dev", "shares", map[string]any{"claims": share("claims/", "10.100.0.0/33")}, key + ".shares.claims.clientCidrs[0]", "not a CIDR"},
		{"overlapping share prefixes", "dev", "shares", map[string]any{"claims": share("claims/"), "old-claims": share("claims/2019/")}, key + ".shares.old-claims.prefix", `"claims/2019/" overlaps "claims/" (shares.claims)`},
		{"a share name that is not one", "dev", "shares", map[string]any{"Claims": share("claims/")}, key + ".shares.Claims", "not a share name"},
		{"a share as a list, as it once was", "dev", "shares", []any{map[string]any{"name": "claims", "prefix": "claims/"}}, key + ".shares", "want an object"},
		{"a share's unknown field", "dev", "shares", map[string]any{"claims": map[string]any{"name": "claims", "prefix": "claims/"}}, key + ".shares.claims.name", "unknown field"},
		{"a prefix without a trailing slash", "dev", "shares", map[string]any{"claims": share("claims")}, key + ".shares.claims.prefix", "ending in /"},
		{"no shares", "dev", "shares", map[string]any{}, key + ".shares", "at least one share"},
		{"a cache refresh below AWS's minimum", "dev", "shares", map[string]any{"claims": map[string]any{"prefix": "claims/", "cacheRefreshSeconds": 60}}, key + ".shares.claims.cacheRefreshSeconds", "outside 300-2592000"},
		{"a time zone AWS does not know", "dev", "gateway.timezone", "EST", key + ".gateway.timezone", "not a gateway time zone"},
		{"a maintenance day past Saturday", "dev", "gateway.maintenance.dayOfWeek", 7, key + ".gateway.maintenance.dayOfWeek", "not a day"},
		{"a cache disk that is not a device", "dev", "gateway.cacheDiskPath", "sdb", key + ".gateway.cacheDiskPath", "not a device path"},
		{"a cache disk named by path and by id", "dev", "gateway.cacheDiskId", "pci-0000:03:00.0-scsi-0:0:1:0", key + ".gateway", "not both"},
		{"a VM without a cache disk", "dev", "gateway.cacheDiskPath", nil, key + ".gateway", "the VM's cache disk"},
		{"an archive tier sooner than AWS allows", "dev", "bucket.archiveAccessDays", 30, key + ".bucket.archiveAccessDays", "outside 90-730"},
		{"deep archive before archive", "prod", "bucket.deepArchiveAccessDays", 90, key + ".bucket.deepArchiveAccessDays", "outside 180-730"},
		{"no noncurrent version expiry", "dev", "bucket.noncurrentVersionDays", nil, key + ".bucket.noncurrentVersionDays", "at least 1 day"},
		{"unprotected in prod", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"an unknown field", "dev", "gateway.activationKeys", "x", key + ".gateway.activationKeys", "unknown field (known: activationKey,"},
		{"a bucket protect of its own", "dev", "bucket.protect", true, key + ".bucket.protect", "unknown field"},
		{"a gateway mode that is not one", "dev", "gateway.mode", "container", key + ".gateway.mode", `"container" is not a gateway mode`},
		{"an EC2 size on a VM", "dev", "gateway.cacheDiskGiB", 300, key + ".gateway", "size an EC2 gateway"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, tt.stack, key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestDeepArchiveMustFollowArchive(t *testing.T) {
	cfg := patch(t, stackConfig(t, "prod"), "hybridcloud:fileShare", "bucket.archiveAccessDays", 200)
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:fileShare.bucket.deepArchiveAccessDays: 180 must be later than archiveAccessDays (200)")
}

func TestAGatewayOnTheVpcEndpointNeedsTheEndpoint(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:network", "endpoints", []any{"ecr.api", "ecr.dkr", "logs"})
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `hybridcloud:fileShare.gateway.useVpcEndpoint: needs "storagegateway" in hybridcloud:network.endpoints`)
}

func TestAnEC2GatewayIsActivatedByTheProgram(t *testing.T) {
	ec2 := func(t *testing.T, stack string) map[string]string {
		cfg := patch(t, stackConfig(t, stack), "hybridcloud:fileShare", "gateway.mode", "ec2")
		cfg = patch(t, cfg, "hybridcloud:fileShare", "gateway.cacheDiskPath", nil)
		cfg = patch(t, cfg, "hybridcloud:fileShare", "gateway.ipAddress", nil)
		cfg = patch(t, cfg, "hybridcloud:fileShare", "gateway.ami", "ami-0123456789abcdef0")
		return patch(t, cfg, "hybridcloud:fileShare", "gateway.activationKey", nil)
	}
	c, err := parse(ec2(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, spec.GatewayEC2, c.FileGateway.Gateway.Mode)
	assert.Equal(t, "m5.xlarge", c.FileGateway.Gateway.InstanceType, "AWS's minimum size for a file gateway")
	assert.Equal(t, 150, c.FileGateway.Gateway.CacheDiskGiB)

	c, err = parse(patch(t, ec2(t, "dev"), "hybridcloud:fileShare", "gateway.instanceType", "m5.2xlarge"))
	require.NoError(t, err)
	assert.Equal(t, "m5.2xlarge", c.FileGateway.Gateway.InstanceType)

	_, err = parse(patch(t, stackConfig(t, "dev"), "hybridcloud:fileShare", "gateway.mode", "ec2"))
	require.Error(t, err)
	for _, want := range []string{
		"hybridcloud:fileShare.gateway: mode ec2 activates the instance by its private address: leave activationKey and ipAddress unset",
		"hybridcloud:fileShare.gateway: mode ec2 attaches the instance's cache volume: leave cacheDiskPath unset",
		"hybridcloud:fileShare.gateway.ami: mode ec2 needs ami, pinned so a new Amazon image never replaces the gateway unasked",
	} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = parse(patch(t, ec2(t, "dev"), "hybridcloud:fileShare", "gateway.cacheDiskGiB", 100))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:fileShare.gateway.cacheDiskGiB: 100 is outside 150-65536 GiB")
}
