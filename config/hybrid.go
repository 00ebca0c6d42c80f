package config

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/hybrid"
)

// Hybrid is the validated hybridcloud:hybrid section: how the data centre reaches the VPC, the alarms on
// those paths, and hybrid DNS.
type Hybrid struct {
	// Mode picks the paths: vpn, directConnect, directConnectWithVpn or directConnectEncrypted.
	Mode hybrid.Mode
	// TunnelLogRetentionDays is how long VPN tunnel logs are kept; 0 when the mode has no VPN.
	TunnelLogRetentionDays int
	// Protect keeps gateways, connections, VIFs and VPN connections through a destroy. Default true;
	// required in prod.
	Protect bool
	// TransitGateway is the Transit Gateway's ASN and CIDR blocks.
	TransitGateway hybrid.TransitGateway
	// DirectConnect is set in the Direct Connect modes.
	DirectConnect *hybrid.DirectConnect
	// InternetVPN is the internet VPN (hybridcloud:hybrid.vpn), set when the mode has one.
	InternetVPN *hybrid.VPN
	// PrivateVPN is the VPN over Direct Connect (hybridcloud:hybrid.privateVpn), set in directConnectEncrypted.
	PrivateVPN *hybrid.VPN
	// DNS sizes the Resolver endpoints and their query logs.
	DNS HybridDNS
}

// HybridDNS is the hybrid DNS settings.
type HybridDNS struct {
	// EndpointIPCount is the number of addresses (one per AZ, from the first AZ) of each Resolver endpoint:
	// 2 to the AZ count. Each is an ENI billed by the hour.
	EndpointIPCount int
	// QueryLogRetentionDays is how long Resolver query logs are kept.
	QueryLogRetentionDays int
}

type hybridInput struct {
	Mode                   string               `json:"mode"`
	TunnelLogRetentionDays int                  `json:"tunnelLogRetentionDays"`
	Protect                *bool                `json:"protect"`
	TransitGateway         *transitGatewayInput `json:"transitGateway"`
	DirectConnect          *directConnectInput  `json:"directConnect"`
	VPN                    *vpnInput            `json:"vpn"`
	PrivateVPN             *vpnInput            `json:"privateVpn"`
	DNS                    *hybridDNSInput      `json:"dns"`
}

type transitGatewayInput struct {
	AmazonSideASN int64    `json:"amazonSideAsn"`
	CIDRBlocks    []string `json:"cidrBlocks"`
}

type directConnectInput struct {
	AmazonSideASN   int64             `json:"amazonSideAsn"`
	Resiliency      string            `json:"resiliency"`
	MTU             *int              `json:"mtu"`
	AllowedPrefixes []string          `json:"allowedPrefixes"`
	Connections     []connectionInput `json:"connections"`
}

type connectionInput struct {
	Name            string      `json:"name"`
	ConnectionID    string      `json:"connectionId"`
	Order           *orderInput `json:"order"`
	Location        string      `json:"location"`
	Device          string      `json:"device"`
	VLAN            int         `json:"vlan"`
	BGPASN          int64       `json:"bgpAsn"`
	BGPAuthKey      string      `json:"bgpAuthKey"`
	AmazonAddress   string      `json:"amazonAddress"`
	CustomerAddress string      `json:"customerAddress"`
}

type orderInput struct {
	Bandwidth    string       `json:"bandwidth"`
	ProviderName string       `json:"providerName"`
	MACsec       *macsecInput `json:"macsec"`
	Available    bool         `json:"available"`
}

type macsecInput struct {
	EncryptionMode string `json:"encryptionMode"`
	CKN            string `json:"ckn"`
	CAK            string `json:"cak"`
}

type vpnInput struct {
	Acceleration     bool                   `json:"acceleration"`
	CustomerGateways []customerGatewayInput `json:"customerGateways"`
}

type customerGatewayInput struct {
	Name      string        `json:"name"`
	IPAddress string        `json:"ipAddress"`
	BGPASN    int64         `json:"bgpAsn"`
	Tunnels   []tunnelInput `json:"tunnels"`
}

type tunnelInput struct {
	InsideCIDR   string `json:"insideCidr"`
	PresharedKey string `json:"presharedKey"`
}

