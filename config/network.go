package config

import (
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/network"
	"github.com/insurance/hybridcloud/network/layout"
)

var (
	azPattern       = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d[a-z]$`)
	endpointPattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)
)

// network reads hybridcloud:network into the VPC's settings. The zones and the endpoint services are
// checked against the catalogue for region (aws:region), once the region itself is known to exist.
func (p *parser) network(raw []byte, region string, env Environment) network.VPCSettings {
	key := p.key("network")
	s := network.DefaultVPCSettings()
	p.decode(key, raw, &s)
	p.protect(key+".protect", s.Protect, env)

	cidrOK := s.CIDR.IsValid() && p.canonical(key+".cidr", s.CIDR)
	switch {
	case !s.CIDR.IsValid():
		p.fail(key+".cidr", "required but not set")
	case cidrOK && !isPrivate(s.CIDR):
		p.fail(key+".cidr", "%s is not a private (RFC 1918) range", s.CIDR)
	}

	azs := s.AvailabilityZones
	azsOK := len(azs) >= layout.MinAZs && len(azs) <= layout.AZSlots
	switch {
	case len(azs) < layout.MinAZs:
		p.fail(key+".availabilityZones", "%d given, need at least %d for high availability", len(azs), layout.MinAZs)
	case len(azs) > layout.AZSlots:
		p.fail(key+".availabilityZones", "%d given, at most %d are supported", len(azs), layout.AZSlots)
	}
	regionKnown := region != "" && p.facts.Region(region) == nil
	for i, az := range azs {
		switch {
		case !azPattern.MatchString(az):
			p.fail(indexed(key+".availabilityZones", i), "%q is not an availability zone name (like eu-central-1a)", az)
		case slices.Index(azs, az) < i:
			p.fail(indexed(key+".availabilityZones", i), "%q is listed twice", az)
		case regionKnown:
			// A zone of another region, or one the region lacks (us-east-1g), fails only at up, when the
			// subnet is created.
			p.fact(indexed(key+".availabilityZones", i), p.facts.Zone(region, az))
		}
	}

	switch err := s.NATStrategy.Check(); {
	case s.NATStrategy == "":
		p.fail(key+".natStrategy", "required but not set (%q or %q)", layout.NATSingle, layout.NATPerAZ)
	case err != nil:
		p.fail(key+".natStrategy", "%v", err)
	case env == Prod && s.NATStrategy != layout.NATPerAZ:
		p.fail(key+".natStrategy", "prod requires %q: a single NAT gateway cuts every AZ's egress when its AZ fails", layout.NATPerAZ)
	}

	if cidrOK && azsOK {
		if _, err := layout.Plan(s.CIDR, azs, s.SubnetPrefixLengths); err != nil {
			p.fail(key+".subnetPrefixLengths", "%v", err)
		}
	}

	for i, e := range s.Endpoints {
		switch {
		case !endpointPattern.MatchString(e):
			p.fail(indexed(key+".endpoints", i), "%q is not a service short name (like ecr.api)", e)
		case slices.Index(s.Endpoints, e) < i:
			p.fail(indexed(key+".endpoints", i), "%q is listed twice", e)
		default:
			// A service name that does not exist (ecr.apii) fails only at up, when the endpoint is created.
			p.fact(indexed(key+".endpoints", i), p.facts.InterfaceEndpoint(e))
		}
	}

	if s.EndpointAZCount == 0 {
		s.EndpointAZCount = len(azs)
	}
	switch {
	case s.EndpointAZCount < 1 || s.EndpointAZCount > len(azs):
		p.fail(key+".endpointAzCount", "%d is outside 1 to the AZ count (%d)", s.EndpointAZCount, len(azs))
	case env == Prod && s.EndpointAZCount != len(azs):
		p.fail(key+".endpointAzCount", "prod requires every AZ (%d): an endpoint in one AZ fails with it", len(azs))
	}

	p.retention(key+".flowLogRetentionDays", s.FlowLogRetentionDays)
	return s
}
