package config

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/plan"
)

const hybridKey = "hybridcloud:hybrid"

// withHybrid returns a copy of a stack's configuration whose hybrid section was changed by edit.
func withHybrid(t *testing.T, stack string, edit func(h map[string]any)) map[string]string {
	t.Helper()
	cfg := stackConfig(t, stack)
	var h map[string]any
	require.NoError(t, json.Unmarshal([]byte(cfg[hybridKey]), &h))
	edit(h)
	b, err := json.Marshal(h)
	require.NoError(t, err)
	cfg[hybridKey] = string(b)
	return cfg
}

// obj and list walk into a decoded JSON value, failing the test if the shape is not the one expected.
func obj(t *testing.T, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "want an object, got %T", v)
	return m
}

func list(t *testing.T, v any) []any {
	t.Helper()
	l, ok := v.([]any)
	require.True(t, ok, "want a list, got %T", v)
	return l
}

// connection and gateway return the i-th Direct Connect connection and internet VPN customer gateway.
func connection(t *testing.T, h map[string]any, i int) map[string]any {
	return obj(t, list(t, obj(t, h["directConnect"])["connections"])[i])
}

func gateway(t *testing.T, h map[string]any, i int) map[string]any {
	return obj(t, list(t, obj(t, h["vpn"])["customerGateways"])[i])
}

// encrypted turns prod's hybrid section into a valid directConnectEncrypted one: IPsec over Direct Connect
// from two routers' private addresses, with the internet VPN kept as failover.
func encrypted(h map[string]any) {
	h["mode"] = "directConnectEncrypted"
	h["transitGateway"].(map[string]any)["cidrBlocks"] = []any{"10.255.0.0/24"}
	h["privateVpn"] = map[string]any{"customerGateways": []any{
		map[string]any{"name": "dc1-core1", "ipAddress": "10.100.250.1", "bgpAsn": 65100},
		map[string]any{"name": "dc1-core2", "ipAddress": "10.100.250.2", "bgpAsn": 65100},
	}}
}

func TestHybridSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	h := dev.Hybrid
	assert.Equal(t, hybrid.ModeVPN, h.Mode)
	assert.Nil(t, h.DirectConnect, "dev has no Direct Connect")
	require.NotNil(t, h.InternetVPN)
	assert.Len(t, h.InternetVPN.CustomerGateways, 1)
	assert.False(t, h.Protect)
	assert.Equal(t, 2, h.DNS.EndpointIPCount, "dev pays for the minimum two Resolver addresses")

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	h = prod.Hybrid
	assert.Equal(t, hybrid.ModeDirectConnectWithVPN, h.Mode)
	assert.True(t, h.Protect)
	require.NotNil(t, h.DirectConnect)
	assert.Equal(t, hybrid.ResiliencyHigh, h.DirectConnect.Resiliency)
	assert.Equal(t, hybrid.MTUJumbo, h.DirectConnect.MTU)
	require.Len(t, h.DirectConnect.Connections, 2)
	assert.NotEqual(t, h.DirectConnect.Connections[0].Location, h.DirectConnect.Connections[1].Location, "high resiliency: two locations")
	for i, c := range h.DirectConnect.Connections {
		assert.Regexp(t, `^dxcon-`, c.ID)
		assert.Equal(t, plan.SecretPlaceholder(fmt.Sprintf("%s.directConnect.connections[%d].bgpAuthKey", hybridKey, i)), c.BGPAuthKey,
			"the BGP key comes from a secure value")
	}
	require.NotNil(t, h.InternetVPN)
	require.Len(t, h.InternetVPN.CustomerGateways, 2, "prod has two on-premises routers")
	for _, gw := range h.InternetVPN.CustomerGateways {
		require.Len(t, gw.Tunnels, 2)
		for _, tun := range gw.Tunnels {
			assert.NotEmpty(t, tun.PresharedKey)
		}
	}
	assert.Equal(t, 3, h.DNS.EndpointIPCount, "prod has a Resolver address in every AZ")
}

func TestSecureValuesInsideTheHybridSectionMakeTheKeySecret(t *testing.T) {
	st, err := plan.LoadStack("..", "prod")
	require.NoError(t, err)
	assert.Contains(t, st.SecretKeys, hybridKey)
}

func TestDirectConnectMTUDefaultsToJumboFrames(t *testing.T) {
	c, err := parse(withHybrid(t, "prod", func(h map[string]any) { delete(obj(t, h["directConnect"]), "mtu") }))
	require.NoError(t, err)
	assert.Equal(t, 8500, c.Hybrid.DirectConnect.MTU)
}

