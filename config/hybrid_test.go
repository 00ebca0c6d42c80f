package config

import (
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/topology"
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

// connection and gateway return the Direct Connect connection and the internet VPN customer gateway
// listed under name.
func connection(t *testing.T, h map[string]any, name string) map[string]any {
	t.Helper()
	return obj(t, obj(t, obj(t, h["directConnect"])["connections"])[name])
}

func gateway(t *testing.T, h map[string]any, name string) map[string]any {
	t.Helper()
	return obj(t, obj(t, obj(t, h["vpn"])["customerGateways"])[name])
}

// tunnel returns tunnel i (0 or 1) of the internet VPN customer gateway name.
func tunnel(t *testing.T, h map[string]any, name string, i int) map[string]any {
	t.Helper()
	return obj(t, list(t, gateway(t, h, name)["tunnels"])[i])
}

// drTunnel returns DR tunnel i (0 or 1) of the internet VPN customer gateway name.
func drTunnel(t *testing.T, h map[string]any, name string, i int) map[string]any {
	t.Helper()
	return obj(t, list(t, gateway(t, h, name)["drTunnels"])[i])
}

// encrypted turns prod's hybrid section into a valid directConnectEncrypted one: IPsec over Direct Connect
// from two routers' private addresses, with the internet VPN kept as failover.
func encrypted(h map[string]any) {
	h["mode"] = "directConnectEncrypted"
	h["transitGateway"].(map[string]any)["cidrBlocks"] = []any{"10.255.0.0/24"}
	h["privateVpn"] = map[string]any{"customerGateways": map[string]any{
		"dc1-core1": map[string]any{"ipAddress": "10.100.250.1", "bgpAsn": 65100},
		"dc1-core2": map[string]any{"ipAddress": "10.100.250.2", "bgpAsn": 65100},
	}}
}

// requireProblem requires err to hold a line that names key and says msg: with every problem joined, the
// key and the message must come from the same line.
func requireProblem(t *testing.T, err error, key, msg string) {
	t.Helper()
	require.Error(t, err)
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(line, key+": ") && strings.Contains(line, msg) {
			return
		}
	}
	t.Fatalf("no problem %q at %s in:\n%v", msg, key, err)
}

func TestHybridSectionOfEachStackFile(t *testing.T) {
	dev, err := parse(stackConfig(t, "dev"))
	require.NoError(t, err)
	h := dev.Connectivity
	assert.Equal(t, topology.ModeVPN, h.Mode)
	assert.Nil(t, h.DirectConnect, "dev has no Direct Connect")
	assert.Nil(t, h.PrivateVPN)
	require.NotNil(t, h.InternetVPN)
	assert.Equal(t, map[string]hybrid.CustomerGateway{"dc1-edge1": {IPAddress: netip.MustParseAddr("198.51.100.20"), ASN: 65100}}, h.InternetVPN.CustomerGateways)
	assert.False(t, h.Protect)
	assert.Equal(t, hybrid.DNSSettings{EndpointIPCount: 2, QueryLogRetentionDays: 14, Protect: false}, dev.DNS,
		"dev pays for the minimum two Resolver addresses, and DNS follows the section's protect")

	prod, err := parse(stackConfig(t, "prod"))
	require.NoError(t, err)
	h = prod.Connectivity
	assert.Equal(t, topology.ModeDirectConnectWithVPN, h.Mode)
	assert.True(t, h.Protect)
	require.NotNil(t, h.DirectConnect)
	assert.Equal(t, topology.ResiliencyHigh, h.DirectConnect.Resiliency)
	assert.Equal(t, topology.MTUStandard, h.DirectConnect.MTU, "the VPN behind Direct Connect carries 1500 bytes")
	require.Len(t, h.DirectConnect.Connections, 2)
	assert.NotEqual(t, h.DirectConnect.Connections["ash-a"].Location, h.DirectConnect.Connections["res-a"].Location, "high resiliency: two locations")
	for name, c := range h.DirectConnect.Connections {
		assert.Regexp(t, `^dxcon-`, c.ID)
		assert.Equal(t, plan.SecretPlaceholder(hybridKey+`.directConnect.connections["`+name+`"].bgpAuthKey`), c.BGPAuthKey,
			"the BGP key comes from a secure value")
	}
	require.NotNil(t, h.InternetVPN)
	require.Len(t, h.InternetVPN.CustomerGateways, 2, "prod has two on-premises routers")
	for _, gw := range h.InternetVPN.CustomerGateways {
		require.Len(t, gw.Tunnels, 2)
		require.Len(t, gw.DRTunnels, 2, "the routers' connections to the DR Transit Gateway are fixed too")
		for _, tun := range append(gw.Tunnels, gw.DRTunnels...) {
			assert.NotEmpty(t, tun.PresharedKey)
		}
	}
	assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("169.254.11.8/30"), netip.MustParsePrefix("169.254.11.12/30")},
		[]netip.Prefix{h.InternetVPN.CustomerGateways["dc1-edge2"].DRTunnels[0].InsideCIDR, h.InternetVPN.CustomerGateways["dc1-edge2"].DRTunnels[1].InsideCIDR})
	assert.Equal(t, hybrid.DNSSettings{EndpointIPCount: 3, QueryLogRetentionDays: 365, Protect: true}, prod.DNS, "prod has a Resolver address in every AZ")
}

