package config

import (
	"maps"
	"net/netip"
	"slices"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/dr"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/topology"
	"github.com/insurance/hybridcloud/network"
	"github.com/insurance/hybridcloud/network/layout"
)

// DR is the disaster-recovery region (hybridcloud:dr): its own settings, and the settings the primary's
// components run with there, derived here so the program passes them as they are.
type DR struct {
	dr.Settings
	// Network is the DR VPC: the primary's tiers, endpoints, NAT strategy and flow logs, the DR range and AZs.
	Network network.VPCSettings
	// Transit is the DR Transit Gateway: on the Direct Connect gateway when the mode has one, and over the
	// primary's VPN routers when it has a VPN.
	Transit hybrid.DRTransitSettings
	// Cluster is the DR cluster: the primary's, without ECS Anywhere, its hosts at zero (pilot light) or at
	// dr.compute.hosts.min (warm standby).
	Cluster compute.ClusterSettings
	// Services are the primary's AWS-side services at dr.compute.taskCount (warm standby only; on-premises
	// services stay on premises).
	Services compute.ServicesSettings
	// Zone is the private hosted zone of the internal names (<stack>.<project>.internal): outside the
	// on-premises domain, whose Resolver forwarding rule would otherwise take its queries.
	Zone string
}

// dr reads hybridcloud:dr, checked against the already parsed network, on-premises, hybrid and compute
// sections: the DR range must be routable beside everything the data centre already routes.
func (p *parser) dr(raw []byte, c *Config) DR {
	key := p.key("dr")
	s := dr.DefaultSettings()
	p.decode(key, raw, &s)
	out := DR{Settings: s}
	p.protect(key+".protect", s.Protect, c.Environment)
	if err := s.Strategy.Check(); err != nil {
		p.fail(key+".strategy", "%v", err)
	}
	switch {
	case !regionPattern.MatchString(s.Region):
		p.fail(key+".region", "%q is not an AWS region (like us-west-2)", s.Region)
	case s.Region == c.Region:
		p.fail(key+".region", "%s is the stack's own region (aws:region): a DR copy there does not survive the region", s.Region)
	default:
		p.fact(key+".region", p.facts.Region(s.Region))
	}
	if !s.Strategy.Standby() {
		p.unusedDRTunnels(s.Strategy, c.Connectivity)
		return out
	}

	p.drNetwork(key, s, c)
	p.drTransit(key, s, c)
	if s.Replica.InstanceClass == "" {
		p.fail(key+".replica.instanceClass", "required with %s: the read replica's RDS instance class", s.Strategy)
	} else {
		p.fact(key+".replica.instanceClass", p.facts.PostgresInstanceClass(s.Replica.InstanceClass))
	}
	if s.Replica.LagAlarmSeconds < 1 {
		p.fail(key+".replica.lagAlarmSeconds", "%d: want at least 1 second", s.Replica.LagAlarmSeconds)
	}
	if s.Files.LatencyAlarmMinutes < 1 {
		p.fail(key+".files.latencyAlarmMinutes", "%d: want at least 1 minute", s.Files.LatencyAlarmMinutes)
	}
	p.drCompute(key+".compute", s, c.Environment)

	out.Zone = c.Stack + "." + c.Project + ".internal"
	out.Network = drNetwork(c.Network, s)
	out.Transit = hybrid.DRTransitSettings{
		AmazonSideASN: s.TransitGatewayASN, VPN: c.Connectivity.InternetVPN,
		PrivateVPN: c.Connectivity.PrivateVPN, CIDRBlocks: s.TransitGatewayCIDRBlocks,
		TunnelLogRetentionDays: c.Connectivity.TunnelLogRetentionDays, Protect: s.Protect,
	}
	out.Cluster, out.Services = drCompute(c.Cluster, c.Services, s)
	return out
}

