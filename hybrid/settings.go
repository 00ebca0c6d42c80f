package hybrid

import (
	"net/netip"

	"github.com/insurance/hybridcloud/hybrid/topology"
)

// ConnectivitySettings are hybrid connectivity's own settings: the keys of hybridcloud:hybrid beside dns.
type ConnectivitySettings struct {
	// Mode picks the paths to declare: topology.ModeVPN, ModeDirectConnect, ModeDirectConnectWithVPN or
	// ModeDirectConnectEncrypted. Required. Its rule table (topology.Mode.CheckParts) says which of
	// DirectConnect, InternetVPN, PrivateVPN, TransitGateway.CIDRBlocks and DirectConnect.AllowedPrefixes
	// it needs, allows or refuses.
	Mode topology.Mode `json:"mode"`
	// TunnelLogRetentionDays is how long VPN tunnel logs are kept: a CloudWatch Logs retention value.
	// Required when the mode has a VPN, refused otherwise.
	TunnelLogRetentionDays int `json:"tunnelLogRetentionDays"`
	// Protect sets pulumi protect on the Transit Gateway and its VPC attachment, the Direct Connect
	// gateway, its association, ordered connections and VIFs, and the customer gateways and VPN
	// connections, and keeps the tunnel logs through a destroy: replacing any of them changes peer
	// addresses or keys the on-premises routers are configured with. Default true; required in prod.
	Protect bool `json:"protect"`
	// TransitGateway configures the Transit Gateway every path lands on. Required.
	TransitGateway TransitGateway `json:"transitGateway"`
	// DirectConnect is the Direct Connect gateway and its connections: required by the Direct Connect
	// modes, refused by ModeVPN. Nil when not configured: the mode's rule table tells absent from given.
	DirectConnect *DirectConnect `json:"directConnect"`
	// InternetVPN is the VPN over the internet (key vpn): required by ModeVPN and ModeDirectConnectWithVPN,
	// optional failover in ModeDirectConnectEncrypted, refused by ModeDirectConnect. Nil when not configured.
	InternetVPN *VPN `json:"vpn"`
	// PrivateVPN is the VPN over Direct Connect with private outside addresses: required by
	// ModeDirectConnectEncrypted, refused otherwise. Acceleration does not apply to it. Nil when not
	// configured.
	PrivateVPN *VPN `json:"privateVpn"`
}

// DefaultConnectivitySettings are the settings a stack file starts from: protected.
func DefaultConnectivitySettings() ConnectivitySettings {
	return ConnectivitySettings{Protect: true}
}

// Configured says which parts of the topology the settings give, for the mode's rule table
// (topology.Mode.CheckParts). Config and the component both check through it.
func (s ConnectivitySettings) Configured() map[topology.Part]bool {
	return map[topology.Part]bool{
		topology.PartDirectConnect:   s.DirectConnect != nil,
		topology.PartInternetVPN:     s.InternetVPN != nil,
		topology.PartPrivateVPN:      s.PrivateVPN != nil,
		topology.PartTGWCIDRBlocks:   len(s.TransitGateway.CIDRBlocks) > 0,
		topology.PartAllowedPrefixes: s.DirectConnect != nil && len(s.DirectConnect.AllowedPrefixes) > 0,
	}
}

// TransitGateway configures the Transit Gateway every hybrid path lands on.
type TransitGateway struct {
	// AmazonSideASN is the Transit Gateway's private BGP ASN, which the VPN tunnels peer with. Required.
	AmazonSideASN int64 `json:"amazonSideAsn"`
	// CIDRBlocks are IPv4 blocks (/24 or larger) the Transit Gateway takes the outside addresses of private
	// VPN endpoints from. Required in ModeDirectConnectEncrypted, refused otherwise.
	CIDRBlocks []netip.Prefix `json:"cidrBlocks"`
}

// DirectConnect configures the Direct Connect gateway and its connections.
type DirectConnect struct {
	// AmazonSideASN is the Direct Connect gateway's private BGP ASN, which every VIF peers with. Required;
	// differs from the Transit Gateway's (AWS refuses the same ASN on both gateways).
	AmazonSideASN int64 `json:"amazonSideAsn"`
	// Resiliency is the AWS model the connections must meet (topology.CheckResiliency). Required; prod
	// needs topology.ResiliencyHigh or stronger, so losing a location never cuts the line.
	Resiliency topology.Resiliency `json:"resiliency"`
	// MTU of every transit VIF: topology.MTUStandard or MTUJumbo. Default (0 in a stack file):
	// topology.DefaultMTUFor, which config fills in: 1500 when an internet VPN backs Direct Connect, jumbo
	// frames otherwise. The routers' sub-interfaces must match; 8500 beside a VPN needs MSS clamping on them.
	MTU int `json:"mtu"`
	// AllowedPrefixes are what the Direct Connect gateway advertises to the data centre. Optional: the
	// default is the VPC CIDR; a private summary covering it may be given, never an on-premises range, and
	// only without an internet VPN: the VPN advertises the VPC CIDR itself, more specific than a summary, so
	// on premises would send everything over the VPN while DX is up. Refused in ModeDirectConnectEncrypted, which advertises only the Transit Gateway CIDR blocks, so no
	// clear-text path to the VPC exists.
	AllowedPrefixes []netip.Prefix `json:"allowedPrefixes"`
	// Connections each carry one transit VIF to the gateway, by a short unique name ("ash-a": lower-case
	// letters, digits and hyphens) that resource names, alarms and outputs use, so adding or removing one
	// renames nothing else. Required: at least one.
	Connections map[string]Connection `json:"connections"`
}