func TestHybridDefaults(t *testing.T) {
	c, err := parse(withHybrid(t, "prod", func(h map[string]any) {
		delete(obj(t, h["directConnect"]), "mtu")
		c := connection(t, h, "res-a")
		delete(c, "connectionId")
		c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{}}
	}))
	require.NoError(t, err)
	dx := c.Connectivity.DirectConnect
	assert.Equal(t, topology.MTUStandard, dx.MTU, "with a VPN failover, Direct Connect MTU defaults to the VPN's")
	o := dx.Connections["res-a"].Order
	require.NotNil(t, o)
	require.NotNil(t, o.MACsec)
	assert.Equal(t, "must_encrypt", o.MACsec.EncryptionMode, "MACsec defaults to dropping rather than sending in clear")
	assert.False(t, o.Available)
	assert.False(t, dx.Connections["res-a"].Ready(), "no VIF until the port is available")

	c, err = parse(withHybrid(t, "dev", func(h map[string]any) { delete(h, "protect") }))
	require.NoError(t, err)
	assert.True(t, c.Connectivity.Protect, "protect defaults to true")
	assert.True(t, c.DNS.Protect)
}

// dxOnly turns a stack into mode directConnect: no internet VPN.
func dxOnly(_ *testing.T, h map[string]any) {
	h["mode"] = "directConnect"
	delete(h, "vpn")
	delete(h, "tunnelLogRetentionDays")
}

func TestASummaryIsRefusedBesideAnInternetVPN(t *testing.T) {
	_, err := parse(withHybrid(t, "prod", func(h map[string]any) {
		obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.0.0.0/12"}
	}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), hybridKey+".directConnect.allowedPrefixes[0]: 10.0.0.0/12 is not the VPC CIDR 10.10.0.0/16: mode directConnectWithVpn advertises")
	_, err = parse(withHybrid(t, "prod", func(h map[string]any) {
		obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.10.0.0/16"}
	}))
	assert.NoError(t, err, "the VPC CIDR itself is what the VPN advertises too")
}

