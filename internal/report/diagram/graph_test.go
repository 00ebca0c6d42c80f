package diagram

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

var onPrem = Site{
	CIDRs:      []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")},
	DNSDomain:  "corp.example",
	DNSServers: []netip.Addr{netip.MustParseAddr("10.100.0.10")},
}

// hybridPlan is a small plan with a network, a hybrid and a data component wired together.
func hybridPlan() *plantest.Builder {
	b := &plantest.Builder{}
	net := b.Component("hybridcloud:network:Vpc", "vpc")
	vpc := b.Resource(net, "aws:ec2/vpc:Vpc", "vpc", map[string]any{"cidrBlock": "10.0.0.0/16"}, nil)
	subnet := b.Resource(net, "aws:ec2/subnet:Subnet", "app-0", nil, map[string][]plan.Resource{"vpcId": {vpc}})
	b.Resource(net, "aws:ec2/natGateway:NatGateway", "nat-0", nil, nil)
	b.Resource(net, "aws:ec2/natGateway:NatGateway", "nat-1", nil, nil)

	hyb := b.Component("hybridcloud:hybrid:Connectivity", "hybrid")
	tgw := b.Resource(hyb, "aws:ec2transitgateway/transitGateway:TransitGateway", "tgw", map[string]any{"amazonSideAsn": 64512}, nil)
	b.Resource(hyb, "aws:ec2transitgateway/vpcAttachment:VpcAttachment", "tgw-vpc", nil,
		map[string][]plan.Resource{"vpcId": {vpc}, "subnetIds": {subnet}, "transitGatewayId": {tgw}})
	cgw := b.Resource(hyb, typeCustomerGateway, "edge1", map[string]any{"ipAddress": "198.51.100.1", "bgpAsn": "65100"}, nil)
	b.Resource(hyb, typeVpnConnection, "vpn-edge1", nil, map[string][]plan.Resource{"customerGatewayId": {cgw}, "transitGatewayId": {tgw}})
	b.Resource(hyb, typeTransitVIF, "vif-a", map[string]any{"bgpAsn": 65100}, nil)

	dns := b.Component("hybridcloud:hybrid:DNS", "dns")
	b.Resource(dns, typeResolverEndpoint, "in", map[string]any{"direction": "INBOUND"}, map[string][]plan.Resource{"subnetIds": {subnet}})
	b.Resource(dns, typeResolverEndpoint, "out", map[string]any{"direction": "OUTBOUND"}, map[string][]plan.Resource{"subnetIds": {subnet}})
	b.Resource(dns, typeResolverRule, "corp", map[string]any{"domainName": "corp.example"}, nil)

	files := b.Component("hybridcloud:data:Files", "files")
	bucket := b.Resource(files, "aws:s3/bucketV2:BucketV2", "files", nil, nil)
	gw := b.Component("hybridcloud:data:FileGateway", "gateway")
	b.Resource(gw, "aws:storagegateway/gateway:Gateway", "gw", nil, nil)
	b.Resource(gw, typeNFSFileShare, "claims", map[string]any{"clientLists": []any{"10.100.0.0/16"}}, map[string][]plan.Resource{"locationArn": {bucket}})

	compute := b.Component("hybridcloud:compute:Cluster", "compute")
	cluster := b.Resource(compute, planread.TypeECSCluster, "cluster", nil, nil)
	b.Resource(compute, planread.TypeSSMActivation, "anywhere", map[string]any{"registrationLimit": 5}, nil)
	services := b.Component("hybridcloud:compute:Services", "services")
	b.Resource(services, planread.TypeECSService, "batch", map[string]any{"launchType": "EXTERNAL"}, map[string][]plan.Resource{"cluster": {cluster}})
	b.Resource(services, planread.TypeECSService, "api", map[string]any{}, map[string][]plan.Resource{"cluster": {cluster}, "networkConfiguration": {subnet}})
	mgmt := b.Component("hybridcloud:hybrid:Management", "management")
	b.Resource(mgmt, planread.TypeSSMActivation, "servers", map[string]any{"registrationLimit": 20}, nil)
	return b
}

func TestEveryComponentIsAGroupOfItsKeyResources(t *testing.T) {
	g := Build("test", hybridPlan().Result(), onPrem, Regions{})
	var ids []string
	for _, c := range g.Components {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{"c_compute", "c_dns", "c_files", "c_gateway", "c_hybrid", "c_management", "c_services", "c_vpc"}, ids, "one group per component, by name")

	vpc := g.Components[7]
	assert.Equal(t, "vpc<br/>network:Vpc", vpc.Label)
	assert.Equal(t, []Node{
		{ID: "c_vpc_vpc", Label: "VPC<br/>10.0.0.0/16"},
		{ID: "c_vpc_nat", Label: "NAT gateways ×2"},
	}, vpc.Nodes, "subnets are plumbing; two NAT gateways share a node")

	assert.Equal(t, []string{"ECS cluster", "SSM activation"}, labels(g.Components[0].Nodes))
	assert.Equal(t, []string{"ECS service", "ECS Anywhere service"}, labels(g.Components[6].Nodes))
}