type hybridDNSInput struct {
	EndpointIPCount       int `json:"endpointIpCount"`
	QueryLogRetentionDays int `json:"queryLogRetentionDays"`
}

// Limits AWS puts on hybrid settings.
const (
	minVLAN, maxVLAN = 1, 4094
	// maxVIFASN is the largest customer ASN a VIF's asn field takes (pulumi-aws v6 has no asnLong).
	maxVIFASN = 2147483646
	// maxTGWCIDRBits is the smallest Transit Gateway CIDR block AWS accepts (/24).
	maxTGWCIDRBits = 24
	// defaultMACsecMode drops traffic rather than send it in clear when the MACsec session is down.
	defaultMACsecMode = "must_encrypt"
)

var (
	// Private BGP ASN ranges (RFC 6996): 2-byte and 4-byte.
	privateASNs = [][2]int64{{64512, 65534}, {4200000000, 4294967294}}

	hybridNamePattern   = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
	connectionIDPattern = regexp.MustCompile(`^dx(con|lag)-[a-z0-9]{8,}$`)
	locationPattern     = regexp.MustCompile(`^[A-Za-z0-9-]{3,}$`)

	// The formats AWS requires of the secrets, checked here so a bad one fails before `pulumi up` starts
	// instead of half-way through it. Messages about them never show the value.
	presharedKeyPattern = regexp.MustCompile(`^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$`)
	bgpAuthKeyPattern   = regexp.MustCompile(`^\S{6,80}$`)
	macsecKeyPattern    = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

	linkLocal = netip.MustParsePrefix("169.254.0.0/16")
	// reservedInsideCIDRs are the tunnel inside CIDRs AWS refuses.
	reservedInsideCIDRs = []netip.Prefix{
		netip.MustParsePrefix("169.254.0.0/30"), netip.MustParsePrefix("169.254.1.0/30"), netip.MustParsePrefix("169.254.2.0/30"),
		netip.MustParsePrefix("169.254.3.0/30"), netip.MustParsePrefix("169.254.4.0/30"), netip.MustParsePrefix("169.254.5.0/30"),
		netip.MustParsePrefix("169.254.169.252/30"),
	}
	// notPublic are IPv4 ranges that are neither RFC 1918 nor routable on the internet.
	notPublic = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
		netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"),
	}
)

// hybrid validates the section against the already parsed network and on-premises sections.
func (p *parser) hybrid(in hybridInput, c *Config) Hybrid {
	key := p.key("hybrid")
	out := Hybrid{Protect: p.protectInput(key+".protect", in.Protect, c.Environment)}

	mode, err := hybrid.ParseMode(in.Mode)
	if err != nil {
		p.fail(key+".mode", "%v", err)
	}
	out.Mode = mode

	h := hybridParse{parser: p, key: key, env: c.Environment, vpc: c.Network.CIDR, onPrem: c.OnPremises.CIDRs}
	if in.TransitGateway == nil {
		p.fail(key+".transitGateway", "required but not set")
	} else {
		out.TransitGateway = h.transitGateway(*in.TransitGateway, mode)
	}

	var resiliency hybrid.Resiliency
	if h.section("directConnect", in.DirectConnect != nil, mode.DirectConnect(), mode) {
		dx := h.directConnect(*in.DirectConnect, mode, out.TransitGateway.AmazonSideASN)
		out.DirectConnect, resiliency = &dx, dx.Resiliency
	}
	names := map[string]string{} // customer gateway name -> key that declared it
	if h.section("vpn", in.VPN != nil, mode.InternetVPN(), mode) {
		v := h.vpn("vpn", *in.VPN, false, resiliency, out.TransitGateway, names)
		out.InternetVPN = &v
	}
	if h.section("privateVpn", in.PrivateVPN != nil, mode.PrivateVPN(), mode) {
		v := h.vpn("privateVpn", *in.PrivateVPN, true, resiliency, out.TransitGateway, names)
		out.PrivateVPN = &v
	}
	h.checkInsideCIDRs(out.InternetVPN, out.PrivateVPN)

	hasVPN := out.InternetVPN != nil || out.PrivateVPN != nil
	switch {
	case hasVPN:
		p.retention(key+".tunnelLogRetentionDays", in.TunnelLogRetentionDays)
		out.TunnelLogRetentionDays = in.TunnelLogRetentionDays
	case in.TunnelLogRetentionDays != 0:
		p.fail(key+".tunnelLogRetentionDays", "mode %s has no VPN tunnels to log; remove it", mode)
	}

	if in.DNS == nil {
		p.fail(key+".dns", "required but not set")
	} else {
		out.DNS = h.dns(*in.DNS, len(c.Network.AvailabilityZones))
	}
	return out
}