func TestValidHybridVariantsParse(t *testing.T) {
	tests := []struct {
		name  string
		stack string
		edit  func(t *testing.T, h map[string]any)
		check func(t *testing.T, h hybrid.ConnectivitySettings)
	}{
		// The DR region has no private VPNs yet (TestBadDRConfigNamesTheKey): this variant runs backup and restore.
		{"encrypted over Direct Connect with internet failover", "prod", func(t *testing.T, h map[string]any) { encrypted(h) },
			func(t *testing.T, h hybrid.ConnectivitySettings) {
				require.NotNil(t, h.PrivateVPN)
				assert.Equal(t, netip.MustParseAddr("10.100.250.1"), h.PrivateVPN.CustomerGateways["dc1-core1"].IPAddress)
				assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.255.0.0/24")}, h.TransitGateway.CIDRBlocks)
				assert.NotNil(t, h.InternetVPN)
			}},
		{"Direct Connect only", "prod", dxOnly, func(t *testing.T, h hybrid.ConnectivitySettings) {
			assert.Nil(t, h.InternetVPN)
			assert.Equal(t, topology.MTUJumbo, h.DirectConnect.MTU, "without a VPN, jumbo frames by default")
		}},
		{"jumbo frames beside a VPN, set explicitly (MSS clamped on the routers)", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["mtu"] = 8500
		}, func(t *testing.T, h hybrid.ConnectivitySettings) {
			assert.Equal(t, topology.MTUJumbo, h.DirectConnect.MTU)
		}},
		{"a summary covering the VPC, without a VPN", "prod", func(t *testing.T, h map[string]any) {
			dxOnly(t, h)
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.0.0.0/12"}
		}, func(t *testing.T, h hybrid.ConnectivitySettings) {
			assert.Equal(t, []netip.Prefix{netip.MustParsePrefix("10.0.0.0/12")}, h.DirectConnect.AllowedPrefixes)
		}},
		{"maximum resiliency: two devices at each of two locations", "prod", func(t *testing.T, h map[string]any) {
			dx := obj(t, h["directConnect"])
			dx["resiliency"] = "maximum"
			conns := obj(t, dx["connections"])
			conns["ash-b"] = map[string]any{"connectionId": "dxcon-fgghi789", "location": "EqDC2", "device": "EqDC2-1b2c3d4e5f6g7", "vlan": 103, "bgpAsn": 65100, "bgpAuthKey": "ka-bgp-key"}
			conns["res-b"] = map[string]any{"connectionId": "dxcon-fgjkl012", "location": "CSVA1", "device": "CSVA1-7g6f5e4d3c2b1", "vlan": 104, "bgpAsn": 65100, "bgpAuthKey": "kb-bgp-key"}
		}, func(t *testing.T, h hybrid.ConnectivitySettings) { assert.Len(t, h.DirectConnect.Connections, 4) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := withHybrid(t, tt.stack, func(h map[string]any) { tt.edit(t, h) })
			switch {
			case strings.HasPrefix(tt.name, "encrypted"): // the standby's VPNs over Direct Connect need blocks of their own
				cfg = patch(t, cfg, "hybridcloud:dr", "transitGatewayCidrBlocks", []any{"10.254.0.0/24"})
			case strings.HasPrefix(tt.name, "a summary"): // the DR association may not allow a range inside it
				cfg = patch(t, cfg, "hybridcloud:dr", "cidr", "10.20.0.0/16")
			}
			c, err := parse(cfg)
			require.NoError(t, err)
			tt.check(t, c.Connectivity)
		})
	}
}

