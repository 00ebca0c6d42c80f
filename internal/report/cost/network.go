package cost

import (
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// natGateway: an hourly charge per gateway, the data it processes, and the data it sends to the internet
// (charged as data transfer out on top of processing), each usage figure shared by every gateway.
func natGateway(p *pricer, r plan.Resource) outcome {
	n := p.countOf(typeNatGateway, nil)
	return lines(
		p.fixed(r, charge{what: "NAT gateway hours", quantity: 1, unit: "gateway", hourly: true, key: "nat_gateway.hour"}),
		p.usage(r, charge{what: "NAT data processed", unit: "GB", key: "nat_gateway.gb_processed"},
			UsageNatGB, 1, n, "NAT gateways"),
		p.usage(r, charge{what: "internet data transfer out", unit: "GB", key: "data_transfer.internet_egress_first_10tb_gb"},
			UsageNatInternetEgressGB, 1, n, "NAT gateways"),
	)
}

// publicIPv4: every public IPv4 address is charged by the hour, attached or not.
func publicIPv4(p *pricer, r plan.Resource) outcome {
	return lines(p.fixed(r, charge{what: "public IPv4 address hours", quantity: 1, unit: "address", hourly: true, key: "public_ipv4.hour"}))
}

func isInterfaceEndpoint(r plan.Resource) bool {
	return planread.String(r.Props(), "vpcEndpointType") == "Interface"
}

// vpcEndpoint: an interface endpoint is charged per AZ it has a subnet in, by the hour, plus the endpoint
// usage figure shared by every interface endpoint; gateway endpoints (the provider's default type) are free.
func vpcEndpoint(p *pricer, r plan.Resource) outcome {
	props := r.Props()
	switch t := planread.String(props, "vpcEndpointType"); t {
	case "", "Gateway":
		return outcome{free: "gateway endpoints (S3, DynamoDB) have no charge"}
	case "Interface":
		azs := len(planread.List(props, "subnetIds"))
		n := p.countOf(typeVpcEndpoint, isInterfaceEndpoint)
		return lines(
			p.fixed(r, charge{what: "interface endpoint hours per AZ", quantity: float64(azs), unit: "AZ", hourly: true, key: "vpc_interface_endpoint.hour_per_az"}),
			p.usage(r, charge{what: "endpoint data processed", unit: "GB", key: "vpc_interface_endpoint.gb_processed_first_1pb"},
				UsageEndpointGB, 1, n, "interface endpoints"),
		)
	default:
		return outcome{notPriced: "no pricing rule for " + t + " endpoints"}
	}
}
