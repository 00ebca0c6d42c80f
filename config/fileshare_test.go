package config

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestFileShareSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, netip.MustParseAddr("10.100.20.15"), dev.FileShare.Gateway.IPAddress)
	assert.Empty(t, dev.FileShare.Gateway.ActivationKey)
	require.Len(t, dev.FileShare.Shares, 1)
	assert.Equal(t, dev.OnPremises.CIDRs, dev.FileShare.Shares[0].ClientCIDRs, "no clientCidrs: every on-premises network")
	assert.False(t, dev.FileShare.Protect)

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, plan.SecretPlaceholder("hybridcloud:fileShare.gateway.activationKey"), prod.FileShare.Gateway.ActivationKey)
	assert.False(t, prod.FileShare.Gateway.IPAddress.IsValid())
	require.Len(t, prod.FileShare.Shares, 2)
	assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")}, prod.FileShare.Shares[0].ClientCIDRs)
	assert.True(t, prod.FileShare.Protect)
	assert.Equal(t, 180, prod.FileShare.Bucket.DeepArchiveAccessDays)
}

func TestBadFileShareConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:fileShare"
	share := func(name, prefix string, cidrs ...string) map[string]any {
		return map[string]any{"name": name, "prefix": prefix, "clientCidrs": cidrs, "cacheRefreshSeconds": 300}
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
		{"an NFS client list open to everyone", "dev", "shares", []any{share("claims", "claims/", "0.0.0.0/0")}, key + ".shares[0].clientCidrs[0]", "any host"},
		{"an NFS client outside the data centre", "dev", "shares", []any{share("claims", "claims/", "192.168.1.0/24")}, key + ".shares[0].clientCidrs[0]", "outside the on-premises cidrs"},
		{"an NFS client wider than an on-premises network", "dev", "shares", []any{share("claims", "claims/", "10.0.0.0/8")}, key + ".shares[0].clientCidrs[0]", "outside the on-premises cidrs"},
		{"overlapping share prefixes", "dev", "shares", []any{share("claims", "claims/"), share("old-claims", "claims/2019/")}, key + ".shares[1].prefix", `"claims/2019/" overlaps "claims/"`},
		{"two shares with one name", "dev", "shares", []any{share("claims", "claims/"), share("claims", "letters/")}, key + ".shares[1].name", "also the name of shares[0]"},
		{"a prefix without a trailing slash", "dev", "shares", []any{share("claims", "claims")}, key + ".shares[0].prefix", "ending in /"},
		{"no shares", "dev", "shares", []any{}, key + ".shares", "at least one share"},
		{"a cache refresh below AWS's minimum", "dev", "shares", []any{map[string]any{"name": "claims", "prefix": "claims/", "cacheRefreshSeconds": 60}}, key + ".shares[0].cacheRefreshSeconds", "outside 300-2592000"},
		{"a time zone AWS does not know", "dev", "gateway.timezone", "EST", key + ".gateway.timezone", "not a gateway time zone"},
		{"a maintenance day past Saturday", "dev", "gateway.maintenance.dayOfWeek", 7, key + ".gateway.maintenance.dayOfWeek", "not a day"},
		{"a cache disk that is not a device", "dev", "gateway.cacheDiskPath", "sdb", key + ".gateway.cacheDiskPath", "not a device path"},
		{"a cache disk named by path and by id", "dev", "gateway.cacheDiskId", "pci-0000:03:00.0-scsi-0:0:1:0", key + ".gateway", "not both"},
		{"an archive tier sooner than AWS allows", "dev", "bucket.archiveAccessDays", 30, key + ".bucket.archiveAccessDays", "outside 90-730"},
		{"deep archive before archive", "prod", "bucket.deepArchiveAccessDays", 90, key + ".bucket.deepArchiveAccessDays", "outside 180-730"},
		{"unprotected in prod", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"an unknown field", "dev", "gateway.activationKeys", "x", key, `unknown field "activationKeys"`},
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
		return patch(t, cfg, "hybridcloud:fileShare", "gateway.activationKey", nil)
	}
	c, err := parse(ec2(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, GatewayEC2, c.FileShare.Gateway.Mode)
	assert.Equal(t, "m5.xlarge", c.FileShare.Gateway.InstanceType, "AWS's minimum size for a file gateway")
	assert.Equal(t, 150, c.FileShare.Gateway.CacheDiskGiB)

	requireBadConfig(t, "dev", "hybridcloud:fileShare", "gateway.mode", "ec2", "hybridcloud:fileShare.gateway", "leave activationKey, ipAddress, cacheDiskPath and cacheDiskId unset")
	_, err = parse(patch(t, ec2(t, "dev"), "hybridcloud:fileShare", "gateway.cacheDiskGiB", 100))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:fileShare.gateway.cacheDiskGiB: 100 is outside 150-65536 GiB")
}
