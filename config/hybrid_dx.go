package config

import (
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/topology"
)

// Limits AWS puts on Direct Connect settings.
const (
	minVLAN, maxVLAN = 1, 4094
	// maxVIFASN is the largest customer ASN a VIF's asn field takes (pulumi-aws v6 has no asnLong).
	maxVIFASN = 2147483646
)

var (
	connectionIDPattern = regexp.MustCompile(`^dx(con|lag)-[a-z0-9]{8,}$`)
	locationPattern     = regexp.MustCompile(`^[A-Za-z0-9-]{3,}$`)

	// The formats AWS requires of the secrets, checked here so a bad one fails before `pulumi up` starts
	// instead of half-way through it. Messages about them never show the value.
	bgpAuthKeyPattern = regexp.MustCompile(`^\S{6,80}$`)
	macsecKeyPattern  = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)
)

// directConnect checks the Direct Connect gateway, its connections against their resiliency model, and (when
// the mode allows one) the summary it advertises. It fills in the defaults of MTU and MACsec mode.
// vpnFailover is an internet VPN behind Direct Connect, which decides both the MTU default and whether a
// summary may be advertised.
func (h hybridChecks) directConnect(dx *hybrid.DirectConnect, tgwASN int64, checkAllowed, vpnFailover bool) {
	key := h.key + ".directConnect"
	h.asn(key+".amazonSideAsn", dx.AmazonSideASN, tgwASN, "Transit Gateway (AWS requires different ASNs on the two gateways)")

	switch err := dx.Resiliency.Check(); {
	case dx.Resiliency == "":
		h.fail(key+".resiliency", "required but not set (one of %v)", topology.Resiliencies)
	case err != nil:
		h.fail(key+".resiliency", "%v", err)
	case h.env == Prod && !dx.Resiliency.AtLeast(topology.ResiliencyHigh):
		h.fail(key+".resiliency", "prod requires %q or %q: %q does not survive the loss of a location", topology.ResiliencyHigh, topology.ResiliencyMaximum, dx.Resiliency)
	}
	switch err := topology.CheckMTU(dx.MTU); {
	case dx.MTU == 0:
		dx.MTU = topology.DefaultMTUFor(vpnFailover)
	case err != nil:
		h.fail(key+".mtu", "%v", err)
	case dx.MTU == topology.MTUJumbo && vpnFailover:
		h.warn(key+".mtu", "8500 beside a 1500-byte VPN: clamp TCP MSS to 1379 on the Direct Connect sub-interfaces (docs/hybrid.md, Operator hand-off), or flows stall after a failover")
	}
	if checkAllowed {
		h.allowedPrefixes(key+".allowedPrefixes", dx.AllowedPrefixes)
		if vpnFailover {
			h.noSummaryBesideVPN(key+".allowedPrefixes", dx.AllowedPrefixes)
		}
	}

	if len(dx.Connections) == 0 {
		h.fail(key+".connections", "required by mode %s: at least one connection (an existing connectionId, or an order)", h.mode)
	}
	ids := map[string]string{}   // connection id -> the connection's name
	vlans := map[string]string{} // connection id and VLAN -> the connection's name
	var ports []topology.Port
	for _, name := range slices.Sorted(maps.Keys(dx.Connections)) {
		k := key + ".connections." + name
		conn := dx.Connections[name]
		h.connection(k, name, conn, dx.Resiliency, dx.AmazonSideASN)
		if conn.ID != "" {
			if prev, seen := vlans[fmt.Sprintf("%s/%d", conn.ID, conn.VLAN)]; seen {
				h.fail(k+".vlan", "VLAN %d is already used on %s by connections.%s", conn.VLAN, conn.ID, prev)
			}
			vlans[fmt.Sprintf("%s/%d", conn.ID, conn.VLAN)] = name
			if prev, seen := ids[conn.ID]; seen {
				h.fail(k+".connectionId", "%s is also connections.%s; each connection carries one VIF and counts once", conn.ID, prev)
			} else {
				ids[conn.ID] = name
			}
		}
		ports = append(ports, topology.Port{Location: conn.Location, Device: conn.Device})
	}
	if dx.Resiliency.Check() == nil && len(ports) > 0 {
		if err := topology.CheckResiliency(dx.Resiliency, ports); err != nil {
			h.fail(key+".connections", "%v", err)
		}
	}
}

// noSummaryBesideVPN refuses a summary over Direct Connect when an internet VPN backs it: the VPN
// advertises the VPC CIDR, and a longer prefix wins over any local preference, so on premises would send
// its traffic into the VPN while DX is up, and the replies would return over DX
// (https://repost.aws/knowledge-center/direct-connect-gateway-primary-connection).
func (h hybridChecks) noSummaryBesideVPN(key string, prefixes []netip.Prefix) {
	for i, prefix := range prefixes {
		if h.vpc.IsValid() && prefix != h.vpc {
			h.fail(indexed(key, i), "%s is not the VPC CIDR %s: mode %s advertises the VPC CIDR over the VPN, which on premises would prefer as more specific", prefix, h.vpc, h.mode)
		}
	}
}