// hybridParse carries what every part of the hybrid section is checked against.
type hybridParse struct {
	*parser
	key    string
	env    Environment
	vpc    netip.Prefix
	onPrem []netip.Prefix
}

// section checks that an optional part is given exactly when the mode needs it, and says whether to parse it.
func (h hybridParse) section(name string, given bool, need hybrid.Need, mode hybrid.Mode) bool {
	key := h.key + "." + name
	switch {
	case mode == "":
		return given // the mode is already reported as wrong
	case need == hybrid.Required && !given:
		h.fail(key, "required by mode %s", mode)
	case need == hybrid.Forbidden && given:
		h.fail(key, "mode %s declares no %s; remove it or pick a mode that uses it", mode, name)
		return false
	}
	return given
}

// asn checks a BGP ASN is in a private range and differs from the AWS side it peers with.
func (h hybridParse) asn(key string, asn, awsSide int64, awsSideName string) {
	private := slices.ContainsFunc(privateASNs, func(r [2]int64) bool { return asn >= r[0] && asn <= r[1] })
	switch {
	case !private:
		h.fail(key, "%d is not a private ASN (64512-65534 or 4200000000-4294967294)", asn)
	case awsSide != 0 && asn == awsSide:
		h.fail(key, "%d is also the %s's ASN; the two sides of a BGP session need different ASNs", asn, awsSideName)
	}
}

func (h hybridParse) transitGateway(in transitGatewayInput, mode hybrid.Mode) hybrid.TransitGateway {
	key := h.key + ".transitGateway"
	out := hybrid.TransitGateway{AmazonSideASN: in.AmazonSideASN}
	h.asn(key+".amazonSideAsn", in.AmazonSideASN, 0, "")

	if mode == hybrid.ModeDirectConnectEncrypted && len(in.CIDRBlocks) == 0 {
		h.fail(key+".cidrBlocks", "required by mode %s: the private VPN endpoints take their addresses from it", mode)
	}
	if mode != "" && mode != hybrid.ModeDirectConnectEncrypted && len(in.CIDRBlocks) > 0 {
		h.fail(key+".cidrBlocks", "only mode %s uses Transit Gateway CIDR blocks; remove them", hybrid.ModeDirectConnectEncrypted)
	}
	for i, s := range in.CIDRBlocks {
		k := indexed(key+".cidrBlocks", i)
		block, ok := h.cidr(k, s)
		if !ok {
			continue
		}
		switch {
		case block.Bits() > maxTGWCIDRBits:
			h.fail(k, "%s is smaller than the /%d AWS requires", block, maxTGWCIDRBits)
		case h.vpc.IsValid() && block.Overlaps(h.vpc):
			h.fail(k, "%s overlaps the VPC CIDR %s", block, h.vpc)
		default:
			for j, o := range h.onPrem {
				if block.Overlaps(o) {
					h.fail(k, "%s overlaps the on-premises network %s (hybridcloud:onPremises.cidrs[%d])", block, o, j)
				}
			}
			for j, other := range out.CIDRBlocks {
				if block.Overlaps(other) {
					h.fail(k, "%s overlaps cidrBlocks[%d] %s", block, j, other)
				}
			}
		}
		out.CIDRBlocks = append(out.CIDRBlocks, block)
	}
	return out
}

