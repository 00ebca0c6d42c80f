package config

import (
	"net/netip"
	"regexp"
)

// OnPremises describes the data centre the platform connects to.
type OnPremises struct {
	// CIDRs are the on-premises networks: routed over the hybrid links and admitted by security groups.
	CIDRs []netip.Prefix
	// DNSDomain is the on-premises DNS domain that AWS forwards to DNSServers.
	DNSDomain string
	// DNSServers are the on-premises resolvers, inside CIDRs.
	DNSServers []netip.Addr
}

type onPremisesInput struct {
	CIDRs      []string `json:"cidrs"`
	DNSDomain  string   `json:"dnsDomain"`
	DNSServers []string `json:"dnsServers"`
}

var domainPattern = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$`)

func (p *parser) onPremises(in onPremisesInput) OnPremises {
	key := p.key("onPremises")
	var out OnPremises
	if len(in.CIDRs) == 0 {
		p.fail(key+".cidrs", "required: at least one on-premises network")
	}
	for i, s := range in.CIDRs {
		prefix, ok := p.cidr(indexed(key+".cidrs", i), s)
		if !ok {
			continue
		}
		for j, other := range out.CIDRs {
			if prefix.Overlaps(other) {
				p.fail(indexed(key+".cidrs", i), "%s overlaps %s (cidrs[%d])", prefix, other, j)
			}
		}
		out.CIDRs = append(out.CIDRs, prefix)
	}

	if !domainPattern.MatchString(in.DNSDomain) {
		p.fail(key+".dnsDomain", "%q is not a DNS domain (like corp.example.com)", in.DNSDomain)
	}
	out.DNSDomain = in.DNSDomain

	if len(in.DNSServers) == 0 {
		p.fail(key+".dnsServers", "required: at least one on-premises resolver")
	}
	for i, s := range in.DNSServers {
		addr, err := netip.ParseAddr(s)
		if err != nil || !addr.Is4() {
			p.fail(indexed(key+".dnsServers", i), "%q is not an IPv4 address", s)
			continue
		}
		if !containsAddr(out.CIDRs, addr) {
			p.fail(indexed(key+".dnsServers", i), "%s is outside the on-premises cidrs", addr)
		}
		out.DNSServers = append(out.DNSServers, addr)
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
