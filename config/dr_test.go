package config

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/dr"
)

func TestDevRunsBackupAndRestoreAndProdAWarmStandbyInOneDRRegion(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	assert.Equal(t, dr.BackupRestore, dev.DR.Strategy)
	assert.Equal(t, "us-west-2", dev.Backup.DRRegion, "backup copies go to dr.region")
	assert.Empty(t, dev.DR.Network.AvailabilityZones, "no DR VPC without a standby")

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.Equal(t, dr.WarmStandby, prod.DR.Strategy)
	assert.Equal(t, prod.DR.Region, prod.Backup.DRRegion)
	n := prod.DR.Network
	assert.Equal(t, netip.MustParsePrefix("10.11.0.0/16"), n.CIDR)
	assert.Equal(t, []string{"us-west-2a", "us-west-2b", "us-west-2c"}, n.AvailabilityZones)
	assert.Equal(t, prod.Network.Endpoints, n.Endpoints, "the DR VPC has the primary's endpoints")
	assert.Equal(t, prod.Network.NATStrategy, n.NATStrategy)
	assert.Equal(t, 3, n.EndpointAZCount)
	assert.Equal(t, int64(64514), prod.DR.Transit.AmazonSideASN)
	require.NotNil(t, prod.DR.Transit.VPN, "prod's VPN routers reach the DR Transit Gateway too")
	assert.Len(t, prod.DR.Transit.VPN.CustomerGateways, 2)

	c := prod.DR.Cluster
	assert.Equal(t, compute.HostCounts{Min: 1, Desired: 1, Max: 12}, c.Hosts)
	assert.False(t, c.Anywhere.Enabled, "the data centre's ECS Anywhere hosts stay with the primary cluster")
	assert.Contains(t, c.LoadBalancer.CertificateARN, ":us-west-2:")
	require.Len(t, prod.DR.Services.Services, 2, "the AWS-side services; document-scanner runs on premises")
	for name, svc := range prod.DR.Services.Services {
		assert.Equal(t, [2]int{1, 1}, [2]int{svc.MinCount, svc.DesiredCount}, name)
		assert.Equal(t, prod.Services.Services[name].MaxCount, svc.MaxCount, name)
	}
}

func TestPilotLightKeepsTheClusterWithoutHostsOrServices(t *testing.T) {
	c, err := parse(patch(t, stackConfig(t, "prod"), "hybridcloud:dr", "strategy", "pilotLight"))
	require.NoError(t, err)
	assert.Equal(t, compute.HostCounts{Max: 12}, c.DR.Cluster.Hosts)
	assert.Empty(t, c.DR.Services.Services)
}

func TestDevCanDrillAPilotLightOverItsVPN(t *testing.T) {
	c, err := parse(patch(t, stackConfig(t, "dev"), "hybridcloud:dr", "strategy", "pilotLight"))
	require.NoError(t, err)
	require.NotNil(t, c.DR.Transit.VPN)
	assert.Contains(t, c.DR.Transit.VPN.CustomerGateways, "dc1-edge1")
	assert.Equal(t, 1, c.DR.Network.EndpointAZCount, "dev keeps its endpoints in one AZ, in the DR VPC too")
}

func TestBadDRConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:dr"
	tests := []struct {
		name    string
		stack   string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"the DR region is the primary region", "prod", "region", "us-east-1", key + ".region", "the stack's own region"},
		{"a DR region that is not one", "dev", "region", "oregon", key + ".region", "not an AWS region"},
		{"an unknown strategy", "dev", "strategy", "multiSite", key + ".strategy", `"multiSite" is not a DR strategy`},
		{"a DR CIDR overlapping the primary VPC", "prod", "cidr", "10.10.128.0/17", key + ".cidr", "overlaps the primary VPC (hybridcloud:network.cidr) 10.10.0.0/16"},
		{"a DR CIDR overlapping on premises", "prod", "cidr", "172.20.0.0/16", key + ".cidr", "overlaps an on-premises network (hybridcloud:onPremises.cidrs) 172.20.0.0/16"},
		{"a public DR CIDR", "prod", "cidr", "11.0.0.0/16", key + ".cidr", "not a private (RFC 1918) range"},
		{"no DR CIDR with a standby", "prod", "cidr", nil, key + ".cidr", "required with warmStandby"},
		{"an AZ of another region", "prod", "availabilityZones", []any{"us-west-2a", "us-west-2b", "us-east-1c"}, key + ".availabilityZones[2]", "us-east-1c"},
		{"fewer DR AZs than prod's primary", "prod", "availabilityZones", []any{"us-west-2a", "us-west-2b"}, key + ".availabilityZones", "as many AZs as the primary (3)"},
		{"the primary Transit Gateway's ASN", "prod", "transitGatewayAsn", 64512, key + ".transitGatewayAsn", "primary Transit Gateway"},
		{"the Direct Connect gateway's ASN", "prod", "transitGatewayAsn", 64513, key + ".transitGatewayAsn", "Direct Connect gateway's ASN"},
		{"a public ASN", "prod", "transitGatewayAsn", 7224, key + ".transitGatewayAsn", "not a private ASN"},
		{"a replica instance class that does not exist", "prod", "replica", map[string]any{"instanceClass": "db.m7g.colossal"}, key + ".replica.instanceClass", "m7g comes in"},
		{"a standby without a replica class", "prod", "replica", map[string]any{}, key + ".replica.instanceClass", "required with warmStandby"},
		{"warm standby with zero hosts", "prod", "compute.hosts", map[string]any{"min": 0, "max": 12}, key + ".compute.hosts.min", "at least one host"},
		{"no host to fail over to", "prod", "compute.hosts", map[string]any{"min": 0, "max": 0}, key + ".compute.hosts.max", "want at least 1"},
		{"warm standby with no tasks", "prod", "compute.taskCount", 0, key + ".compute.taskCount", "at least one task each"},
		{"a certificate of the primary region", "prod", "compute.certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/3f1c2b4e-8a7d-4e5f-9c0b-1a2b3c4d5e6f", key + ".compute.certificateArn", "a load balancer uses a certificate of its own region (us-west-2)"},
		{"prod without a DR certificate", "prod", "compute.certificateArn", nil, key + ".compute.certificateArn", "required in prod"},
		{"an unprotected DR region in prod", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"a zero lag alarm", "prod", "replica.lagAlarmSeconds", 0, key + ".replica.lagAlarmSeconds", "at least 1 second"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, tt.stack, key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

// encryptedStandby is prod in mode directConnectEncrypted with a pilot light whose Transit Gateway has
// 10.254.0.0/24 for its VPNs over Direct Connect.
func encryptedStandby(t *testing.T) map[string]string {
	t.Helper()
	cfg := patch(t, withHybrid(t, "prod", encrypted), "hybridcloud:dr", "strategy", "pilotLight")
	return patch(t, cfg, "hybridcloud:dr", "transitGatewayCidrBlocks", []any{"10.254.0.0/24"})
}

func TestAnEncryptedPrimaryReachesItsStandbyOverPrivateVPNsOfItsOwn(t *testing.T) {
	c, err := parse(encryptedStandby(t))
	require.NoError(t, err)
	tr := c.DR.Transit
	assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.254.0.0/24")}, tr.CIDRBlocks)
	require.NotNil(t, tr.PrivateVPN, "the core routers reach the DR Transit Gateway over Direct Connect too")
	assert.Equal(t, c.Connectivity.PrivateVPN.CustomerGateways, tr.PrivateVPN.CustomerGateways)
	require.NotNil(t, tr.VPN, "and the internet VPN stays the failover path")
	assert.Equal(t, c.Connectivity.TunnelLogRetentionDays, tr.TunnelLogRetentionDays)
}

func TestBadDRBlocksNameTheKey(t *testing.T) {
	const k = "hybridcloud:dr.transitGatewayCidrBlocks"
	tests := []struct {
		name    string
		cfg     func(t *testing.T) map[string]string
		blocks  any
		wantKey string
		wantMsg string
	}{
		{"none in the encrypted mode", encryptedStandby, nil, k, "required with pilotLight in mode directConnectEncrypted"},
		{"blocks in a mode without VPNs over Direct Connect", func(t *testing.T) map[string]string { return stackConfig(t, "prod") },
			[]any{"10.254.0.0/24"}, k, "mode directConnectWithVpn has no VPN over Direct Connect"},
		{"the primary's block", encryptedStandby, []any{"10.255.0.0/24"}, k + "[0]",
			"overlaps a block of the primary Transit Gateway (hybridcloud:hybrid.transitGateway.cidrBlocks) 10.255.0.0/24"},
		{"inside the DR VPC", encryptedStandby, []any{"10.11.255.0/24"}, k + "[0]", "overlaps the DR VPC (hybridcloud:dr.cidr) 10.11.0.0/16"},
		{"inside the primary VPC", encryptedStandby, []any{"10.10.255.0/24"}, k + "[0]", "overlaps the primary VPC (hybridcloud:network.cidr) 10.10.0.0/16"},
		{"on premises", encryptedStandby, []any{"172.20.9.0/24"}, k + "[0]", "overlaps an on-premises network (hybridcloud:onPremises.cidrs) 172.20.0.0/16"},
		{"smaller than AWS takes", encryptedStandby, []any{"10.254.0.0/26"}, k + "[0]", "smaller than the /24 AWS requires"},
		{"overlapping each other", encryptedStandby, []any{"10.254.0.0/23", "10.254.1.0/24"}, k + "[1]", "overlaps " + k + "[0] 10.254.0.0/23"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(patch(t, tt.cfg(t), "hybridcloud:dr", "transitGatewayCidrBlocks", tt.blocks))
			requireProblem(t, err, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestTheDRTransitGatewayASNDiffersFromThePrivateVPNRouters(t *testing.T) {
	_, err := parse(patch(t, encryptedStandby(t), "hybridcloud:dr", "transitGatewayAsn", 65100))
	requireProblem(t, err, "hybridcloud:dr.transitGatewayAsn", "65100 is also router dc1-core1's ASN")
}

func TestADRCIDRInsideThePrimarysAllowedSummaryIsRefused(t *testing.T) {
	// A Direct Connect gateway refuses overlapping allowed prefixes across its associations.
	cfg := withHybrid(t, "prod", func(h map[string]any) {
		delete(h, "vpn")
		h["mode"] = "directConnect"
		delete(h, "tunnelLogRetentionDays")
		obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.8.0.0/13"}
	})
	_, err := parse(cfg)
	requireProblem(t, err, "hybridcloud:dr.cidr", "10.11.0.0/16 overlaps a prefix the primary's Direct Connect association allows (hybridcloud:hybrid.directConnect.allowedPrefixes) 10.8.0.0/13")
}

func TestADRCIDROverlappingATransitGatewayBlockIsRefused(t *testing.T) {
	cfg := withHybrid(t, "prod", encrypted) // the only mode with blocks: 10.255.0.0/24
	cfg = patch(t, cfg, "hybridcloud:dr", "strategy", "backupRestore")
	_, err := parse(cfg)
	require.NoError(t, err, "backup and restore checks no DR range")
	cfg = patch(t, cfg, "hybridcloud:dr", "strategy", "pilotLight")
	cfg = patch(t, cfg, "hybridcloud:dr", "cidr", "10.255.0.0/16")
	_, err = parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:dr.cidr: 10.255.0.0/16 overlaps a block of the primary Transit Gateway (hybridcloud:hybrid.transitGateway.cidrBlocks) 10.255.0.0/24")
}

func TestDRTunnelsUnderBackupRestoreAreKeptAndWarnedOf(t *testing.T) {
	// A promotion leaves the old primary's tunnels as drTunnels with strategy backupRestore: valid, unused.
	c, err := parse(patch(t, stackConfig(t, "prod"), "hybridcloud:dr", "strategy", "backupRestore"))
	require.NoError(t, err)
	warnings := strings.Join(c.Warnings, "\n")
	for _, router := range []string{"dc1-edge1", "dc1-edge2"} {
		assert.Contains(t, warnings, "hybridcloud:hybrid.vpn.customerGateways."+router+".drTunnels: unused: strategy backupRestore declares no DR Transit Gateway")
		assert.Len(t, c.Connectivity.InternetVPN.CustomerGateways[router].DRTunnels, 2)
	}

	standby, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	assert.NotContains(t, strings.Join(standby.Warnings, "\n"), "drTunnels: unused", "a warm standby uses them")
}