// drNetwork checks the DR VPC's range and AZs.
func (p *parser) drNetwork(key string, s dr.Settings, c *Config) {
	k := key + ".cidr"
	switch {
	case !s.CIDR.IsValid():
		p.fail(k, "required with %s: the DR VPC's range", s.Strategy)
	case !p.canonical(k, s.CIDR):
	case !isPrivate(s.CIDR):
		p.fail(k, "%s is not a private (RFC 1918) range", s.CIDR)
	default:
		// Everything the data centre routes to: a DR range overlapping any of it is ambiguous on premises.
		// A Direct Connect gateway refuses overlapping allowed prefixes across its Transit Gateway
		// associations (Direct Connect user guide, "Allowed prefixes interactions"), so a DR range inside
		// the primary's summary cannot be allowed on the DR association.
		sets := routed(c)
		if dx := c.Connectivity.DirectConnect; dx != nil {
			sets = append(sets, named{"a prefix the primary's Direct Connect association allows (hybridcloud:hybrid.directConnect.allowedPrefixes)", dx.AllowedPrefixes})
		}
		p.clearOf(k, s.CIDR, sets)
	}

	k = key + ".availabilityZones"
	azs := s.AvailabilityZones
	switch {
	case len(azs) < layout.MinAZs || len(azs) > layout.AZSlots:
		p.fail(k, "%d given: want %d to %d", len(azs), layout.MinAZs, layout.AZSlots)
	case c.Environment == Prod && len(azs) < len(c.Network.AvailabilityZones):
		p.fail(k, "%d given: prod's DR VPC spans as many AZs as the primary (%d), so it can carry the load after a failover", len(azs), len(c.Network.AvailabilityZones))
	}
	for i, az := range azs {
		switch {
		case slices.Index(azs, az) < i:
			p.fail(indexed(k, i), "%q is listed twice", az)
		default:
			p.fact(indexed(k, i), p.facts.Zone(s.Region, az))
		}
	}
	if s.CIDR.IsValid() && len(azs) >= layout.MinAZs && len(azs) <= layout.AZSlots {
		if _, err := layout.Plan(s.CIDR, azs, c.Network.SubnetPrefixLengths); err != nil {
			p.fail(key+".cidr", "%v (the primary's subnetPrefixLengths)", err)
		}
	}
}

// routed are the ranges the data centre already routes to, which the DR VPC and the DR Transit Gateway's
// blocks stay clear of.
func routed(c *Config) []named {
	return []named{
		{"the primary VPC (hybridcloud:network.cidr)", []netip.Prefix{c.Network.CIDR}},
		{"an on-premises network (hybridcloud:onPremises.cidrs)", c.OnPremises.CIDRs},
		{"a block of the primary Transit Gateway (hybridcloud:hybrid.transitGateway.cidrBlocks)", c.Connectivity.TransitGateway.CIDRBlocks},
	}
}

// drTransit checks the DR Transit Gateway can reach the data centre the way the mode does: over the
// primary's Direct Connect gateway and VPN routers, with blocks of its own for VPNs over Direct Connect.
func (p *parser) drTransit(key string, s dr.Settings, c *Config) {
	h := hybridChecks{parser: p, key: key}
	k := key + ".transitGatewayAsn"
	h.asn(k, s.TransitGatewayASN, c.Connectivity.TransitGateway.AmazonSideASN, "primary Transit Gateway (hybridcloud:hybrid.transitGateway.amazonSideAsn)")
	if dx := c.Connectivity.DirectConnect; dx != nil && s.TransitGatewayASN == dx.AmazonSideASN {
		p.fail(k, "%d is also the Direct Connect gateway's ASN; AWS requires different ASNs on the two gateways", s.TransitGatewayASN)
	}
	for _, vpn := range []*hybrid.VPN{c.Connectivity.InternetVPN, c.Connectivity.PrivateVPN} {
		if vpn == nil {
			continue
		}
		for _, router := range slices.Sorted(maps.Keys(vpn.CustomerGateways)) {
			if vpn.CustomerGateways[router].ASN == s.TransitGatewayASN {
				p.fail(k, "%d is also router %s's ASN; the two sides of a BGP session need different ASNs", s.TransitGatewayASN, router)
			}
		}
	}

	k = key + ".transitGatewayCidrBlocks"
	switch mode := c.Connectivity.Mode; {
	case mode == topology.ModeDirectConnectEncrypted && len(s.TransitGatewayCIDRBlocks) == 0:
		p.fail(k, "required with %s in mode %s: the DR Transit Gateway's blocks (/24 or larger), the outside addresses of its VPNs over Direct Connect", s.Strategy, mode)
	case mode == topology.ModeDirectConnectEncrypted:
		// The DR association allows these blocks beside the primary's on one Direct Connect gateway.
		h.tgwBlocks(k, s.TransitGatewayCIDRBlocks, append(routed(c), named{"the DR VPC (hybridcloud:dr.cidr)", []netip.Prefix{s.CIDR}}))
	case len(s.TransitGatewayCIDRBlocks) > 0:
		p.fail(k, "mode %s has no VPN over Direct Connect to take outside addresses from them; remove it", mode)
	}
	if vpn := c.Connectivity.InternetVPN; c.Connectivity.Mode == topology.ModeVPN && (vpn == nil || len(vpn.CustomerGateways) == 0) {
		p.fail(key+".strategy", "%s needs Direct Connect or a VPN to reach the DR region: mode %s has no Direct Connect, so hybridcloud:hybrid.vpn must list the routers", s.Strategy, c.Connectivity.Mode)
	}
}

