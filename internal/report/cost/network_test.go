package cost

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestNatGatewaysAreChargedPerGatewayAndShareTheNatUsage(t *testing.T) {
	s := &plantest.Builder{}
	vpc := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(vpc, typeNatGateway, "nat-0", nil, nil)
	s.Resource(vpc, typeNatGateway, "nat-1", nil, nil)
	r := build(t, s, Usage{}.With(UsageNatGB, 100))

	hours := line(t, r, "nat-0", "NAT gateway hours")
	assert.Equal(t, 1.0, hours.Quantity)
	assert.Equal(t, 730.0, hours.Hours)
	assert.InDelta(t, 32.85, monthlyOf(t, hours), 1e-9, "0.045 $/h × 730 h")
	assert.Empty(t, hours.UsageKey)

	data := line(t, r, "nat-1", "NAT data processed")
	assert.Equal(t, 50.0, data.Quantity, "100 GB shared by 2 gateways")
	assert.InDelta(t, 50*price(t, "nat_gateway.gb_processed"), monthlyOf(t, data), 1e-9)
	assert.Equal(t, UsageNatGB, data.UsageKey)
	assert.Equal(t, "usage natGb = 100 (stack config), shared by 2 NAT gateways", data.Assumption)
	assert.Equal(t, "vpc", data.Component)
}

func TestPublicIPv4AddressesAreChargedByTheHour(t *testing.T) {
	s := &plantest.Builder{}
	vpc := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(vpc, typeEIP, "eip", nil, nil)
	r := build(t, s, Usage{})
	assert.InDelta(t, price(t, "public_ipv4.hour")*730, monthlyOf(t, line(t, r, "eip", "public IPv4")), 1e-9)
}

func TestInterfaceEndpointsAreChargedPerAZAndGatewayEndpointsAreFree(t *testing.T) {
	s := &plantest.Builder{}
	vpc := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(vpc, typeVpcEndpoint, "ssm", map[string]any{"vpcEndpointType": "Interface", "subnetIds": []any{"a", "b", "c"}}, nil)
	s.Resource(vpc, typeVpcEndpoint, "logs", map[string]any{"vpcEndpointType": "Interface", "subnetIds": []any{"a", "b"}}, nil)
	s.Resource(vpc, typeVpcEndpoint, "s3", map[string]any{"vpcEndpointType": "Gateway"}, nil)
	s.Resource(vpc, typeVpcEndpoint, "dynamodb", map[string]any{}, nil) // the provider's default type: Gateway
	r := build(t, s, Usage{}.With(UsageEndpointGB, 300))

	ssm := line(t, r, "ssm", "interface endpoint hours")
	assert.Equal(t, 3.0, ssm.Quantity, "one per AZ it has a subnet in")
	assert.InDelta(t, 3*730*price(t, "vpc_interface_endpoint.hour_per_az"), monthlyOf(t, ssm), 1e-9)
	assert.Equal(t, 2.0, line(t, r, "logs", "interface endpoint hours").Quantity)
	assert.Equal(t, 150.0, line(t, r, "logs", "endpoint data processed").Quantity, "300 GB shared by 2 interface endpoints")
	assert.Empty(t, linesOf(r, "s3"))
	assert.Empty(t, linesOf(r, "dynamodb"))
	assert.Contains(t, r.Free, TypeCount{Type: typeVpcEndpoint, Count: 2, Reason: "gateway endpoints (S3, DynamoDB) have no charge"})
}

func TestNATGatewaysChargeInternetEgressOnTopOfProcessing(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:network:Vpc", "vpc")
	s.Resource(c, typeNatGateway, "nat-a", nil, nil)
	s.Resource(c, typeNatGateway, "nat-b", nil, nil)
	r := build(t, s, Usage{}.With(UsageNatGB, 400).With(UsageNatInternetEgressGB, 300))
	egress := line(t, r, "nat-a", "internet data transfer out")
	assert.Equal(t, 150.0, egress.Quantity, "300 GB shared by 2 gateways")
	assert.InDelta(t, 150*price(t, "data_transfer.internet_egress_first_10tb_gb"), monthlyOf(t, egress), 1e-9)
	assert.Equal(t, 200.0, line(t, r, "nat-a", "NAT data processed").Quantity)
}

func TestLeversAreTheLargestSavingsFirstAndAtMostThree(t *testing.T) {
	s := &plantest.Builder{}
	c := s.Component("hybridcloud:network:Vpc", "vpc")
	for _, n := range []string{"nat-a", "nat-b", "nat-c"} {
		s.Resource(c, typeNatGateway, n, nil, nil)
	}
	s.Resource(c, typeResolverEndpoint, "in", map[string]any{"ipAddresses": []any{map[string]any{}, map[string]any{}, map[string]any{}}}, nil)
	for _, e := range []string{"sts", "ecs-telemetry", "logs"} {
		s.Resource(c, typeVpcEndpoint, "vpc-"+e, map[string]any{"vpcEndpointType": "Interface", "subnetIds": []any{"a", "b"}}, nil)
	}
	r := build(t, s, Usage{})
	require.Len(t, r.Levers, 3)
	assert.Equal(t, "Route 53 Resolver endpoints", r.Levers[0].Name)
	assert.InDelta(t, 730*price(t, "route53_resolver.endpoint_eni_hour"), r.Levers[0].Saves, 1e-9, "one IP above the minimum of two")
	assert.Equal(t, "NAT gateways", r.Levers[1].Name)
	assert.InDelta(t, 2*730*price(t, "nat_gateway.hour"), r.Levers[1].Saves, 1e-9, "two of three gateways")
	assert.Equal(t, "interface endpoints", r.Levers[2].Name)
	assert.InDelta(t, 2*2*730*price(t, "vpc_interface_endpoint.hour_per_az"), r.Levers[2].Saves, 1e-9, "sts and ecs-telemetry in 2 AZs")
}
