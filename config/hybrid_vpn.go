package config

import (
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/topology"
)

var (
	// presharedKeyPattern is the format AWS requires of a tunnel's pre-shared key; messages about it never
	// show the value.
	presharedKeyPattern = regexp.MustCompile(`^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$`)

	// linkLocal holds the tunnel inside addresses, and is refused in Transit Gateway CIDR blocks.
	linkLocal = netip.MustParsePrefix("169.254.0.0/16")
	// reservedInsideCIDRs are the tunnel inside CIDRs AWS refuses.
	reservedInsideCIDRs = []netip.Prefix{
		netip.MustParsePrefix("169.254.0.0/30"), netip.MustParsePrefix("169.254.1.0/30"), netip.MustParsePrefix("169.254.2.0/30"),
		netip.MustParsePrefix("169.254.3.0/30"), netip.MustParsePrefix("169.254.4.0/30"), netip.MustParsePrefix("169.254.5.0/30"),
		netip.MustParsePrefix("169.254.169.252/30"),
	}
	// documentation are the RFC 5737 ranges, reserved for examples: no router has one. The committed stack
	// files use them for the data centre's routers, so that plans and previews work before the real
	// addresses are known; a real up refuses them.
	documentation = []netip.Prefix{
		netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24"),
	}
	// notPublic are IPv4 ranges that are neither RFC 1918 nor routable on the internet.
	notPublic = []netip.Prefix{
		netip.MustParsePrefix("0.0.0.0/8"), netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("192.0.0.0/24"),
		netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"),
	}
)

// vpn checks one VPN's customer gateways (the part called name): internet ones have public addresses,
// private ones (over Direct Connect) RFC 1918 addresses. Gateway names are unique across both VPNs.
func (h hybridChecks) vpn(name string, v *hybrid.VPN, private bool, resiliency topology.Resiliency, tgw hybrid.TransitGateway) {
	key := h.key + "." + name
	if private && v.Acceleration {
		h.fail(key+".acceleration", "acceleration applies only to VPN over the internet")
	}
	switch n := len(v.CustomerGateways); {
	case n == 0:
		h.fail(key+".customerGateways", "required: at least one on-premises router")
	case n < 2 && h.env == Prod:
		h.fail(key+".customerGateways", "%d given; prod needs 2, one per on-premises router, so losing a router does not cut the path", n)
	case n < 2 && resiliency.AtLeast(topology.ResiliencyHigh):
		h.fail(key+".customerGateways", "%d given; resiliency %s needs 2, one per on-premises router", n, resiliency)
	}
	addresses := map[netip.Addr]string{} // outside address -> the gateway's name
	for _, gwName := range slices.Sorted(maps.Keys(v.CustomerGateways)) {
		k := key + ".customerGateways." + gwName
		gw := v.CustomerGateways[gwName]
		if !hybridNamePattern.MatchString(gwName) {
			h.fail(k, "%q is not a short name (lower-case letters, digits and hyphens, like dc1-edge1)", gwName)
		} else if prev, seen := h.routers[gwName]; seen {
			h.fail(k, "%q is also the name of %s; router names are unique across vpn and privateVpn", gwName, prev)
		}
		h.routers[gwName] = k
		if h.gatewayAddress(k+".ipAddress", gw.IPAddress, private, tgw) {
			if prev, seen := addresses[gw.IPAddress]; seen {
				h.fail(k+".ipAddress", "%s is also customerGateways.%s's address", gw.IPAddress, prev)
			}
			addresses[gw.IPAddress] = gwName
		}
		h.asn(k+".bgpAsn", gw.ASN, tgw.AmazonSideASN, "Transit Gateway")
		h.tunnels(k+".tunnels", gw.Tunnels, "customer gateway "+gwName+" tunnel")
		h.tunnels(k+".drTunnels", gw.DRTunnels, "customer gateway "+gwName+" DR tunnel")
	}
}

// tunnels checks the fixed tunnels at key, none or two, each called where and its number. Inside CIDRs are
// unique across the primary's and the DR connections: the router holds both sides of every session.
func (h hybridChecks) tunnels(key string, tunnels []hybrid.Tunnel, where string) {
	if n := len(tunnels); n != 0 && n != 2 {
		h.fail(key, "%d given; set both tunnels or none (AWS picks inside CIDRs and keys)", n)
	}
	for j, t := range tunnels {
		if j >= 2 {
			break
		}
		tk := indexed(key, j)
		if t.PresharedKey != "" && !presharedKeyPattern.MatchString(t.PresharedKey) {
			h.fail(tk+".presharedKey", "not a pre-shared key AWS accepts: 8-64 letters, digits, . or _, not starting with 0 (value not shown: it is a secret)")
		}
		h.insideCIDR(tk+".insideCidr", t.InsideCIDR, fmt.Sprintf("%s %d", where, j+1))
	}
}

// gatewayAddress checks a customer gateway's outside address: a public IPv4 address for the internet, a
// private one outside the VPC and Transit Gateway blocks over Direct Connect. It says whether the address is
// an IPv4 address at all.
func (h hybridChecks) gatewayAddress(key string, addr netip.Addr, private bool, tgw hybrid.TransitGateway) bool {
	switch {
	case !addr.IsValid():
		h.fail(key, "required but not set: the router's outside IPv4 address")
		return false
	case !addr.Is4():
		h.fail(key, "%s is not an IPv4 address", addr)
		return false
	case !private && !isPublicIPv4(addr):
		h.fail(key, "%s is not a public IPv4 address; an internet VPN needs the router's public address", addr)
	case !private && containsAddr(documentation, addr) && h.realUpdate:
		h.fail(key, "%s is an RFC 5737 documentation address, not a router's: set the router's public address (pulumi config set --path '%s' <address>)", addr, cliPath(key))
	case !private && containsAddr(documentation, addr):
		h.warn(key, "%s is an RFC 5737 documentation address, not a router's: plans and previews go on, a real `pulumi up` refuses it", addr)
	case private && !addr.IsPrivate():
		h.fail(key, "%s is not a private (RFC 1918) address; a VPN over Direct Connect uses the router's private address", addr)
	case private && h.vpc.IsValid() && h.vpc.Contains(addr):
		h.fail(key, "%s is inside the VPC CIDR %s", addr, h.vpc)
	case private && containsAddr(tgw.CIDRBlocks, addr):
		h.fail(key, "%s is inside the Transit Gateway CIDR blocks", addr)
	}
	return true
}

// isPublicIPv4 reports whether addr is an IPv4 address routable on the internet.
func isPublicIPv4(addr netip.Addr) bool {
	return addr.Is4() && addr.IsGlobalUnicast() && !addr.IsPrivate() && !containsAddr(notPublic, addr)
}

// insideCIDR checks the inside CIDR of the tunnel called where: a /30 in 169.254.0.0/16 that AWS does not
// reserve, used by no other tunnel on either Transit Gateway (each BGP session needs its own link).
func (h hybridChecks) insideCIDR(key string, prefix netip.Prefix, where string) {
	switch {
	case !h.prefix(key, prefix):
		return
	case prefix.Bits() != 30 || !linkLocal.Contains(prefix.Addr()):
		h.fail(key, "%s is not a /30 inside 169.254.0.0/16", prefix)
	case slices.Contains(reservedInsideCIDRs, prefix):
		h.fail(key, "%s is reserved by AWS (169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30 are refused)", prefix)
	default:
		if prev, used := h.insideCIDRs[prefix]; used {
			h.fail(key, "%s is also the inside CIDR of %s; each BGP session needs its own link", prefix, prev)
		}
		h.insideCIDRs[prefix] = where
	}
}