func TestValidHybridVariantsParse(t *testing.T) {
	tests := []struct {
		name  string
		stack string
		edit  func(t *testing.T, h map[string]any)
		check func(t *testing.T, h Hybrid)
	}{
		{"encrypted over Direct Connect with internet failover", "prod", func(t *testing.T, h map[string]any) { encrypted(h) },
			func(t *testing.T, h Hybrid) {
				require.NotNil(t, h.PrivateVPN)
				assert.Equal(t, netip.MustParseAddr("10.100.250.1"), h.PrivateVPN.CustomerGateways[0].IPAddress)
				assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}, h.TransitGateway.CIDRBlocks)
			}},
		{"Direct Connect only", "prod", func(t *testing.T, h map[string]any) {
			h["mode"] = "directConnect"
			delete(h, "vpn")
			delete(h, "tunnelLogRetentionDays")
		}, func(t *testing.T, h Hybrid) { assert.Nil(t, h.InternetVPN) }},
		{"maximum resiliency: two devices at each of two locations", "prod", func(t *testing.T, h map[string]any) {
			dx := obj(t, h["directConnect"])
			dx["resiliency"] = "maximum"
			conns := list(t, dx["connections"])
			for i, extra := range []map[string]any{
				{"name": "ash-b", "connectionId": "dxcon-fgghi789", "location": "EqDC2", "device": "EqDC2-1b2c3d4e5f6g7", "vlan": 103},
				{"name": "res-b", "connectionId": "dxcon-fgjkl012", "location": "CSVA1", "device": "CSVA1-7g6f5e4d3c2b1", "vlan": 104},
			} {
				extra["bgpAsn"], extra["bgpAuthKey"] = 65100, "k"+string(rune('a'+i))+"-bgp-key"
				conns = append(conns, extra)
			}
			dx["connections"] = conns
		}, func(t *testing.T, h Hybrid) { assert.Len(t, h.DirectConnect.Connections, 4) }},
		{"an ordered 10G port with MACsec", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 1)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{}}
		}, func(t *testing.T, h Hybrid) {
			o := h.DirectConnect.Connections[1].Order
			require.NotNil(t, o)
			require.NotNil(t, o.MACsec)
			assert.Equal(t, "must_encrypt", o.MACsec.EncryptionMode, "MACsec defaults to dropping rather than sending in clear")
			assert.False(t, h.DirectConnect.Connections[1].Ready(), "no VIF until the port is available")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parse(withHybrid(t, tt.stack, func(h map[string]any) { tt.edit(t, h) }))
			require.NoError(t, err)
			tt.check(t, c.Hybrid)
		})
	}
}

