package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// transitGateway: the Transit Gateway itself has no hourly charge; the data it processes is priced here.
func transitGateway(p *pricer, r plan.Resource) outcome {
	n := p.countOf(typeTransitGateway, nil)
	return lines(p.usage(r, charge{what: "Transit Gateway data processed", unit: "GB", key: "transit_gateway.gb_processed"},
		UsageTransitGatewayGB, 1, n, "transit gateways"))
}

func tgwVpcAttachment(p *pricer, r plan.Resource) outcome {
	return lines(p.fixed(r, charge{what: "Transit Gateway VPC attachment hours", quantity: 1, unit: "attachment", hourly: true, key: "transit_gateway.attachment_hour_vpc"}))
}

// isPublicVPN reports whether a VPN connection's tunnels run over the internet (not over Direct Connect).
func isPublicVPN(r plan.Resource) bool {
	return planread.String(r.Props(), "outsideIpAddressType") != "PrivateIpv4"
}

// hasDirectConnect reports whether the plan carries traffic to on premises over Direct Connect.
func (p *pricer) hasDirectConnect() bool { return len(p.x.OfType(typeTransitVIF)) > 0 }

// vpnConnection: the connection by the hour, its Transit Gateway attachment, acceleration when on, and
// the data sent to on premises over the internet when there is no Direct Connect path to carry it.
func vpnConnection(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	out := []Line{p.fixed(r, charge{what: "VPN connection hours", quantity: 1, unit: "connection", hourly: true, key: "site_to_site_vpn.connection_hour"})}
	if planread.String(props, "transitGatewayId") != "" || len(r.Dependencies["transitGatewayId"]) > 0 {
		out = append(out, p.fixed(r, charge{what: "Transit Gateway VPN attachment hours", quantity: 1, unit: "attachment", hourly: true, key: "transit_gateway.attachment_hour_vpn"}))
	}
	if planread.Bool(props, "enableAcceleration") {
		out = append(out, p.fixed(r, charge{what: "accelerated VPN hours", quantity: 1, unit: "connection", hourly: true, key: "site_to_site_vpn.accelerated_extra"}))
	}
	switch {
	case !isPublicVPN(r):
		out[0].Note = join(out[0].Note, "runs over Direct Connect: data out is priced on the virtual interfaces")
	case p.hasDirectConnect():
		out[0].Note = join(out[0].Note, "standby path: data out is priced on Direct Connect while it is up")
	default:
		n := p.countOf(typeVpnConnection, isPublicVPN)
		out = append(out, p.usage(r, charge{what: "data transfer out to on premises (internet)", unit: "GB", key: "data_transfer.internet_egress_first_10tb_gb"},
			UsageToOnPremisesGB, 1, n, "VPN connections"))
	}
	return lines(out...)
}

// portKey is the price dimension of a Direct Connect port speed: dedicated ports come in Gbps, hosted
// ones below 1 Gbps ("50Mbps", "500Mbps").
func portKey(bandwidth string) string {
	b := strings.ToLower(bandwidth)
	switch {
	case strings.HasSuffix(b, "gbps"):
		return "direct_connect.dedicated_" + strings.TrimSuffix(b, "gbps") + "g_port_hour"
	case strings.HasSuffix(b, "mbps"):
		return "direct_connect.hosted_" + strings.TrimSuffix(b, "mbps") + "m_port_hour"
	default:
		return "direct_connect." + b + "_port_hour"
	}
}

// dxConnection: a connection ordered through the program is charged port hours by its bandwidth.
func dxConnection(p *pricer, r plan.Resource) outcome {
	bw := planread.String(r.Props(), "bandwidth")
	return lines(p.fixed(r, charge{what: "Direct Connect port hours (" + bw + ")", quantity: 1, unit: "port", hourly: true, key: portKey(bw)}))
}

// dxGatewayAssociation: associating the DX gateway with a Transit Gateway makes a billed attachment.
func dxGatewayAssociation(p *pricer, r plan.Resource) outcome {
	if _, toTGW := p.x.Dependency(r, "associatedGatewayId", typeTransitGateway); !toTGW {
		return outcome{free: "no charge for a virtual private gateway association"}
	}
	return lines(p.fixed(r, charge{what: "Transit Gateway Direct Connect attachment hours", quantity: 1, unit: "attachment", hourly: true, key: "transit_gateway.attachment_hour_dxgw"}))
}

// transitVIF: the data sent to on premises over Direct Connect, shared by the virtual interfaces; and,
// once per connection the program does not create, its port hours at the speed of usage dxPortGbps (the
// plan does not know that port's speed), and the line says so.
func transitVIF(p *pricer, r plan.Resource) outcome {
	n := p.countOf(typeTransitVIF, nil)
	out := []Line{p.usage(r, charge{what: "data transfer out over Direct Connect", unit: "GB", key: "direct_connect.dto_gb_same_area"},
		UsageToOnPremisesGB, 1, n, "virtual interfaces")}
	if _, created := p.x.Dependency(r, "connectionId", typeDXConnection); created {
		return lines(out...)
	}
	id := planread.String(r.Props(), "connectionId")
	if p.firstVIFOn(id) != r.URN {
		return lines(out...)
	}
	speed := p.existingPortSpeed()
	port := p.fixed(r, charge{what: "Direct Connect port hours (existing connection " + id + ", " + speed + ")", quantity: 1, unit: "port", hourly: true, key: portKey(speed)})
	port.Assumption = fmt.Sprintf("usage %s = %s (%s): the connection exists outside the stack and the plan does not declare its speed",
		UsageDXPortGbps, formatNum(p.in.Usage.Get(UsageDXPortGbps)), p.origin(UsageDXPortGbps))
	return lines(append(out, port)...)
}

// firstVIFOn returns the URN of the first virtual interface on connection id, so a shared port is counted once.
func (p *pricer) firstVIFOn(id string) string {
	for _, v := range p.x.OfType(typeTransitVIF) {
		if planread.String(v.Props(), "connectionId") == id {
			return v.URN
		}
	}
	return ""
}

// resolverEndpoint: one elastic network interface per IP address, by the hour, and the query usage figure
// shared by every endpoint.
func resolverEndpoint(p *pricer, r plan.Resource) outcome {
	ips := len(planread.List(r.Props(), "ipAddresses"))
	n := p.countOf(typeResolverEndpoint, nil)
	return lines(
		p.fixed(r, charge{what: "Resolver endpoint IP address hours", quantity: float64(ips), unit: "IP address", hourly: true, key: "route53_resolver.endpoint_eni_hour"}),
		p.usage(r, charge{what: "Resolver queries", unit: "million queries", key: "route53_resolver.million_queries_first_1b"},
			UsageResolverMillionQueries, 1, n, "Resolver endpoints"),
	)
}
