package config

import (
	"net/netip"
	"regexp"

	"github.com/insurance/hybridcloud/network"
)

// Network is the validated VPC layout.
type Network struct {
	// CIDR is the VPC's IPv4 range, RFC 1918, /16 to /24.
	CIDR netip.Prefix
	// AvailabilityZones are explicit AZ names, so a plan never depends on what a region lists today.
	AvailabilityZones []string
	// NatStrategy is single (dev) or perAz (required in prod).
	NatStrategy network.NatStrategy
	// Subnets is the carved layout, every tier in every AZ.
	Subnets []network.SubnetPlan
	// Endpoints are the interface endpoint services (short names such as "ecr.api").
	Endpoints []string
	// EndpointAZCount is how many AZs (the first ones) hold the interface endpoints: every AZ by default,
	// and in prod; dev may use fewer, since each endpoint is billed per AZ.
	EndpointAZCount int
	// FlowLogRetentionDays is how long VPC flow logs are kept.
	FlowLogRetentionDays int
	// DataSubnetInternetAccess gives the data subnets a NAT route. Default false: data stays isolated.
	DataSubnetInternetAccess bool
}

type networkInput struct {
	CIDR                     string                 `json:"cidr"`
	AvailabilityZones        []string               `json:"availabilityZones"`
	NatStrategy              string                 `json:"natStrategy"`
	SubnetPrefixLengths      *network.PrefixLengths `json:"subnetPrefixLengths"`
	Endpoints                []string               `json:"endpoints"`
	EndpointAZCount          int                    `json:"endpointAzCount"`
	FlowLogRetentionDays     int                    `json:"flowLogRetentionDays"`
	DataSubnetInternetAccess bool                   `json:"dataSubnetInternetAccess"`
}

var (
	azPattern       = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d[a-z]$`)
	endpointPattern = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)
)

func (p *parser) network(in networkInput, env Environment) Network {
	key := p.key("network")
	out := Network{
		AvailabilityZones:        in.AvailabilityZones,
		Endpoints:                in.Endpoints,
		FlowLogRetentionDays:     in.FlowLogRetentionDays,
		DataSubnetInternetAccess: in.DataSubnetInternetAccess,
	}

	cidrOK := false
	if in.CIDR == "" {
		p.fail(key+".cidr", "required but not set")
	} else if prefix, ok := p.cidr(key+".cidr", in.CIDR); ok {
		out.CIDR = prefix
		cidrOK = true
		if !isPrivate(prefix) {
			p.fail(key+".cidr", "%s is not a private (RFC 1918) range", prefix)
		}
	}

	if len(in.AvailabilityZones) < network.MinAZs {
		p.fail(key+".availabilityZones", "%d given, need at least %d for high availability", len(in.AvailabilityZones), network.MinAZs)
	} else if len(in.AvailabilityZones) > network.MaxAZs {
		p.fail(key+".availabilityZones", "%d given, at most %d are supported", len(in.AvailabilityZones), network.MaxAZs)
	}
	seen := map[string]bool{}
	for i, az := range in.AvailabilityZones {
		switch {
		case !azPattern.MatchString(az):
			p.fail(indexed(key+".availabilityZones", i), "%q is not an availability zone name (like eu-central-1a)", az)
		case seen[az]:
			p.fail(indexed(key+".availabilityZones", i), "%q is listed twice", az)
		}
		seen[az] = true
	}

	if in.NatStrategy == "" {
		p.fail(key+".natStrategy", "required but not set (%q or %q)", network.NatSingle, network.NatPerAz)
	} else if nat, err := network.ParseNatStrategy(in.NatStrategy); err != nil {
		p.fail(key+".natStrategy", "%v", err)
	} else {
		out.NatStrategy = nat
		if env == Prod && nat != network.NatPerAz {
			p.fail(key+".natStrategy", "prod requires %q: a single NAT gateway cuts every AZ's egress when its AZ fails", network.NatPerAz)
		}
	}

	sizes := network.DefaultPrefixLengths
	if in.SubnetPrefixLengths != nil {
		sizes = *in.SubnetPrefixLengths
	}
	if cidrOK && len(in.AvailabilityZones) >= network.MinAZs && len(in.AvailabilityZones) <= network.MaxAZs {
		subnets, err := network.PlanSubnets(out.CIDR, in.AvailabilityZones, sizes)
		if err != nil {
			p.fail(key+".subnetPrefixLengths", "%v", err)
		}
		out.Subnets = subnets
	}

	seenEndpoint := map[string]bool{}
	for i, e := range in.Endpoints {
		switch {
		case !endpointPattern.MatchString(e):
			p.fail(indexed(key+".endpoints", i), "%q is not a service short name (like ecr.api)", e)
		case e == "s3":
			p.fail(indexed(key+".endpoints", i), "s3 is always a gateway endpoint (free); do not list it")
		case seenEndpoint[e]:
			p.fail(indexed(key+".endpoints", i), "%q is listed twice", e)
		}
		seenEndpoint[e] = true
	}

	out.EndpointAZCount = in.EndpointAZCount
	if out.EndpointAZCount == 0 {
		out.EndpointAZCount = len(in.AvailabilityZones)
	}
	switch {
	case out.EndpointAZCount < 1 || out.EndpointAZCount > len(in.AvailabilityZones):
		p.fail(key+".endpointAzCount", "%d is outside 1 to the AZ count (%d)", out.EndpointAZCount, len(in.AvailabilityZones))
	case env == Prod && out.EndpointAZCount != len(in.AvailabilityZones):
		p.fail(key+".endpointAzCount", "prod requires every AZ (%d): an endpoint in one AZ fails with it", len(in.AvailabilityZones))
	}

	p.retention(key+".flowLogRetentionDays", in.FlowLogRetentionDays)
	return out
}
