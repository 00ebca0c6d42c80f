package config

import (
	"net/netip"
	"regexp"
)

// OnPremises describes the data centre the platform connects to (hybridcloud:onPremises): stack-wide
// facts several components take as wiring.
type OnPremises struct {
	// CIDRs are the on-premises networks: routed over the hybrid links and admitted by security groups.
	// Required, canonical, not overlapping each other or the VPC.
	CIDRs []netip.Prefix `json:"cidrs"`
	// DNSDomain is the on-premises DNS domain that AWS forwards to DNSServers. Required.
	DNSDomain string `json:"dnsDomain"`
	// DNSServers are the on-premises resolvers, IPv4 addresses inside CIDRs. Required.
	DNSServers []netip.Addr `json:"dnsServers"`
}

var domainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)

func (p *parser) onPremises(raw []byte) OnPremises {
	key := p.key("onPremises")
	var out OnPremises
	p.decode(key, raw, &out)
	if len(out.CIDRs) == 0 {
		p.fail(key+".cidrs", "required: at least one on-premises network")
	}
	for i, prefix := range out.CIDRs {
		if !p.canonical(indexed(key+".cidrs", i), prefix) {
			continue
		}
		for j, other := range out.CIDRs[:i] {
			if prefix.Overlaps(other) {
				p.fail(indexed(key+".cidrs", i), "%s overlaps %s (cidrs[%d])", prefix, other, j)
			}
		}
	}

	if !domainPattern.MatchString(out.DNSDomain) {
		p.fail(key+".dnsDomain", "%q is not a DNS domain (like corp.example.com)", out.DNSDomain)
	} else {
		p.serviceDomain(key+".dnsDomain", out.DNSDomain)
	}

	if len(out.DNSServers) == 0 {
		p.fail(key+".dnsServers", "required: at least one on-premises resolver")
	}
	for i, addr := range out.DNSServers {
		switch {
		case !addr.Is4():
			p.fail(indexed(key+".dnsServers", i), "%s is not an IPv4 address", addr)
		case !containsAddr(out.CIDRs, addr):
			p.fail(indexed(key+".dnsServers", i), "%s is outside the on-premises cidrs", addr)
		}
	}
	return out
}

// checkOverlaps rejects a VPC that overlaps the data centre: routing between them would be ambiguous.
func (p *parser) checkOverlaps(c *Config) {
	if !c.Network.CIDR.IsValid() {
		return
	}
	for i, onPrem := range c.OnPremises.CIDRs {
		if onPrem.Overlaps(c.Network.CIDR) {
			p.fail(indexed(p.key("onPremises")+".cidrs", i), "%s overlaps the VPC CIDR %s (hybridcloud:network.cidr)", onPrem, c.Network.CIDR)
		}
	}
}
