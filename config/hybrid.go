package config

import (
	"net/netip"
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/topology"
)

// hybridSection is hybridcloud:hybrid, one object that feeds two components: hybrid connectivity (the
// top-level keys, embedded so the decoder flattens them) and hybrid DNS (dns).
type hybridSection struct {
	hybrid.ConnectivitySettings
	DNS hybrid.DNSSettings `json:"dns"`
}

var (
	// Private BGP ASN ranges (RFC 6996): 2-byte and 4-byte.
	privateASNs = [][2]int64{{64512, 65534}, {4200000000, 4294967294}}

	// hybridNamePattern is a connection's or a router's name, the key it is listed under: it goes into
	// resource and alarm names.
	hybridNamePattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$`)
)

// Transit Gateway CIDR blocks, as AWS takes them: /24 or larger, at most five a gateway (a quota that
// cannot be raised), never in linkLocal (Transit Gateway guide, "Create a transit gateway", and its
// quotas page).
const (
	maxTGWCIDRBits   = 24
	maxTGWCIDRBlocks = 5
)

// hybrid reads hybridcloud:hybrid into the connectivity's and hybrid DNS's settings, checked against the
// already parsed network and on-premises sections. Direct Connect is checked in hybrid_dx.go, the VPNs in
// hybrid_vpn.go.
func (p *parser) hybrid(raw []byte, c *Config) (hybrid.ConnectivitySettings, hybrid.DNSSettings) {
	key := p.key("hybrid")
	sec := hybridSection{ConnectivitySettings: hybrid.DefaultConnectivitySettings(), DNS: hybrid.DefaultDNSSettings()}
	p.decode(key, raw, &sec)
	s := &sec.ConnectivitySettings
	p.protect(key+".protect", s.Protect, c.Environment)

	h := hybridChecks{
		parser: p, key: key, env: c.Environment, mode: s.Mode, vpc: c.Network.CIDR, onPrem: c.OnPremises.CIDRs,
		routers: map[string]string{}, insideCIDRs: map[netip.Prefix]string{},
	}
	use := h.parts(*s)
	h.transitGateway(s.TransitGateway, use[topology.PartTGWCIDRBlocks])

	var resiliency topology.Resiliency
	if use[topology.PartDirectConnect] {
		h.directConnect(s.DirectConnect, s.TransitGateway.AmazonSideASN, use[topology.PartAllowedPrefixes], use[topology.PartInternetVPN])
		resiliency = s.DirectConnect.Resiliency
	}
	if use[topology.PartInternetVPN] {
		h.vpn(string(topology.PartInternetVPN), s.InternetVPN, false, resiliency, s.TransitGateway)
	}
	if use[topology.PartPrivateVPN] {
		h.vpn(string(topology.PartPrivateVPN), s.PrivateVPN, true, resiliency, s.TransitGateway)
	}

	switch {
	case use[topology.PartInternetVPN] || use[topology.PartPrivateVPN]:
		p.retention(key+".tunnelLogRetentionDays", s.TunnelLogRetentionDays)
	case s.TunnelLogRetentionDays != 0:
		p.fail(key+".tunnelLogRetentionDays", "mode %s has no VPN tunnels to log; remove it", s.Mode)
	}

	dns := h.dns(sec.DNS, len(c.Network.AvailabilityZones))
	dns.Protect = s.Protect // one protect flag for the section
	return *s, dns
}

// hybridChecks carries what every part of the hybrid section is checked against.
type hybridChecks struct {
	*parser
	key    string
	env    Environment
	mode   topology.Mode
	vpc    netip.Prefix
	onPrem []netip.Prefix
	// routers maps each customer gateway name to the key that declared it: names are unique across both
	// VPNs, since the vpnTunnels output is keyed by them.
	routers map[string]string
	// insideCIDRs maps each tunnel inside CIDR to the tunnel that uses it, on either Transit Gateway: each
	// BGP session needs its own link, on the gateway and on the router.
	insideCIDRs map[netip.Prefix]string
}

// parts checks the mode, and each part against the mode's rule table (the one the component checks with
// too). It returns the parts to check further: those given and not refused. With a mode that is itself
// wrong, every part given is checked.
func (h hybridChecks) parts(s hybrid.ConnectivitySettings) map[topology.Part]bool {
	switch err := s.Mode.Check(); {
	case s.Mode == "":
		h.fail(h.key+".mode", "required but not set (one of %v)", topology.Modes)
	case err != nil:
		h.fail(h.key+".mode", "%v", err)
	}
	use := s.Configured()
	for _, e := range s.Mode.CheckParts(use) {
		h.fail(h.key+"."+string(e.Part), "%v", e.Err)
		use[e.Part] = false
	}
	return use
}

// asn checks a BGP ASN is set, in a private range, and differs from the AWS side it peers with.
func (h hybridChecks) asn(key string, asn, awsSide int64, awsSideName string) {
	private := slices.ContainsFunc(privateASNs, func(r [2]int64) bool { return asn >= r[0] && asn <= r[1] })
	switch {
	case asn == 0:
		h.fail(key, "required but not set: a private ASN (64512-65534 or 4200000000-4294967294)")
	case !private:
		h.fail(key, "%d is not a private ASN (64512-65534 or 4200000000-4294967294)", asn)
	case awsSide != 0 && asn == awsSide:
		h.fail(key, "%d is also the %s's ASN; the two sides of a BGP session need different ASNs", asn, awsSideName)
	}
}

// prefix checks a decoded CIDR is set and canonical.
func (h hybridChecks) prefix(key string, prefix netip.Prefix) bool {
	if !prefix.IsValid() {
		h.fail(key, "required but not set: a CIDR (like 10.0.0.0/16)")
		return false
	}
	return h.canonical(key, prefix)
}

// transitGateway checks the Transit Gateway's ASN, and its CIDR blocks when the mode uses them.
func (h hybridChecks) transitGateway(tgw hybrid.TransitGateway, checkBlocks bool) {
	key := h.key + ".transitGateway"
	h.asn(key+".amazonSideAsn", tgw.AmazonSideASN, 0, "")
	if checkBlocks {
		h.tgwBlocks(key+".cidrBlocks", tgw.CIDRBlocks, []named{
			{"the VPC (hybridcloud:network.cidr)", []netip.Prefix{h.vpc}},
			{"an on-premises network (hybridcloud:onPremises.cidrs)", h.onPrem},
		})
	}
}

// tgwBlocks checks a Transit Gateway's CIDR blocks (the outside addresses of private VPN endpoints): as
// AWS takes them, clear of the ranges the gateway routes to (sets) and of each other.
func (h hybridChecks) tgwBlocks(key string, blocks []netip.Prefix, sets []named) {
	if len(blocks) > maxTGWCIDRBlocks {
		h.fail(key, "%d given: a Transit Gateway takes at most %d CIDR blocks", len(blocks), maxTGWCIDRBlocks)
	}
	for i, block := range blocks {
		k := indexed(key, i)
		if !h.prefix(k, block) {
			continue
		}
		switch {
		case block.Bits() > maxTGWCIDRBits:
			h.fail(k, "%s is smaller than the /%d AWS requires", block, maxTGWCIDRBits)
		case block.Overlaps(linkLocal):
			h.fail(k, "%s is in %s, which AWS refuses in Transit Gateway CIDR blocks", block, linkLocal)
		default:
			h.clearOf(k, block, sets)
			for j, other := range blocks[:i] {
				if other.IsValid() && block.Overlaps(other) {
					h.fail(k, "%s overlaps %s %s", block, indexed(key, j), other)
				}
			}
		}
	}
}

// dns checks the Resolver sizing against the AZs and the query log retention.
func (h hybridChecks) dns(s hybrid.DNSSettings, azCount int) hybrid.DNSSettings {
	key := h.key + ".dns"
	switch n := s.EndpointIPCount; {
	case n == 0:
		h.fail(key+".endpointIpCount", "required but not set: %d to the AZ count (%d), one address per AZ", hybrid.MinResolverIPs, azCount)
	case n < hybrid.MinResolverIPs || n > azCount:
		h.fail(key+".endpointIpCount", "%d is outside %d to the AZ count (%d): one address per AZ, at least %d", n, hybrid.MinResolverIPs, azCount, hybrid.MinResolverIPs)
	}
	h.retention(key+".queryLogRetentionDays", s.QueryLogRetentionDays)
	return s
}