func (h hybridParse) directConnect(in directConnectInput, mode hybrid.Mode, tgwASN int64) hybrid.DirectConnect {
	key := h.key + ".directConnect"
	out := hybrid.DirectConnect{AmazonSideASN: in.AmazonSideASN, MTU: hybrid.DefaultMTU}
	h.asn(key+".amazonSideAsn", in.AmazonSideASN, tgwASN, "Transit Gateway (AWS requires different ASNs on the two gateways)")

	if r, err := hybrid.ParseResiliency(in.Resiliency); err != nil {
		h.fail(key+".resiliency", "%v", err)
	} else {
		out.Resiliency = r
		if h.env == Prod && !r.AtLeast(hybrid.ResiliencyHigh) {
			h.fail(key+".resiliency", "prod requires %q or %q: %q does not survive the loss of a location", hybrid.ResiliencyHigh, hybrid.ResiliencyMaximum, r)
		}
	}
	if in.MTU != nil {
		out.MTU = *in.MTU
		if out.MTU != hybrid.MTUStandard && out.MTU != hybrid.MTUJumbo {
			h.fail(key+".mtu", "%d is not a transit VIF MTU (want %d or %d)", out.MTU, hybrid.MTUStandard, hybrid.MTUJumbo)
		}
	}
	h.allowedPrefixes(key+".allowedPrefixes", in.AllowedPrefixes, mode, &out)

	if len(in.Connections) == 0 {
		h.fail(key+".connections", "required by mode %s: at least one connection (an existing connectionId, or an order)", mode)
	}
	ids := map[string]int{}
	var ports []hybrid.Port
	for i, cin := range in.Connections {
		conn := h.connection(indexed(key+".connections", i), cin, out.Resiliency, in.AmazonSideASN)
		for j, prev := range out.Connections {
			if conn.Name != "" && conn.Name == prev.Name {
				h.fail(indexed(key+".connections", i)+".name", "%q is also connections[%d]'s name", conn.Name, j)
			}
			if conn.ID != "" && conn.ID == prev.ID && conn.VLAN == prev.VLAN {
				h.fail(indexed(key+".connections", i)+".vlan", "VLAN %d is already used on %s by connections[%d]", conn.VLAN, conn.ID, j)
			}
		}
		if j, seen := ids[conn.ID]; seen && conn.ID != "" {
			h.fail(indexed(key+".connections", i)+".connectionId", "%s is also connections[%d]; each connection carries one VIF and counts once", conn.ID, j)
		} else if conn.ID != "" {
			ids[conn.ID] = i
		}
		out.Connections = append(out.Connections, conn)
		ports = append(ports, hybrid.Port{Location: conn.Location, Device: conn.Device})
	}
	if out.Resiliency != "" && len(in.Connections) > 0 {
		if err := hybrid.CheckResiliency(out.Resiliency, ports); err != nil {
			h.fail(key+".connections", "%v", err)
		}
	}
	return out
}

// allowedPrefixes checks the summary the Direct Connect gateway advertises: private, covering the VPC, and
// never an on-premises range. The encrypted mode advertises only the Transit Gateway blocks.
func (h hybridParse) allowedPrefixes(key string, in []string, mode hybrid.Mode, out *hybrid.DirectConnect) {
	if mode == hybrid.ModeDirectConnectEncrypted && len(in) > 0 {
		h.fail(key, "mode %s advertises only the Transit Gateway CIDR blocks over Direct Connect, so nothing reaches the VPC unencrypted; remove it", mode)
		return
	}
	covered := len(in) == 0
	for i, s := range in {
		k := indexed(key, i)
		prefix, ok := h.cidr(k, s)
		if !ok {
			continue
		}
		if !isPrivate(prefix) {
			h.fail(k, "%s is not a private (RFC 1918) range", prefix)
		}
		for j, o := range h.onPrem {
			if prefix.Overlaps(o) {
				h.fail(k, "%s overlaps the on-premises network %s (hybridcloud:onPremises.cidrs[%d]): the data centre would route its own range to AWS", prefix, o, j)
			}
		}
		if h.vpc.IsValid() && within(h.vpc, []netip.Prefix{prefix}) {
			covered = true
		}
		out.AllowedPrefixes = append(out.AllowedPrefixes, prefix)
	}
	if !covered && h.vpc.IsValid() {
		h.fail(key, "no prefix covers the VPC CIDR %s; the data centre would not learn a route to it", h.vpc)
	}
}

