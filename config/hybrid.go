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

// maxTGWCIDRBits is the smallest Transit Gateway CIDR block AWS accepts (/24).
const maxTGWCIDRBits = 24

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
	// insideCIDRs maps each tunnel inside CIDR to the tunnel that uses it: each BGP session on the Transit
	// Gateway needs its own link.
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

// transitGateway checks the Transit Gateway's ASN, and its CIDR blocks when the mode uses them: large enough
// for AWS, and clear of the VPC, the data centre and each other.
func (h hybridChecks) transitGateway(tgw hybrid.TransitGateway, checkBlocks bool) {
	key := h.key + ".transitGateway"
	h.asn(key+".amazonSideAsn", tgw.AmazonSideASN, 0, "")
	if !checkBlocks {
		return
	}
	for i, block := range tgw.CIDRBlocks {
		k := indexed(key+".cidrBlocks", i)
		if !h.prefix(k, block) {
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
			for j, other := range tgw.CIDRBlocks[:i] {
				if other.IsValid() && block.Overlaps(other) {
					h.fail(k, "%s overlaps cidrBlocks[%d] %s", block, j, other)
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
