package diagram

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// Types the on-premises side is drawn from.
const (
	typeCustomerGateway  = "aws:ec2/customerGateway:CustomerGateway"
	typeVpnConnection    = "aws:ec2/vpnConnection:VpnConnection"
	typeTransitVIF       = "aws:directconnect/transitVirtualInterface:TransitVirtualInterface"
	typeResolverEndpoint = "aws:route53/resolverEndpoint:ResolverEndpoint"
	typeResolverRule     = "aws:route53/resolverRule:ResolverRule"
	typeNFSFileShare     = "aws:storagegateway/nfsFileShare:NfsFileShare"
)

// onPremises draws the data centre: its routers (and the customer gateways that stand for them in AWS),
// its DNS servers, NFS clients, ECS Anywhere hosts and other SSM-managed servers, each joined to the
// component that serves it.
func (d *drawing) onPremises(op Site, edges []Edge) (Group, []Edge) {
	cidrs := make([]string, 0, len(op.CIDRs))
	for _, c := range op.CIDRs {
		cidrs = append(cidrs, c.String())
	}
	g := Group{ID: OnPremisesID, Label: "On premises<br/>" + strings.Join(cidrs, ", ")}
	add := func(n Node, e ...Edge) {
		g.Nodes = append(g.Nodes, n)
		edges = append(edges, e...)
	}

	router := Node{ID: "op_router", Label: "Data centre routers"}
	var routerEdges []Edge
	if vifs := d.ofType(typeTransitVIF); len(vifs) > 0 {
		var asns []string
		for _, v := range vifs {
			asns = append(asns, asn("bgpAsn")(v.Props()))
		}
		router.Label += "<br/>BGP " + strings.Join(unique(asns), ", ")
		routerEdges = append(routerEdges, Edge{From: router.ID, To: d.partOf(vifs[0]), Label: fmt.Sprintf("Direct Connect, %d transit VIF(s), BGP", len(vifs))})
	}
	add(router, routerEdges...)

	for _, cgw := range d.ofType(typeCustomerGateway) {
		props := cgw.Props()
		n := Node{ID: "op_" + ident(cgw.Name), Label: "Customer gateway " + cgw.Name + "<br/>" + strings.TrimSpace(prop("ipAddress")(props)+" "+asn("bgpAsn")(props))}
		to := d.partOf(cgw)
		vpns := 0
		for _, v := range d.ofType(typeVpnConnection) {
			if dependsOn(v, cgw) {
				to, vpns = d.partOf(v), vpns+1
			}
		}
		// The customer gateway is the router's VPN end, as AWS knows it.
		add(n, Edge{From: router.ID, To: n.ID},
			Edge{From: n.ID, To: to, Label: fmt.Sprintf("Site-to-Site VPN ×%d, IPsec + BGP", vpns)})
	}

	dns := Node{ID: "op_dns", Label: "On-prem DNS " + op.DNSDomain + "<br/>" + joinAddrs(op)}
	var dnsEdges []Edge
	for _, e := range d.ofType(typeResolverEndpoint) {
		if planread.String(e.Props(), "direction") == "INBOUND" {
			dnsEdges = append(dnsEdges, Edge{From: dns.ID, To: d.partOf(e), Label: "queries for AWS private names"})
			break
		}
	}
	if rules := d.ofType(typeResolverRule); len(rules) > 0 {
		dnsEdges = append(dnsEdges, Edge{From: d.partOf(rules[0]), To: dns.ID, Label: "forwards " + planread.String(rules[0].Props(), "domainName")})
	}
	add(dns, dnsEdges...)

	if shares := d.ofType(typeNFSFileShare); len(shares) > 0 {
		var clients []string
		for _, s := range shares {
			for _, c := range planread.List(s.Props(), "clientLists") {
				if str, ok := c.(string); ok {
					clients = append(clients, str)
				}
			}
		}
		n := Node{ID: "op_nfs_clients", Label: "NFS clients<br/>" + strings.Join(unique(clients), ", ")}
		add(n, Edge{From: n.ID, To: d.partOf(shares[0]), Label: fmt.Sprintf("NFS mount, %d share(s)", len(shares))})
	}

	hosts, servers := d.activations()
	if len(hosts) > 0 {
		n := Node{ID: "op_ecs_anywhere", Label: "ECS Anywhere hosts<br/>up to " + registrations(hosts)}
		add(n, Edge{From: n.ID, To: d.partOf(hosts[0]), Label: "ECS and SSM agents, registered by activation"})
	}
	if len(servers) > 0 {
		n := Node{ID: "op_managed_servers", Label: "SSM-managed servers<br/>up to " + registrations(servers)}
		add(n, Edge{From: n.ID, To: d.partOf(servers[0]), Label: "SSM agent, registered by activation"})
	}
	return g, edges
}

// activations splits the SSM activations into those that register ECS Anywhere hosts and the others
// (servers managed by Systems Manager only).
func (d *drawing) activations() (hosts, servers []plan.Resource) {
	for _, a := range d.ofType(planread.TypeSSMActivation) {
		if d.x.RegistersECSAnywhereHosts(a) {
			hosts = append(hosts, a)
		} else {
			servers = append(servers, a)
		}
	}
	return hosts, servers
}

func registrations(activations []plan.Resource) string {
	total := 0.0
	for _, a := range activations {
		limit, ok := planread.Number(a.Props(), "registrationLimit")
		if !ok {
			limit = 1 // the AWS default
		}
		total += limit
	}
	return fmt.Sprintf("%.0f (registration limit)", total)
}

// ofType lists the resources of a type that belong to a component, in plan (URN) order.
func (d *drawing) ofType(typ string) []plan.Resource {
	var out []plan.Resource
	for _, comp := range d.components {
		for _, r := range d.members[comp.URN] {
			if r.Type == typ {
				out = append(out, r)
			}
		}
	}
	return out
}

// dependsOn reports whether any input of r was built from dep.
func dependsOn(r, dep plan.Resource) bool {
	for _, urns := range r.Dependencies {
		if slices.Contains(urns, dep.URN) {
			return true
		}
	}
	return false
}

func joinAddrs(op Site) string {
	out := make([]string, 0, len(op.DNSServers))
	for _, a := range op.DNSServers {
		out = append(out, a.String())
	}
	return strings.Join(out, ", ")
}

func unique(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