func (h hybridParse) connection(key string, in connectionInput, resiliency hybrid.Resiliency, dxASN int64) hybrid.Connection {
	out := hybrid.Connection{
		Name: in.Name, ID: in.ConnectionID, Location: in.Location, Device: in.Device,
		VLAN: in.VLAN, ASN: in.BGPASN, BGPAuthKey: in.BGPAuthKey,
	}
	if !hybridNamePattern.MatchString(in.Name) {
		h.fail(key+".name", "%q is not a short name (lower-case letters, digits and hyphens, like fra-a)", in.Name)
	}
	switch {
	case in.ConnectionID == "" && in.Order == nil:
		h.fail(key+".connectionId", "required: the id of an existing connection (dxcon-...), or an order to create one")
	case in.ConnectionID != "" && in.Order != nil:
		h.fail(key+".order", "give either connectionId (an existing connection) or order, not both")
	case in.ConnectionID != "" && !connectionIDPattern.MatchString(in.ConnectionID):
		h.fail(key+".connectionId", "%q is not a Direct Connect connection or LAG id (like dxcon-fgabc123)", in.ConnectionID)
	case in.Order != nil:
		out.Order = h.order(key+".order", *in.Order)
	}
	if !locationPattern.MatchString(in.Location) {
		h.fail(key+".location", "%q is not a Direct Connect location code (like EqFA5)", in.Location)
	}
	if in.Device == "" && resiliency.NeedsSeparateDevices() {
		h.fail(key+".device", "required by resiliency %s, which needs separate devices at a location: the connection's awsDeviceV2 (aws directconnect describe-connections)", resiliency)
	}
	if in.VLAN < minVLAN || in.VLAN > maxVLAN {
		h.fail(key+".vlan", "%d is outside %d-%d", in.VLAN, minVLAN, maxVLAN)
	}
	h.asn(key+".bgpAsn", in.BGPASN, dxASN, "Direct Connect gateway")
	if in.BGPASN > maxVIFASN {
		h.fail(key+".bgpAsn", "%d is above %d, the largest ASN a VIF takes here; use a 2-byte private ASN (64512-65534)", in.BGPASN, maxVIFASN)
	}
	switch {
	case in.BGPAuthKey == "":
		h.fail(key+".bgpAuthKey", "required: the BGP MD5 key of the session (a secret)")
	case !bgpAuthKeyPattern.MatchString(in.BGPAuthKey):
		h.fail(key+".bgpAuthKey", "not a BGP key AWS accepts: 6-80 characters without spaces (value not shown: it is a secret)")
	}
	out.AmazonAddress, out.CustomerAddress = h.peerAddresses(key, in.AmazonAddress, in.CustomerAddress)
	return out
}

// peerAddresses parses the VIF's BGP peer addresses: both or neither, in the same small subnet.
func (h hybridParse) peerAddresses(key, amazon, customer string) (netip.Prefix, netip.Prefix) {
	if amazon == "" && customer == "" {
		return netip.Prefix{}, netip.Prefix{}
	}
	if amazon == "" || customer == "" {
		h.fail(key+".amazonAddress", "give both amazonAddress and customerAddress, or neither (AWS picks them)")
		return netip.Prefix{}, netip.Prefix{}
	}
	a, errA := netip.ParsePrefix(amazon)
	c, errC := netip.ParsePrefix(customer)
	switch {
	case errA != nil || !a.Addr().Is4() || a.Bits() < 29:
		h.fail(key+".amazonAddress", "%q is not an IPv4 peer address with its /29-/31 prefix (like 169.254.10.1/30)", amazon)
	case errC != nil || !c.Addr().Is4() || c.Bits() < 29:
		h.fail(key+".customerAddress", "%q is not an IPv4 peer address with its /29-/31 prefix (like 169.254.10.2/30)", customer)
	case a.Masked() != c.Masked() || a.Addr() == c.Addr():
		h.fail(key+".customerAddress", "%s and amazonAddress %s must be two addresses of one subnet", c, a)
	default:
		return a, c
	}
	return netip.Prefix{}, netip.Prefix{}
}