// allowedPrefixes checks the summary the Direct Connect gateway advertises: private, covering the VPC, and
// never an on-premises range. Empty means the VPC CIDR.
func (h hybridChecks) allowedPrefixes(key string, prefixes []netip.Prefix) {
	covered := len(prefixes) == 0
	for i, prefix := range prefixes {
		k := indexed(key, i)
		if !h.prefix(k, prefix) {
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
	}
	if !covered && h.vpc.IsValid() {
		h.fail(key, "no prefix covers the VPC CIDR %s; the data centre would not learn a route to it", h.vpc)
	}
}

// connection checks one connection listed under name: how it is provided, where it terminates, and its
// VIF's BGP session.
func (h hybridChecks) connection(key, name string, conn hybrid.Connection, resiliency topology.Resiliency, dxASN int64) {
	if !hybridNamePattern.MatchString(name) {
		h.fail(key, "%q is not a short name (lower-case letters, digits and hyphens, like fra-a)", name)
	}
	switch {
	case conn.ID == "" && conn.Order == nil:
		h.fail(key+".connectionId", "required: the id of an existing connection (dxcon-...), or an order to create one")
	case conn.ID != "" && conn.Order != nil:
		h.fail(key+".order", "give either connectionId (an existing connection) or order, not both")
	case conn.ID != "" && !connectionIDPattern.MatchString(conn.ID):
		h.fail(key+".connectionId", "%q is not a Direct Connect connection or LAG id (like dxcon-fgabc123)", conn.ID)
	case conn.Order != nil:
		h.order(key+".order", conn.Order)
	}
	if !locationPattern.MatchString(conn.Location) {
		h.fail(key+".location", "%q is not a Direct Connect location code (like EqFA5)", conn.Location)
	}
	if conn.Device == "" && resiliency.NeedsSeparateDevices() {
		h.fail(key+".device", "required by resiliency %s, which needs separate devices at a location: the connection's awsDeviceV2 (aws directconnect describe-connections)", resiliency)
	}
	if conn.VLAN < minVLAN || conn.VLAN > maxVLAN {
		h.fail(key+".vlan", "%d is outside %d-%d", conn.VLAN, minVLAN, maxVLAN)
	}
	h.asn(key+".bgpAsn", conn.ASN, dxASN, "Direct Connect gateway")
	if conn.ASN > maxVIFASN {
		h.fail(key+".bgpAsn", "%d is above %d, the largest ASN a VIF takes here; use a 2-byte private ASN (64512-65534)", conn.ASN, maxVIFASN)
	}
	switch {
	case conn.BGPAuthKey == "":
		h.fail(key+".bgpAuthKey", "required: the BGP MD5 key of the session (a secret)")
	case !bgpAuthKeyPattern.MatchString(conn.BGPAuthKey):
		h.fail(key+".bgpAuthKey", "not a BGP key AWS accepts: 6-80 characters without spaces (value not shown: it is a secret)")
	}
	h.peerAddresses(key, conn.AmazonAddress, conn.CustomerAddress)
}

// peerAddresses checks the VIF's BGP peer addresses: both or neither, IPv4 with a /29-/31 prefix, two
// addresses of one subnet.
func (h hybridChecks) peerAddresses(key string, amazon, customer netip.Prefix) {
	switch {
	case !amazon.IsValid() && !customer.IsValid():
	case !amazon.IsValid():
		h.fail(key+".amazonAddress", "give both amazonAddress and customerAddress, or neither (AWS picks them)")
	case !customer.IsValid():
		h.fail(key+".customerAddress", "give both amazonAddress and customerAddress, or neither (AWS picks them)")
	case !amazon.Addr().Is4() || amazon.Bits() < 29:
		h.fail(key+".amazonAddress", "%s is not an IPv4 peer address with its /29-/31 prefix (like 169.254.10.1/30)", amazon)
	case !customer.Addr().Is4() || customer.Bits() < 29:
		h.fail(key+".customerAddress", "%s is not an IPv4 peer address with its /29-/31 prefix (like 169.254.10.2/30)", customer)
	case amazon.Masked() != customer.Masked() || amazon.Addr() == customer.Addr():
		h.fail(key+".customerAddress", "%s and amazonAddress %s must be two addresses of one subnet", customer, amazon)
	}
}

// order checks a connection to order: a dedicated port speed, and MACsec only where AWS offers it. It
// fills in the default MACsec mode.
func (h hybridChecks) order(key string, o *hybrid.Order) {
	if !slices.Contains(topology.DedicatedBandwidths, o.Bandwidth) {
		h.fail(key+".bandwidth", "%q is not a dedicated port speed (want one of %v)", o.Bandwidth, topology.DedicatedBandwidths)
	}
	m := o.MACsec
	if m == nil {
		return
	}
	if m.EncryptionMode == "" {
		m.EncryptionMode = topology.DefaultMACsecMode
	}
	if !slices.Contains(topology.MACsecBandwidths, o.Bandwidth) {
		h.fail(key+".macsec", "MACsec is not available on a %s port; it needs a dedicated %s port", o.Bandwidth, strings.Join(topology.MACsecBandwidths, ", "))
	}
	if !slices.Contains(topology.MACsecModes, m.EncryptionMode) {
		h.fail(key+".macsec.encryptionMode", "%q is not a MACsec mode (want one of %v)", m.EncryptionMode, topology.MACsecModes)
	}
	if (m.CKN == "") != (m.CAK == "") {
		h.fail(key+".macsec", "give both ckn and cak (secrets), or neither")
	}
	for _, f := range []struct{ field, value string }{{"ckn", m.CKN}, {"cak", m.CAK}} {
		if f.value != "" && !macsecKeyPattern.MatchString(f.value) {
			h.fail(key+".macsec."+f.field, "not a MACsec key AWS accepts: 64 hexadecimal digits (value not shown: it is a secret)")
		}
	}
}