// unusedDRTunnels warns of each router's drTunnels under a strategy with no DR Transit Gateway. They stay
// valid: a promotion leaves the old primary's tunnels there, for the standby rebuilt in the old region.
func (p *parser) unusedDRTunnels(strategy dr.Strategy, c hybrid.ConnectivitySettings) {
	for _, vpn := range []struct {
		part topology.Part
		v    *hybrid.VPN
	}{{topology.PartInternetVPN, c.InternetVPN}, {topology.PartPrivateVPN, c.PrivateVPN}} {
		if vpn.v == nil {
			continue
		}
		for _, router := range slices.Sorted(maps.Keys(vpn.v.CustomerGateways)) {
			if len(vpn.v.CustomerGateways[router].DRTunnels) > 0 {
				p.warn(p.key("hybrid")+"."+string(vpn.part)+".customerGateways."+router+".drTunnels", "unused: strategy %s declares no DR Transit Gateway", strategy)
			}
		}
	}
}

// drCompute checks the DR cluster's sizing for the strategy.
func (p *parser) drCompute(key string, s dr.Settings, env Environment) {
	h := s.Compute.Hosts
	switch {
	case s.Strategy.Running() && h.Min < 1:
		p.fail(key+".hosts.min", "%d: %s runs the compute at its minimum, which must be at least one host (or use %s)", h.Min, s.Strategy, dr.PilotLight)
	case h.Min < 0:
		p.fail(key+".hosts.min", "%d is negative", h.Min)
	}
	if h.Max < 1 || h.Max < h.Min {
		p.fail(key+".hosts.max", "%d: want at least 1 and at least hosts.min (%d): what a failover scales to", h.Max, h.Min)
	}
	if s.Strategy.Running() && s.Compute.TaskCount < 1 {
		p.fail(key+".taskCount", "%d: %s runs every service, at least one task each", s.Compute.TaskCount, s.Strategy)
	}
	switch arn := s.Compute.CertificateARN; {
	case arn == "" && env == Prod:
		p.fail(key+".certificateArn", "required in prod: the DR load balancer serves HTTPS as the primary's does, with a certificate of %s", s.Region)
	case arn != "" && !certificatePattern.MatchString(arn):
		p.fail(key+".certificateArn", "%q is not an ACM certificate ARN", arn)
	case arn != "" && arnField(arnRegion, arn) != s.Region:
		p.fail(key+".certificateArn", "the certificate is in %s: a load balancer uses a certificate of its own region (%s)", arnField(arnRegion, arn), s.Region)
	}
}

// drNetwork is the DR VPC: the primary's settings with the DR range and AZs, endpoints in as many of them.
func drNetwork(primary network.VPCSettings, s dr.Settings) network.VPCSettings {
	n := primary
	n.CIDR, n.AvailabilityZones = s.CIDR, slices.Clone(s.AvailabilityZones)
	n.EndpointAZCount = min(primary.EndpointAZCount, len(s.AvailabilityZones))
	if primary.EndpointAZCount >= len(primary.AvailabilityZones) {
		n.EndpointAZCount = len(s.AvailabilityZones) // every AZ, as the primary
	}
	n.Protect = s.Protect
	return n
}

// drCompute is the DR cluster and its services. The hosts run at zero in pilot light (the cluster, its
// capacity provider and load balancer stand ready) and at the minimum in warm standby; a failover raises
// both. ECS Anywhere stays with the primary: the data centre's hosts register with one cluster.
func drCompute(cluster compute.ClusterSettings, services compute.ServicesSettings, s dr.Settings) (compute.ClusterSettings, compute.ServicesSettings) {
	c := cluster
	c.Anywhere = compute.AnywhereSettings{}
	c.LoadBalancer.CertificateARN = s.Compute.CertificateARN
	c.Hosts = compute.HostCounts{Max: s.Compute.Hosts.Max}
	c.Protect = s.Protect
	out := services
	out.Services = map[string]compute.Service{}
	out.Protect = s.Protect
	if !s.Strategy.Running() {
		return c, out
	}
	c.Hosts.Min, c.Hosts.Desired = s.Compute.Hosts.Min, s.Compute.Hosts.Min
	for name, svc := range services.Services {
		if svc.OnPrem {
			continue
		}
		svc.MinCount, svc.DesiredCount = s.Compute.TaskCount, s.Compute.TaskCount
		svc.MaxCount = max(svc.MaxCount, s.Compute.TaskCount)
		out.Services[name] = svc
	}
	return c, out
}