func (h hybridParse) order(key string, in orderInput) *hybrid.Order {
	out := &hybrid.Order{Bandwidth: in.Bandwidth, ProviderName: in.ProviderName, Available: in.Available}
	if !slices.Contains(hybrid.DedicatedBandwidths, in.Bandwidth) {
		h.fail(key+".bandwidth", "%q is not a dedicated port speed (want one of %v)", in.Bandwidth, hybrid.DedicatedBandwidths)
	}
	if in.MACsec == nil {
		return out
	}
	m := &hybrid.MACsec{EncryptionMode: defaultMACsecMode, CKN: in.MACsec.CKN, CAK: in.MACsec.CAK}
	if in.MACsec.EncryptionMode != "" {
		m.EncryptionMode = in.MACsec.EncryptionMode
	}
	if !slices.Contains(hybrid.MACsecBandwidths, in.Bandwidth) {
		h.fail(key+".macsec", "MACsec is not available on a %s port; it needs a dedicated %s port", in.Bandwidth, strings.Join(hybrid.MACsecBandwidths, ", "))
	}
	if !slices.Contains(hybrid.MACsecModes, m.EncryptionMode) {
		h.fail(key+".macsec.encryptionMode", "%q is not a MACsec mode (want one of %v)", m.EncryptionMode, hybrid.MACsecModes)
	}
	if (m.CKN == "") != (m.CAK == "") {
		h.fail(key+".macsec", "give both ckn and cak (secrets), or neither")
	}
	for field, v := range map[string]string{"ckn": m.CKN, "cak": m.CAK} {
		if v != "" && !macsecKeyPattern.MatchString(v) {
			h.fail(key+".macsec."+field, "not a MACsec key AWS accepts: 64 hexadecimal digits (value not shown: it is a secret)")
		}
	}
	out.MACsec = m
	return out
}

// vpn checks one list of customer gateways: internet ones have public addresses, private ones (over Direct
// Connect) RFC 1918 addresses. names collects gateway names across both lists, which must be unique.
func (h hybridParse) vpn(name string, in vpnInput, private bool, resiliency hybrid.Resiliency, tgw hybrid.TransitGateway, names map[string]string) hybrid.VPN {
	key := h.key + "." + name
	out := hybrid.VPN{Acceleration: in.Acceleration}
	if private && in.Acceleration {
		h.fail(key+".acceleration", "acceleration applies only to VPN over the internet")
	}
	switch n := len(in.CustomerGateways); {
	case n == 0:
		h.fail(key+".customerGateways", "required: at least one on-premises router")
	case n < 2 && h.env == Prod:
		h.fail(key+".customerGateways", "%d given; prod needs 2, one per on-premises router, so losing a router does not cut the path", n)
	case n < 2 && resiliency.AtLeast(hybrid.ResiliencyHigh):
		h.fail(key+".customerGateways", "%d given; resiliency %s needs 2, one per on-premises router", n, resiliency)
	}
	for i, gin := range in.CustomerGateways {
		k := indexed(key+".customerGateways", i)
		gw := hybrid.CustomerGateway{Name: gin.Name, ASN: gin.BGPASN}
		if !hybridNamePattern.MatchString(gin.Name) {
			h.fail(k+".name", "%q is not a short name (lower-case letters, digits and hyphens, like dc1-edge1)", gin.Name)
		} else if prev, seen := names[gin.Name]; seen {
			h.fail(k+".name", "%q is also the name of %s", gin.Name, prev)
		}
		names[gin.Name] = k
		gw.IPAddress = h.gatewayAddress(k+".ipAddress", gin.IPAddress, private, tgw)
		for j, prev := range out.CustomerGateways {
			if gw.IPAddress.IsValid() && gw.IPAddress == prev.IPAddress {
				h.fail(k+".ipAddress", "%s is also customerGateways[%d]'s address", gw.IPAddress, j)
			}
		}
		h.asn(k+".bgpAsn", gin.BGPASN, tgw.AmazonSideASN, "Transit Gateway")
		if n := len(gin.Tunnels); n != 0 && n != 2 {
			h.fail(k+".tunnels", "%d given; set both tunnels or none (AWS picks inside CIDRs and keys)", n)
		}
		for j, tin := range gin.Tunnels {
			if j >= 2 {
				break
			}
			tk := indexed(k+".tunnels", j)
			if tin.PresharedKey != "" && !presharedKeyPattern.MatchString(tin.PresharedKey) {
				h.fail(tk+".presharedKey", "not a pre-shared key AWS accepts: 8-64 letters, digits, . or _, not starting with 0 (value not shown: it is a secret)")
			}
			gw.Tunnels = append(gw.Tunnels, hybrid.Tunnel{InsideCIDR: h.insideCIDR(tk+".insideCidr", tin.InsideCIDR), PresharedKey: tin.PresharedKey})
		}
		out.CustomerGateways = append(out.CustomerGateways, gw)
	}
	return out
}