func TestBadHybridConfigNamesTheKey(t *testing.T) {
	const k = hybridKey
	dxConn := k + ".directConnect.connections"
	tests := []struct {
		name    string
		stack   string
		edit    func(t *testing.T, h map[string]any)
		wantKey string
		wantMsg string
	}{
		// modes and what they declare
		{"an unknown mode", "dev", func(t *testing.T, h map[string]any) { h["mode"] = "satellite" }, k + ".mode", "not a connectivity mode"},
		{"a Direct Connect mode without Direct Connect", "dev", func(t *testing.T, h map[string]any) { h["mode"] = "directConnectWithVpn" },
			k + ".directConnect", "required by mode directConnectWithVpn"},
		{"encrypted mode without Direct Connect", "prod", func(t *testing.T, h map[string]any) { encrypted(h); delete(h, "directConnect") },
			k + ".directConnect", "required by mode directConnectEncrypted"},
		{"encrypted mode without Transit Gateway CIDR blocks", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			delete(obj(t, h["transitGateway"]), "cidrBlocks")
		}, k + ".transitGateway.cidrBlocks", "required by mode directConnectEncrypted"},
		{"encrypted mode without private VPN", "prod", func(t *testing.T, h map[string]any) { encrypted(h); delete(h, "privateVpn") },
			k + ".privateVpn", "required by mode directConnectEncrypted"},
		{"vpn mode declaring Direct Connect", "dev", func(t *testing.T, h map[string]any) {
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "development"}
		}, k + ".directConnect", "mode vpn declares no directConnect"},
		{"Direct Connect only mode declaring a VPN", "prod", func(t *testing.T, h map[string]any) { h["mode"] = "directConnect" },
			k + ".vpn", "mode directConnect declares no vpn"},
		{"a private VPN outside the encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			h["mode"] = "directConnectWithVpn"
			delete(obj(t, h["transitGateway"]), "cidrBlocks")
		}, k + ".privateVpn", "declares no privateVpn"},
		{"tunnel log retention without a VPN", "prod", func(t *testing.T, h map[string]any) { h["mode"] = "directConnect"; delete(h, "vpn") },
			k + ".tunnelLogRetentionDays", "no VPN tunnels to log"},
		{"protect off in prod", "prod", func(t *testing.T, h map[string]any) { h["protect"] = false }, k + ".protect", "must be true in prod"},
		{"an unknown field", "dev", func(t *testing.T, h map[string]any) { h["bgpPassword"] = "x" }, k, `unknown field "bgpPassword"`},

		// ASNs
		{"a public Transit Gateway ASN", "dev", func(t *testing.T, h map[string]any) { obj(t, h["transitGateway"])["amazonSideAsn"] = 7224 },
			k + ".transitGateway.amazonSideAsn", "7224 is not a private ASN"},
		{"a public customer gateway ASN", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, 0)["bgpAsn"] = 3356 },
			k + ".vpn.customerGateways[0].bgpAsn", "3356 is not a private ASN"},
		{"a customer gateway ASN equal to the Transit Gateway's", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, 0)["bgpAsn"] = 64620 },
			k + ".vpn.customerGateways[0].bgpAsn", "also the Transit Gateway's ASN"},
		{"a Direct Connect gateway ASN equal to the Transit Gateway's", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["amazonSideAsn"] = 64512
		}, k + ".directConnect.amazonSideAsn", "also the Transit Gateway"},
		{"a VIF ASN equal to the Direct Connect gateway's", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["bgpAsn"] = 64513 },
			dxConn + "[0].bgpAsn", "also the Direct Connect gateway's ASN"},
		{"a VIF ASN just above the private 2-byte range", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["bgpAsn"] = 65535 },
			dxConn + "[0].bgpAsn", "65535 is not a private ASN"},
		{"a 4-byte VIF ASN the VIF API cannot take", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["bgpAsn"] = 4200000001 },
			dxConn + "[0].bgpAsn", "use a 2-byte private ASN"},

		// Direct Connect connections
		{"a VLAN of 0", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["vlan"] = 0 }, dxConn + "[0].vlan", "outside 1-4094"},
		{"a VLAN of 4095", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 1)["vlan"] = 4095 }, dxConn + "[1].vlan", "outside 1-4094"},
		{"an MTU of 9001 (a private VIF's)", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["mtu"] = 9001 },
			k + ".directConnect.mtu", "9001 is not a transit VIF MTU"},
		{"a connection with neither an id nor an order", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, 0), "connectionId") },
			dxConn + "[0].connectionId", "required: the id of an existing connection"},
		{"no connections at all", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["connections"] = []any{} },
			dxConn, "at least one connection"},
		{"a connection id that is not one", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["connectionId"] = "fra-port-1" },
			dxConn + "[0].connectionId", "not a Direct Connect connection or LAG id"},
		{"both an id and an order", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, 0)["order"] = map[string]any{"bandwidth": "10Gbps"}
		}, dxConn + "[0].order", "not both"},
		{"a duplicate connection id", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 1)["connectionId"] = "dxcon-fgabc123" },
			dxConn + "[1].connectionId", "dxcon-fgabc123 is also connections[0]"},
		{"a VLAN used twice on one connection", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 1)
			c["connectionId"], c["vlan"] = "dxcon-fgabc123", 101
		}, dxConn + "[1].vlan", "VLAN 101 is already used on dxcon-fgabc123"},
		{"a duplicate connection name", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 1)["name"] = "ash-a" },
			dxConn + "[1].name", `"ash-a" is also connections[0]'s name`},
		{"a missing BGP auth key", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, 0), "bgpAuthKey") },
			dxConn + "[0].bgpAuthKey", "required"},
		{"a BGP auth key too short for AWS", "prod", func(t *testing.T, h map[string]any) { connection(t, h, 0)["bgpAuthKey"] = "abc" },
			dxConn + "[0].bgpAuthKey", "6-80 characters without spaces (value not shown"},
		{"only one BGP peer address", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, 0), "customerAddress") },
			dxConn + "[0].amazonAddress", "give both"},
		{"peer addresses in different subnets", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, 0)["customerAddress"] = "169.254.100.6/30"
		}, dxConn + "[0].customerAddress", "two addresses of one subnet"},

		// resiliency models
		{"prod below high resiliency", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["resiliency"] = "development" },
			k + ".directConnect.resiliency", "prod requires"},
		{"high resiliency with both connections at one location", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, 1)["location"] = "EqDC2"
		}, dxConn, "add a connection at a second location"},
		{"development resiliency with both connections on one device", "dev", func(t *testing.T, h map[string]any) {
			h["mode"] = "directConnectWithVpn"
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "development", "connections": []any{
				map[string]any{"name": "lab-a", "connectionId": "dxcon-ffaaa111", "location": "EqDC2", "device": "EqDC2-dev1", "vlan": 201, "bgpAsn": 65100, "bgpAuthKey": "lab-key-a"},
				map[string]any{"name": "lab-b", "connectionId": "dxcon-ffbbb222", "location": "EqDC2", "device": "EqDC2-dev1", "vlan": 202, "bgpAsn": 65100, "bgpAuthKey": "lab-key-b"},
			}}
		}, dxConn, "EqDC2 on 1 device (EqDC2-dev1)"},
		{"maximum resiliency with one connection per location", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["resiliency"] = "maximum"
		}, dxConn, "CSVA1 needs a second connection on a separate device"},
		{"maximum resiliency without a device", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["resiliency"] = "maximum"
			delete(connection(t, h, 0), "device")
		}, dxConn + "[0].device", "required by resiliency maximum"},
		{"one customer gateway in prod", "prod", func(t *testing.T, h map[string]any) {
			v := obj(t, h["vpn"])
			v["customerGateways"] = list(t, v["customerGateways"])[:1]
		}, k + ".vpn.customerGateways", "prod needs 2"},
		{"one customer gateway where the model requires two", "dev", func(t *testing.T, h map[string]any) {
			h["mode"] = "directConnectWithVpn"
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "high", "connections": []any{
				map[string]any{"name": "lab-a", "connectionId": "dxcon-ffaaa111", "location": "EqDC2", "vlan": 201, "bgpAsn": 65100, "bgpAuthKey": "lab-key-a"},
				map[string]any{"name": "lab-b", "connectionId": "dxcon-ffbbb222", "location": "CSVA1", "vlan": 202, "bgpAsn": 65100, "bgpAuthKey": "lab-key-b"},
			}}
		}, k + ".vpn.customerGateways", "resiliency high needs 2"},

		// ordering connections and MACsec
		{"MACsec on a 1 Gbps port", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 0)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "1Gbps", "macsec": map[string]any{"encryptionMode": "must_encrypt"}}
		}, dxConn + "[0].order.macsec", "MACsec is not available on a 1Gbps port"},
		{"a MACsec CAK that is not 64 hex digits", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 0)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{"ckn": strings.Repeat("a1", 32), "cak": "not-hex"}}
		}, dxConn + "[0].order.macsec.cak", "64 hexadecimal digits (value not shown"},
		{"an unknown MACsec mode", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 0)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "100Gbps", "macsec": map[string]any{"encryptionMode": "mustEncrypt"}}
		}, dxConn + "[0].order.macsec.encryptionMode", "not a MACsec mode"},
		{"a MACsec CKN without its CAK", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 0)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{"ckn": "ab"}}
		}, dxConn + "[0].order.macsec", "both ckn and cak"},
		{"a port speed that cannot be ordered", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, 0)
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "500Mbps"}
		}, dxConn + "[0].order.bandwidth", "not a dedicated port speed"},

		// prefixes and CIDR blocks
		{"allowed prefixes that miss the VPC", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.11.0.0/16"}
		}, k + ".directConnect.allowedPrefixes", "no prefix covers the VPC CIDR 10.10.0.0/16"},
		{"allowed prefixes that include on premises", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.0.0.0/8"}
		}, k + ".directConnect.allowedPrefixes[0]", "overlaps the on-premises network 10.100.0.0/16"},
		{"allowed prefixes in encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.10.0.0/16"}
		}, k + ".directConnect.allowedPrefixes", "advertises only the Transit Gateway CIDR blocks"},
		{"a Transit Gateway CIDR block overlapping the VPC", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.10.255.0/24"}
		}, k + ".transitGateway.cidrBlocks[0]", "overlaps the VPC CIDR"},
		{"a Transit Gateway CIDR block overlapping on premises", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"172.20.0.0/24"}
		}, k + ".transitGateway.cidrBlocks[0]", "overlaps the on-premises network 172.20.0.0/16"},
		{"a Transit Gateway CIDR block smaller than /24", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.255.0.0/25"}
		}, k + ".transitGateway.cidrBlocks[0]", "smaller than the /24"},
		{"Transit Gateway CIDR blocks outside the encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.255.0.0/24"}
		}, k + ".transitGateway.cidrBlocks", "only mode directConnectEncrypted"},

		// customer gateways and tunnels
		{"a private address on an internet VPN", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, 0)["ipAddress"] = "10.100.0.1" },
			k + ".vpn.customerGateways[0].ipAddress", "not a public IPv4 address"},
		{"a carrier-grade NAT address on an internet VPN", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, 0)["ipAddress"] = "100.64.1.1" },
			k + ".vpn.customerGateways[0].ipAddress", "not a public IPv4 address"},
		{"a customer gateway address that is not one", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, 0)["ipAddress"] = "edge1.corp" },
			k + ".vpn.customerGateways[0].ipAddress", "not an IPv4 address"},
		{"a public address on a private VPN", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, list(t, obj(t, h["privateVpn"])["customerGateways"])[0])["ipAddress"] = "198.51.100.99"
		}, k + ".privateVpn.customerGateways[0].ipAddress", "not a private (RFC 1918) address"},
		{"acceleration on a private VPN", "prod", func(t *testing.T, h map[string]any) { encrypted(h); obj(t, h["privateVpn"])["acceleration"] = true },
			k + ".privateVpn.acceleration", "only to VPN over the internet"},
		{"a duplicate customer gateway name", "prod", func(t *testing.T, h map[string]any) { gateway(t, h, 1)["name"] = "dc1-edge1" },
			k + ".vpn.customerGateways[1].name", "also the name of"},
		{"a tunnel inside CIDR that is a /29", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 0)["tunnels"])[0])["insideCidr"] = "169.254.10.0/29"
		}, k + ".vpn.customerGateways[0].tunnels[0].insideCidr", "not a /30 inside 169.254.0.0/16"},
		{"a tunnel inside CIDR outside link-local", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 0)["tunnels"])[1])["insideCidr"] = "10.0.0.0/30"
		}, k + ".vpn.customerGateways[0].tunnels[1].insideCidr", "not a /30 inside 169.254.0.0/16"},
		{"a tunnel inside CIDR AWS reserves", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 0)["tunnels"])[0])["insideCidr"] = "169.254.2.0/30"
		}, k + ".vpn.customerGateways[0].tunnels[0].insideCidr", "reserved by AWS"},
		{"a pre-shared key starting with 0", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 0)["tunnels"])[1])["presharedKey"] = "0secretkey"
		}, k + ".vpn.customerGateways[0].tunnels[1].presharedKey", "not starting with 0 (value not shown"},
		{"a pre-shared key with a character AWS refuses", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 0)["tunnels"])[0])["presharedKey"] = "secret-key!"
		}, k + ".vpn.customerGateways[0].tunnels[0].presharedKey", "8-64 letters, digits, . or _"},
		{"the metadata range as a tunnel inside CIDR", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 1)["tunnels"])[0])["insideCidr"] = "169.254.169.252/30"
		}, k + ".vpn.customerGateways[1].tunnels[0].insideCidr", "reserved by AWS"},
		{"overlapping tunnel inside CIDRs", "prod", func(t *testing.T, h map[string]any) {
			obj(t, list(t, gateway(t, h, 1)["tunnels"])[0])["insideCidr"] = "169.254.10.0/30"
		}, k, "169.254.10.0/30 is used by both customer gateway dc1-edge1 tunnel 1 and customer gateway dc1-edge2 tunnel 1"},
		{"one tunnel only", "prod", func(t *testing.T, h map[string]any) {
			g := gateway(t, h, 0)
			g["tunnels"] = list(t, g["tunnels"])[:1]
		}, k + ".vpn.customerGateways[0].tunnels", "set both tunnels or none"},

		// DNS
		{"one Resolver address", "dev", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["endpointIpCount"] = 1 },
			k + ".dns.endpointIpCount", "outside 2 to the AZ count (2)"},
		{"more Resolver addresses than AZs", "prod", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["endpointIpCount"] = 4 },
			k + ".dns.endpointIpCount", "outside 2 to the AZ count (3)"},
		{"a query log retention CloudWatch refuses", "dev", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["queryLogRetentionDays"] = 10 },
			k + ".dns.queryLogRetentionDays", "not a CloudWatch Logs retention"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(withHybrid(t, tt.stack, func(h map[string]any) { tt.edit(t, h) }))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantKey+": ")
			assert.Contains(t, err.Error(), tt.wantMsg)
		})
	}
}

func TestMissingOnPremisesCIDRsStopTheHybridSection(t *testing.T) {
	cfg := patch(t, stackConfig(t, "prod"), "hybridcloud:onPremises", "cidrs", []any{})
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:onPremises.cidrs: required")
}

func TestMissingHybridSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, hybridKey)
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), hybridKey+": required but not set")
}