func TestBadHybridConfigNamesTheKey(t *testing.T) {
	const k = hybridKey
	dxConn := k + ".directConnect.connections"
	edge1 := k + ".vpn.customerGateways.dc1-edge1"
	tests := []struct {
		name    string
		stack   string
		edit    func(t *testing.T, h map[string]any)
		wantKey string
		wantMsg string
	}{
		// modes and what they declare: the rule table the component checks with too
		{"an unknown mode", "dev", func(t *testing.T, h map[string]any) { h["mode"] = "satellite" }, k + ".mode", `"satellite" is not a connectivity mode`},
		{"no mode", "dev", func(t *testing.T, h map[string]any) { delete(h, "mode") }, k + ".mode", "required but not set"},
		{"a Direct Connect mode without Direct Connect", "dev", func(t *testing.T, h map[string]any) { h["mode"] = "directConnectWithVpn" },
			k + ".directConnect", "mode directConnectWithVpn needs Direct Connect"},
		{"encrypted mode without Direct Connect", "prod", func(t *testing.T, h map[string]any) { encrypted(h); delete(h, "directConnect") },
			k + ".directConnect", "mode directConnectEncrypted needs Direct Connect"},
		{"encrypted mode without Transit Gateway CIDR blocks", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			delete(obj(t, h["transitGateway"]), "cidrBlocks")
		}, k + ".transitGateway.cidrBlocks", "mode directConnectEncrypted needs Transit Gateway CIDR blocks"},
		{"encrypted mode without private VPN", "prod", func(t *testing.T, h map[string]any) { encrypted(h); delete(h, "privateVpn") },
			k + ".privateVpn", "mode directConnectEncrypted needs Site-to-Site VPN over Direct Connect"},
		{"vpn mode declaring Direct Connect", "dev", func(t *testing.T, h map[string]any) {
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "development"}
		}, k + ".directConnect", "mode vpn has no Direct Connect; remove it"},
		{"Direct Connect only mode declaring a VPN", "prod", func(t *testing.T, h map[string]any) { h["mode"] = "directConnect" },
			k + ".vpn", "mode directConnect has no Site-to-Site VPN over the internet"},
		{"a private VPN outside the encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			h["mode"] = "directConnectWithVpn"
			delete(obj(t, h["transitGateway"]), "cidrBlocks")
		}, k + ".privateVpn", "mode directConnectWithVpn has no Site-to-Site VPN over Direct Connect"},
		{"Transit Gateway CIDR blocks outside the encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.255.0.0/24"}
		}, k + ".transitGateway.cidrBlocks", "mode directConnectWithVpn has no Transit Gateway CIDR blocks"},
		{"allowed prefixes in encrypted mode", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.10.0.0/16"}
		}, k + ".directConnect.allowedPrefixes", "mode directConnectEncrypted has no allowed prefixes advertised in clear"},
		{"tunnel log retention without a VPN", "prod", func(t *testing.T, h map[string]any) { h["mode"] = "directConnect"; delete(h, "vpn") },
			k + ".tunnelLogRetentionDays", "no VPN tunnels to log"},
		{"no tunnel log retention with a VPN", "dev", func(t *testing.T, h map[string]any) { delete(h, "tunnelLogRetentionDays") },
			k + ".tunnelLogRetentionDays", "0 is not a CloudWatch Logs retention"},
		{"protect off in prod", "prod", func(t *testing.T, h map[string]any) { h["protect"] = false }, k + ".protect", "must be true in prod"},
		{"an unknown field", "dev", func(t *testing.T, h map[string]any) { h["bgpPassword"] = "x" }, k + ".bgpPassword", "unknown field"},
		{"a field in the wrong case", "dev", func(t *testing.T, h map[string]any) {
			h["Mode"] = h["mode"]
			delete(h, "mode")
		}, k + ".Mode", `did you mean "mode"?`},
		{"a connection list instead of a map", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["connections"] = []any{connection(t, h, "ash-a")}
		}, dxConn, "got a list, want an object"},

		// ASNs
		{"a public Transit Gateway ASN", "dev", func(t *testing.T, h map[string]any) { obj(t, h["transitGateway"])["amazonSideAsn"] = 7224 },
			k + ".transitGateway.amazonSideAsn", "7224 is not a private ASN"},
		{"no Transit Gateway", "dev", func(t *testing.T, h map[string]any) { delete(h, "transitGateway") },
			k + ".transitGateway.amazonSideAsn", "required but not set"},
		{"a public customer gateway ASN", "dev", func(t *testing.T, h map[string]any) {
			obj(t, obj(t, obj(t, h["vpn"])["customerGateways"])["dc1-edge1"])["bgpAsn"] = 3356
		}, k + ".vpn.customerGateways.dc1-edge1.bgpAsn", "3356 is not a private ASN"},
		{"a customer gateway ASN equal to the Transit Gateway's", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge1")["bgpAsn"] = 64620 },
			edge1 + ".bgpAsn", "also the Transit Gateway's ASN"},
		{"a Direct Connect gateway ASN equal to the Transit Gateway's", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["amazonSideAsn"] = 64512
		}, k + ".directConnect.amazonSideAsn", "also the Transit Gateway"},
		{"a VIF ASN equal to the Direct Connect gateway's", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["bgpAsn"] = 64513 },
			dxConn + ".ash-a.bgpAsn", "also the Direct Connect gateway's ASN"},
		{"a VIF ASN just above the private 2-byte range", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["bgpAsn"] = 65535 },
			dxConn + ".ash-a.bgpAsn", "65535 is not a private ASN"},
		{"a 4-byte VIF ASN the VIF API cannot take", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["bgpAsn"] = 4200000001 },
			dxConn + ".ash-a.bgpAsn", "use a 2-byte private ASN"},
		{"an ASN written as a string", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["bgpAsn"] = "65100" },
			dxConn + ".ash-a.bgpAsn", "want a whole number"},

		// Direct Connect connections
		{"a VLAN of 0", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["vlan"] = 0 }, dxConn + ".ash-a.vlan", "outside 1-4094"},
		{"a VLAN of 4095", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "res-a")["vlan"] = 4095 }, dxConn + ".res-a.vlan", "outside 1-4094"},
		{"an MTU of 9001 (a private VIF's)", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["mtu"] = 9001 },
			k + ".directConnect.mtu", "9001 is not a transit VIF MTU"},
		{"a connection with neither an id nor an order", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, "ash-a"), "connectionId") },
			dxConn + ".ash-a.connectionId", "required: the id of an existing connection"},
		{"no connections at all", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["connections"] = map[string]any{} },
			dxConn, "at least one connection"},
		{"a connection name that is not one", "prod", func(t *testing.T, h map[string]any) {
			conns := obj(t, obj(t, h["directConnect"])["connections"])
			conns["Ash_A"] = conns["ash-a"]
			delete(conns, "ash-a")
		}, dxConn + ".Ash_A", `"Ash_A" is not a short name`},
		{"a connection id that is not one", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["connectionId"] = "fra-port-1" },
			dxConn + ".ash-a.connectionId", "not a Direct Connect connection or LAG id"},
		{"both an id and an order", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, "ash-a")["order"] = map[string]any{"bandwidth": "10Gbps"}
		}, dxConn + ".ash-a.order", "not both"},
		{"a duplicate connection id", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "res-a")["connectionId"] = "dxcon-fgabc123" },
			dxConn + ".res-a.connectionId", "dxcon-fgabc123 is also connections.ash-a"},
		{"a VLAN used twice on one connection", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "res-a")
			c["connectionId"], c["vlan"] = "dxcon-fgabc123", 101
		}, dxConn + ".res-a.vlan", "VLAN 101 is already used on dxcon-fgabc123 by connections.ash-a"},
		{"a missing BGP auth key", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, "ash-a"), "bgpAuthKey") },
			dxConn + ".ash-a.bgpAuthKey", "required"},
		{"a BGP auth key too short for AWS", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["bgpAuthKey"] = "abc" },
			dxConn + ".ash-a.bgpAuthKey", "6-80 characters without spaces (value not shown"},
		{"only one BGP peer address", "prod", func(t *testing.T, h map[string]any) { delete(connection(t, h, "ash-a"), "customerAddress") },
			dxConn + ".ash-a.customerAddress", "give both"},
		{"a BGP peer address without its prefix", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["amazonAddress"] = "169.254.100.1" },
			dxConn + ".ash-a.amazonAddress", "is not a CIDR"},
		{"peer addresses in different subnets", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, "ash-a")["customerAddress"] = "169.254.100.6/30"
		}, dxConn + ".ash-a.customerAddress", "two addresses of one subnet"},
		{"a location that is not one", "prod", func(t *testing.T, h map[string]any) { connection(t, h, "ash-a")["location"] = "x" },
			dxConn + ".ash-a.location", "not a Direct Connect location code"},

		// resiliency models
		{"no resiliency model", "prod", func(t *testing.T, h map[string]any) { delete(obj(t, h["directConnect"]), "resiliency") },
			k + ".directConnect.resiliency", "required but not set"},
		{"an unknown resiliency model", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["resiliency"] = "heroic" },
			k + ".directConnect.resiliency", `"heroic" is not a Direct Connect resiliency model`},
		{"prod below high resiliency", "prod", func(t *testing.T, h map[string]any) { obj(t, h["directConnect"])["resiliency"] = "development" },
			k + ".directConnect.resiliency", "prod requires"},
		{"high resiliency with both connections at one location", "prod", func(t *testing.T, h map[string]any) {
			connection(t, h, "res-a")["location"] = "EqDC2"
		}, dxConn, "add a connection at a second location"},
		{"development resiliency with both connections on one device", "dev", func(t *testing.T, h map[string]any) {
			h["mode"] = "directConnectWithVpn"
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "development", "connections": map[string]any{
				"lab-a": map[string]any{"connectionId": "dxcon-ffaaa111", "location": "EqDC2", "device": "EqDC2-dev1", "vlan": 201, "bgpAsn": 65100, "bgpAuthKey": "lab-key-a"},
				"lab-b": map[string]any{"connectionId": "dxcon-ffbbb222", "location": "EqDC2", "device": "EqDC2-dev1", "vlan": 202, "bgpAsn": 65100, "bgpAuthKey": "lab-key-b"},
			}}
		}, dxConn, "EqDC2 on 1 device (EqDC2-dev1)"},
		{"maximum resiliency with one connection per location", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["resiliency"] = "maximum"
		}, dxConn, "CSVA1 needs a second connection on a separate device"},
		{"maximum resiliency without a device", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["resiliency"] = "maximum"
			delete(connection(t, h, "ash-a"), "device")
		}, dxConn + ".ash-a.device", "required by resiliency maximum"},
		{"one customer gateway in prod", "prod", func(t *testing.T, h map[string]any) {
			delete(obj(t, obj(t, h["vpn"])["customerGateways"]), "dc1-edge2")
		}, k + ".vpn.customerGateways", "prod needs 2"},
		{"one customer gateway where the model requires two", "dev", func(t *testing.T, h map[string]any) {
			h["mode"] = "directConnectWithVpn"
			h["directConnect"] = map[string]any{"amazonSideAsn": 64621, "resiliency": "high", "connections": map[string]any{
				"lab-a": map[string]any{"connectionId": "dxcon-ffaaa111", "location": "EqDC2", "vlan": 201, "bgpAsn": 65100, "bgpAuthKey": "lab-key-a"},
				"lab-b": map[string]any{"connectionId": "dxcon-ffbbb222", "location": "CSVA1", "vlan": 202, "bgpAsn": 65100, "bgpAuthKey": "lab-key-b"},
			}}
		}, k + ".vpn.customerGateways", "resiliency high needs 2"},

		// ordering connections and MACsec
		{"MACsec on a 1 Gbps port", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "ash-a")
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "1Gbps", "macsec": map[string]any{"encryptionMode": "must_encrypt"}}
		}, dxConn + ".ash-a.order.macsec", "MACsec is not available on a 1Gbps port"},
		{"a MACsec CAK that is not 64 hex digits", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "ash-a")
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{"ckn": strings.Repeat("a1", 32), "cak": "not-hex"}}
		}, dxConn + ".ash-a.order.macsec.cak", "64 hexadecimal digits (value not shown"},
		{"an unknown MACsec mode", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "ash-a")
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "100Gbps", "macsec": map[string]any{"encryptionMode": "mustEncrypt"}}
		}, dxConn + ".ash-a.order.macsec.encryptionMode", "not a MACsec mode"},
		{"a MACsec CKN without its CAK", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "ash-a")
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "10Gbps", "macsec": map[string]any{"ckn": "ab"}}
		}, dxConn + ".ash-a.order.macsec", "both ckn and cak"},
		{"a port speed that cannot be ordered", "prod", func(t *testing.T, h map[string]any) {
			c := connection(t, h, "ash-a")
			delete(c, "connectionId")
			c["order"] = map[string]any{"bandwidth": "500Mbps"}
		}, dxConn + ".ash-a.order.bandwidth", "not a dedicated port speed"},

		// prefixes and CIDR blocks
		{"allowed prefixes that miss the VPC", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.11.0.0/16"}
		}, k + ".directConnect.allowedPrefixes", "no prefix covers the VPC CIDR 10.10.0.0/16"},
		{"allowed prefixes that include on premises", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.0.0.0/8"}
		}, k + ".directConnect.allowedPrefixes[0]", "overlaps the on-premises network 10.100.0.0/16"},
		{"an allowed prefix with host bits set", "prod", func(t *testing.T, h map[string]any) {
			obj(t, h["directConnect"])["allowedPrefixes"] = []any{"10.10.0.1/16"}
		}, k + ".directConnect.allowedPrefixes[0]", "has host bits set; did you mean 10.10.0.0/16?"},
		{"a Transit Gateway CIDR block overlapping the VPC", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.10.255.0/24"}
		}, k + ".transitGateway.cidrBlocks[0]", "overlaps the VPC (hybridcloud:network.cidr) 10.10.0.0/16"},
		{"a Transit Gateway CIDR block overlapping on premises", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"172.20.0.0/24"}
		}, k + ".transitGateway.cidrBlocks[0]", "overlaps an on-premises network (hybridcloud:onPremises.cidrs) 172.20.0.0/16"},
		{"a Transit Gateway CIDR block smaller than /24", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.255.0.0/25"}
		}, k + ".transitGateway.cidrBlocks[0]", "smaller than the /24"},
		{"overlapping Transit Gateway CIDR blocks", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.255.0.0/23", "10.255.1.0/24"}
		}, k + ".transitGateway.cidrBlocks[1]", "overlaps " + k + ".transitGateway.cidrBlocks[0] 10.255.0.0/23"},
		{"a Transit Gateway CIDR block of link-local addresses", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"169.254.100.0/24"}
		}, k + ".transitGateway.cidrBlocks[0]", "is in 169.254.0.0/16, which AWS refuses"},
		{"more Transit Gateway CIDR blocks than AWS takes", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, h["transitGateway"])["cidrBlocks"] = []any{"10.250.0.0/24", "10.250.1.0/24", "10.250.2.0/24", "10.250.3.0/24", "10.250.4.0/24", "10.250.5.0/24"}
		}, k + ".transitGateway.cidrBlocks", "6 given: a Transit Gateway takes at most 5 CIDR blocks"},

		// customer gateways and tunnels
		{"a private address on an internet VPN", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge1")["ipAddress"] = "10.100.0.1" },
			edge1 + ".ipAddress", "not a public IPv4 address"},
		{"a carrier-grade NAT address on an internet VPN", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge1")["ipAddress"] = "100.64.1.1" },
			edge1 + ".ipAddress", "not a public IPv4 address"},
		{"a customer gateway address that is not one", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge1")["ipAddress"] = "edge1.corp" },
			edge1 + ".ipAddress", `"edge1.corp" is not an IP address`},
		{"an IPv6 customer gateway address", "dev", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge1")["ipAddress"] = "2001:db8::1" },
			edge1 + ".ipAddress", "2001:db8::1 is not an IPv4 address"},
		{"no customer gateway address", "dev", func(t *testing.T, h map[string]any) { delete(gateway(t, h, "dc1-edge1"), "ipAddress") },
			edge1 + ".ipAddress", "required but not set"},
		{"two routers with one address", "prod", func(t *testing.T, h map[string]any) { gateway(t, h, "dc1-edge2")["ipAddress"] = "198.51.100.10" },
			k + ".vpn.customerGateways.dc1-edge2.ipAddress", "198.51.100.10 is also customerGateways.dc1-edge1's address"},
		{"a public address on a private VPN", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, obj(t, obj(t, h["privateVpn"])["customerGateways"])["dc1-core1"])["ipAddress"] = "198.51.100.99"
		}, k + ".privateVpn.customerGateways.dc1-core1.ipAddress", "not a private (RFC 1918) address"},
		{"a private VPN address inside the Transit Gateway blocks", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			obj(t, obj(t, obj(t, h["privateVpn"])["customerGateways"])["dc1-core1"])["ipAddress"] = "10.255.0.9"
		}, k + ".privateVpn.customerGateways.dc1-core1.ipAddress", "inside the Transit Gateway CIDR blocks"},
		{"acceleration on a private VPN", "prod", func(t *testing.T, h map[string]any) { encrypted(h); obj(t, h["privateVpn"])["acceleration"] = true },
			k + ".privateVpn.acceleration", "only to VPN over the internet"},
		{"a router name in both VPNs", "prod", func(t *testing.T, h map[string]any) {
			encrypted(h)
			routers := obj(t, obj(t, h["privateVpn"])["customerGateways"])
			routers["dc1-edge1"] = routers["dc1-core1"]
			delete(routers, "dc1-core1")
		}, k + ".privateVpn.customerGateways.dc1-edge1", `"dc1-edge1" is also the name of ` + edge1},
		{"a router name that is not one", "dev", func(t *testing.T, h map[string]any) {
			routers := obj(t, obj(t, h["vpn"])["customerGateways"])
			routers["edge 1"] = routers["dc1-edge1"]
			delete(routers, "dc1-edge1")
		}, k + ".vpn.customerGateways.edge 1", `"edge 1" is not a short name`},
		{"a tunnel inside CIDR that is a /29", "prod", func(t *testing.T, h map[string]any) { tunnel(t, h, "dc1-edge1", 0)["insideCidr"] = "169.254.10.0/29" },
			edge1 + ".tunnels[0].insideCidr", "not a /30 inside 169.254.0.0/16"},
		{"a tunnel inside CIDR outside link-local", "prod", func(t *testing.T, h map[string]any) { tunnel(t, h, "dc1-edge1", 1)["insideCidr"] = "10.0.0.0/30" },
			edge1 + ".tunnels[1].insideCidr", "not a /30 inside 169.254.0.0/16"},
		{"a tunnel inside CIDR AWS reserves", "prod", func(t *testing.T, h map[string]any) { tunnel(t, h, "dc1-edge1", 0)["insideCidr"] = "169.254.2.0/30" },
			edge1 + ".tunnels[0].insideCidr", "reserved by AWS"},
		{"a tunnel without its inside CIDR", "prod", func(t *testing.T, h map[string]any) { delete(tunnel(t, h, "dc1-edge1", 0), "insideCidr") },
			edge1 + ".tunnels[0].insideCidr", "required but not set"},
		{"a pre-shared key starting with 0", "prod", func(t *testing.T, h map[string]any) { tunnel(t, h, "dc1-edge1", 1)["presharedKey"] = "0secretkey" },
			edge1 + ".tunnels[1].presharedKey", "not starting with 0 (value not shown"},
		{"a pre-shared key with a character AWS refuses", "prod", func(t *testing.T, h map[string]any) { tunnel(t, h, "dc1-edge1", 0)["presharedKey"] = "secret-key!" },
			edge1 + ".tunnels[0].presharedKey", "8-64 letters, digits, . or _"},
		{"the metadata range as a tunnel inside CIDR", "prod", func(t *testing.T, h map[string]any) {
			tunnel(t, h, "dc1-edge2", 0)["insideCidr"] = "169.254.169.252/30"
		}, k + ".vpn.customerGateways.dc1-edge2.tunnels[0].insideCidr", "reserved by AWS"},
		{"overlapping tunnel inside CIDRs", "prod", func(t *testing.T, h map[string]any) {
			tunnel(t, h, "dc1-edge2", 0)["insideCidr"] = "169.254.10.0/30"
		}, k + ".vpn.customerGateways.dc1-edge2.tunnels[0].insideCidr", "169.254.10.0/30 is also the inside CIDR of customer gateway dc1-edge1 tunnel 1"},
		{"one tunnel only", "prod", func(t *testing.T, h map[string]any) {
			g := gateway(t, h, "dc1-edge1")
			g["tunnels"] = list(t, g["tunnels"])[:1]
		}, edge1 + ".tunnels", "set both tunnels or none"},
		{"one DR tunnel only", "prod", func(t *testing.T, h map[string]any) {
			g := gateway(t, h, "dc1-edge1")
			g["drTunnels"] = list(t, g["drTunnels"])[:1]
		}, edge1 + ".drTunnels", "set both tunnels or none"},
		{"a DR tunnel on a primary tunnel's inside CIDR", "prod", func(t *testing.T, h map[string]any) {
			drTunnel(t, h, "dc1-edge1", 1)["insideCidr"] = "169.254.10.0/30"
		}, edge1 + ".drTunnels[1].insideCidr", "169.254.10.0/30 is also the inside CIDR of customer gateway dc1-edge1 tunnel 1; each BGP session needs its own link"},
		{"a DR tunnel inside CIDR AWS reserves", "prod", func(t *testing.T, h map[string]any) { drTunnel(t, h, "dc1-edge2", 0)["insideCidr"] = "169.254.5.0/30" },
			k + ".vpn.customerGateways.dc1-edge2.drTunnels[0].insideCidr", "reserved by AWS"},
		{"a DR pre-shared key AWS refuses", "prod", func(t *testing.T, h map[string]any) { drTunnel(t, h, "dc1-edge2", 1)["presharedKey"] = "short" },
			k + ".vpn.customerGateways.dc1-edge2.drTunnels[1].presharedKey", "not a pre-shared key AWS accepts"},

		// DNS
		{"one Resolver address", "dev", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["endpointIpCount"] = 1 },
			k + ".dns.endpointIpCount", "outside 2 to the AZ count (2)"},
		{"more Resolver addresses than AZs", "prod", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["endpointIpCount"] = 4 },
			k + ".dns.endpointIpCount", "outside 2 to the AZ count (3)"},
		{"no DNS", "dev", func(t *testing.T, h map[string]any) { delete(h, "dns") }, k + ".dns.endpointIpCount", "required but not set"},
		{"a query log retention CloudWatch refuses", "dev", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["queryLogRetentionDays"] = 10 },
			k + ".dns.queryLogRetentionDays", "not a CloudWatch Logs retention"},
		{"protect under dns (it follows the section's)", "dev", func(t *testing.T, h map[string]any) { obj(t, h["dns"])["protect"] = true },
			k + ".dns.protect", "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(withHybrid(t, tt.stack, func(h map[string]any) { tt.edit(t, h) }))
			requireProblem(t, err, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestARefusedPartGetsNoFollowOnErrors(t *testing.T) {
	_, err := parse(withHybrid(t, "dev", func(h map[string]any) {
		h["directConnect"] = map[string]any{"amazonSideAsn": 7224, "connections": map[string]any{}}
	}))
	requireProblem(t, err, hybridKey+".directConnect", "mode vpn has no Direct Connect")
	assert.NotContains(t, err.Error(), hybridKey+".directConnect.", "nothing inside a refused part is checked")
}

func TestAConnectionWrittenTwiceIsRefused(t *testing.T) {
	cfg := stackConfig(t, "prod")
	raw := cfg[hybridKey]
	i := strings.Index(raw, `"res-a":`)
	require.Positive(t, i)
	cfg[hybridKey] = raw[:i] + `"ash-a":{},` + raw[i:]
	_, err := parse(cfg)
	requireProblem(t, err, hybridKey+".directConnect.connections.ash-a", "set twice")
}

func TestMissingOnPremisesCIDRsStopTheHybridSection(t *testing.T) {
	cfg := patch(t, stackConfig(t, "prod"), "hybridcloud:onPremises", "cidrs", []any{})
	_, err := parse(cfg)
	requireProblem(t, err, "hybridcloud:onPremises.cidrs", "required")
}

func TestMissingHybridSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, hybridKey)
	_, err := parse(cfg)
	requireProblem(t, err, hybridKey, "required but not set")
}