// gatewayAddress checks a customer gateway's outside address: a public IPv4 address for the internet, a
// private one outside the VPC and Transit Gateway blocks over Direct Connect.
func (h hybridParse) gatewayAddress(key, s string, private bool, tgw hybrid.TransitGateway) netip.Addr {
	addr, err := netip.ParseAddr(s)
	if err != nil || !addr.Is4() {
		h.fail(key, "%q is not an IPv4 address", s)
		return netip.Addr{}
	}
	switch {
	case !private && !isPublicIPv4(addr):
		h.fail(key, "%s is not a public IPv4 address; an internet VPN needs the router's public address", addr)
	case private && !addr.IsPrivate():
		h.fail(key, "%s is not a private (RFC 1918) address; a VPN over Direct Connect uses the router's private address", addr)
	case private && h.vpc.IsValid() && h.vpc.Contains(addr):
		h.fail(key, "%s is inside the VPC CIDR %s", addr, h.vpc)
	case private && containsAddr(tgw.CIDRBlocks, addr):
		h.fail(key, "%s is inside the Transit Gateway CIDR blocks", addr)
	}
	return addr
}

// isPublicIPv4 reports whether addr is an IPv4 address routable on the internet.
func isPublicIPv4(addr netip.Addr) bool {
	return addr.Is4() && addr.IsGlobalUnicast() && !addr.IsPrivate() && !containsAddr(notPublic, addr)
}

// insideCIDR checks a tunnel inside CIDR: a /30 in 169.254.0.0/16 that AWS does not reserve.
func (h hybridParse) insideCIDR(key, s string) netip.Prefix {
	prefix, ok := h.cidr(key, s)
	switch {
	case !ok:
	case prefix.Bits() != 30 || !linkLocal.Contains(prefix.Addr()):
		h.fail(key, "%s is not a /30 inside 169.254.0.0/16", prefix)
	case slices.Contains(reservedInsideCIDRs, prefix):
		h.fail(key, "%s is reserved by AWS (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30 are refused)", prefix)
	default:
		return prefix
	}
	return netip.Prefix{}
}

// checkInsideCIDRs rejects tunnel inside CIDRs used twice on the Transit Gateway: each BGP session needs its
// own link.
func (h hybridParse) checkInsideCIDRs(vpns ...*hybrid.VPN) {
	seen := map[netip.Prefix]string{}
	for _, v := range vpns {
		if v == nil {
			continue
		}
		for _, gw := range v.CustomerGateways {
			for i, t := range gw.Tunnels {
				if !t.InsideCIDR.IsValid() {
					continue
				}
				where := fmt.Sprintf("customer gateway %s tunnel %d", gw.Name, i+1)
				if prev, dup := seen[t.InsideCIDR]; dup {
					h.fail(h.key, "tunnel inside CIDR %s is used by both %s and %s", t.InsideCIDR, prev, where)
				}
				seen[t.InsideCIDR] = where
			}
		}
	}
}

func (h hybridParse) dns(in hybridDNSInput, azCount int) HybridDNS {
	key := h.key + ".dns"
	if in.EndpointIPCount < hybrid.MinResolverIPs || in.EndpointIPCount > azCount {
		h.fail(key+".endpointIpCount", "%d is outside %d to the AZ count (%d): one address per AZ, at least %d", in.EndpointIPCount, hybrid.MinResolverIPs, azCount, hybrid.MinResolverIPs)
	}
	h.retention(key+".queryLogRetentionDays", in.QueryLogRetentionDays)
	return HybridDNS(in)
}