// Connection is one Direct Connect connection and the transit VIF it carries.
type Connection struct {
	// ID is an existing connection or LAG (dxcon-..., dxlag-...). Set exactly one of ID and Order.
	ID string `json:"connectionId"`
	// Order declares the connection itself, for teams that order ports through this program.
	Order *Order `json:"order"`
	// Location is the Direct Connect location code ("EqFA5"). Required: the resiliency check reads it.
	Location string `json:"location"`
	// Device is the AWS device the connection terminates on (awsDeviceV2). Required by the development and
	// maximum models, which need separate devices at a location.
	Device string `json:"device"`
	// VLAN of the transit VIF, 1-4094. Required; unique per connection.
	VLAN int `json:"vlan"`
	// ASN is the on-premises router's private BGP ASN on this VIF. Required; at most 2147483646, the
	// largest the VIF API takes, so in practice a 2-byte private ASN.
	ASN int64 `json:"bgpAsn"`
	// BGPAuthKey is the BGP MD5 key of the session (a secret, 6-80 characters without spaces). Required.
	BGPAuthKey string `json:"bgpAuthKey" secret:"text"`
	// AmazonAddress and CustomerAddress are the BGP peer addresses with their prefix (169.254.10.1/30).
	// Optional, both or neither: AWS picks link-local peers when unset.
	AmazonAddress   netip.Prefix `json:"amazonAddress"`
	CustomerAddress netip.Prefix `json:"customerAddress"`
}

// Ready says whether the connection carries traffic, so its VIF and alarms are declared: an existing
// connection does; an ordered one once the cross-connect is done.
func (c Connection) Ready() bool { return c.Order == nil || c.Order.Available }

// Order is a dedicated connection this program orders. It is declared with skipDestroy: destroying the
// stack never gives up a port and its cross-connect.
type Order struct {
	// Bandwidth is the port speed, one of topology.DedicatedBandwidths. Required.
	Bandwidth string `json:"bandwidth"`
	// ProviderName is the partner that provides the circuit to the location. Optional.
	ProviderName string `json:"providerName"`
	// MACsec turns on MAC Security; only topology.MACsecBandwidths support it. Optional.
	MACsec *MACsec `json:"macsec"`
	// Available is set once AWS reports the connection available (LOA-CFA cross-connect done). Default
	// false: until then only the connection is declared, since a VIF on a connection that is not up fails
	// to create.
	Available bool `json:"available"`
}

// MACsec configures MAC Security on an ordered connection.
type MACsec struct {
	// EncryptionMode is one of topology.MACsecModes. Default (empty in a stack file):
	// topology.DefaultMACsecMode, which drops traffic rather than send it in clear; config fills it in.
	EncryptionMode string `json:"encryptionMode"`
	// CKN and CAK are the MACsec key pair (secrets, 64 hex digits each). Optional, both or neither: the
	// key association is declared once the connection is available.
	CKN string `json:"ckn" secret:"hex"`
	CAK string `json:"cak" secret:"hex"`
}

// VPN is a set of Site-to-Site VPN connections, one per on-premises router.
type VPN struct {
	// Acceleration routes the internet tunnels through AWS Global Accelerator edges. Default false: it
	// costs per hour and helps only when the data centre is far from the region. Internet VPN only.
	Acceleration bool `json:"acceleration"`
	// CustomerGateways are the on-premises routers, each with its own VPN connection, by a short name
	// ("dc1-edge1") unique across both VPNs, which resource names and outputs use. Required: at least one;
	// two (required in prod and by the high and maximum models) so that no single router's loss cuts the
	// path.
	CustomerGateways map[string]CustomerGateway `json:"customerGateways"`
}

// CustomerGateway is one on-premises router terminating a VPN connection.
type CustomerGateway struct {
	// IPAddress is the router's outside IPv4 address: public for internet VPN, private (RFC 1918) for VPN
	// over Direct Connect. Required.
	IPAddress netip.Addr `json:"ipAddress"`
	// ASN is the router's private BGP ASN, not the Transit Gateway's. Required.
	ASN int64 `json:"bgpAsn"`
	// Tunnels fixes tunnel 1 and tunnel 2, in that order. Optional, none or exactly two: AWS picks inside
	// CIDRs and keys when unset.
	Tunnels []Tunnel `json:"tunnels"`
	// DRTunnels fixes, as Tunnels does, the two tunnels of the router's connection to the DR Transit Gateway
	// (a pilot light or warm standby): the primary's connection ignores them. Optional, none or exactly two.
	// A promotion swaps them with Tunnels, so the promoted stack describes the connections that then carry
	// the traffic.
	DRTunnels []Tunnel `json:"drTunnels"`
}

// Tunnel fixes one VPN tunnel's inside addresses and key, so a replaced connection keeps the router's
// configuration valid.
type Tunnel struct {
	// InsideCIDR is a /30 in 169.254.0.0/16 outside the ranges AWS reserves, unique across every
	// router's tunnels and DR tunnels. Required.
	InsideCIDR netip.Prefix `json:"insideCidr"`
	// PresharedKey is the tunnel's IKE pre-shared key (a secret). Optional: AWS generates one.
	PresharedKey string `json:"presharedKey" secret:"text"`
}