func TestEveryWiringBetweenComponentsIsAnEdgeLabelledWithWhatFlows(t *testing.T) {
	g := Build("test", hybridPlan().Result(), onPrem, Regions{})
	assert.Contains(t, g.Edges, Edge{From: "c_vpc", To: "c_hybrid", Label: "VPC, subnets"})
	assert.Contains(t, g.Edges, Edge{From: "c_vpc", To: "c_dns", Label: "subnets"})
	assert.Contains(t, g.Edges, Edge{From: "c_vpc", To: "c_services", Label: "subnets"})
	assert.Contains(t, g.Edges, Edge{From: "c_compute", To: "c_services", Label: "cluster"})
	assert.Contains(t, g.Edges, Edge{From: "c_files", To: "c_gateway", Label: "bucket"})
	for _, e := range g.Edges {
		assert.NotEqual(t, e.From, e.To, "no edge from a component to itself")
	}
	var between int
	for _, e := range g.Edges {
		if strings.HasPrefix(e.From, "c_") && strings.HasPrefix(e.To, "c_") {
			between++
		}
	}
	assert.Equal(t, 5, between, "exactly the five wirings of the plan: %v", g.Edges)
}

func TestTheOnPremisesSideIsDrawnBesideAWS(t *testing.T) {
	g := Build("test", hybridPlan().Result(), onPrem, Regions{})
	assert.Equal(t, "On premises<br/>10.100.0.0/16", g.OnPremises.Label)
	assert.Equal(t, []Node{
		{ID: "op_router", Label: "Data centre routers<br/>BGP ASN 65100"},
		{ID: "op_edge1", Label: "Customer gateway edge1<br/>198.51.100.1 ASN 65100"},
		{ID: "op_dns", Label: "On-prem DNS corp.example<br/>10.100.0.10"},
		{ID: "op_nfs_clients", Label: "NFS clients<br/>10.100.0.0/16"},
		{ID: "op_ecs_anywhere", Label: "ECS Anywhere hosts<br/>up to 5 (registration limit)"},
		{ID: "op_managed_servers", Label: "SSM-managed servers<br/>up to 20 (registration limit)"},
	}, g.OnPremises.Nodes)
	for _, want := range []Edge{
		{From: "op_router", To: "c_hybrid", Label: "Direct Connect, 1 transit VIF(s), BGP"},
		{From: "op_router", To: "op_edge1"},
		{From: "op_edge1", To: "c_hybrid", Label: "Site-to-Site VPN ×1, IPsec + BGP"},
		{From: "op_dns", To: "c_dns", Label: "queries for AWS private names"},
		{From: "c_dns", To: "op_dns", Label: "forwards corp.example"},
		{From: "op_nfs_clients", To: "c_gateway", Label: "NFS mount, 1 share(s)"},
		{From: "op_ecs_anywhere", To: "c_compute", Label: "ECS and SSM agents, registered by activation"},
		{From: "op_managed_servers", To: "c_management", Label: "SSM agent, registered by activation"},
	} {
		assert.Contains(t, g.Edges, want)
	}
}

func TestAPlanWithoutHybridResourcesStillShowsTheDataCentre(t *testing.T) {
	b := &plantest.Builder{}
	net := b.Component("hybridcloud:network:Vpc", "vpc")
	b.Resource(net, "aws:iam/role:Role", "flow-logs", nil, nil)
	g := Build("test", b.Result(), onPrem, Regions{})
	assert.Equal(t, []string{"Data centre routers", "On-prem DNS corp.example<br/>10.100.0.10"}, labels(g.OnPremises.Nodes))
	assert.Equal(t, []Node{{ID: "c_vpc_component", Label: "vpc"}}, g.Components[0].Nodes, "a group without key resources keeps a node to attach edges to")
	assert.Empty(t, g.Edges)
}

func TestOutputIsDeterministic(t *testing.T) {
	first := Build("test", hybridPlan().Result(), onPrem, Regions{})
	reversed := hybridPlan().Result()
	slices.Reverse(reversed.Resources)
	second := Build("test", reversed, onPrem, Regions{})
	assert.Equal(t, first.Mermaid(), second.Mermaid(), "same plan, same bytes, whatever the order it was recorded in")
	assert.Equal(t, first.DOT(), second.DOT())
}

func labels(nodes []Node) []string {
	out := make([]string, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, n.Label)
	}
	return out
}

func TestIdentifiersAreSafeForBothFormats(t *testing.T) {
	require.Equal(t, "c_prod_vpc_ecr_api", "c_"+ident("prod-vpc-ecr.api"))
}

func TestWhatFlowsIsNamedByTheSourceType(t *testing.T) {
	assert.Equal(t, "subnets", flowOf(plan.Resource{Type: "aws:ec2/subnet:Subnet"}))
	assert.Equal(t, "cluster capacity providers", flowOf(plan.Resource{Type: "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"}))
}
