package diagram

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// Node is one box: a key resource kind of a component in one place (with its count), or an on-premises party.
type Node struct {
	ID    string
	Label string
	// Region is the place of the node's resources: an AWS region, Global, or "" when the plan records none.
	Region string
}

// Group is a component (or the on-premises side) and its nodes. A component with resources in more than
// one place (the backup plan's copy vault in the DR region, the Direct Connect gateway beside the Transit
// Gateway) is drawn as a part in each, identified by PartID.
type Group struct {
	ID    string
	Label string
	// Region is the group's home place (where most of its resources are): its part there is ID itself.
	Region string
	Nodes  []Node
}

// Edge joins two nodes or group parts (by ID) with what flows between them.
type Edge struct {
	From, To, Label string
}

// Graph is what a diagram shows.
type Graph struct {
	// Title names the stack.
	Title string
	// OnPremises is drawn beside AWS; Components are the top-level components, by name.
	OnPremises Group
	Components []Group
	Edges      []Edge
	// Regions labels and orders the places the components are drawn in.
	Regions Regions
}

// OnPremisesID is the group of the on-premises side.
const OnPremisesID = "onprem"

// Site is what the diagram shows of the data centre, which the plan does not declare: its networks and DNS.
type Site struct {
	// CIDRs are the on-premises networks.
	CIDRs []netip.Prefix
	// DNSDomain is the on-premises DNS domain; DNSServers its resolvers.
	DNSDomain  string
	DNSServers []netip.Addr
}

// Build draws a plan. onPrem is the stack's data centre; regions names the stack's regions.
func Build(stack string, res *plan.Result, onPrem Site, regions Regions) Graph {
	d := newDrawing(res, regions)
	g := Graph{Title: stack, Regions: regions}
	for _, comp := range d.components {
		grp := d.group(comp)
		d.groups[comp.URN] = grp
		g.Components = append(g.Components, grp)
	}
	g.Edges = append(d.wiring(), d.replication()...)
	g.OnPremises, g.Edges = d.onPremises(onPrem, g.Edges)
	sort.SliceStable(g.Edges, func(i, j int) bool {
		if g.Edges[i].From != g.Edges[j].From {
			return g.Edges[i].From < g.Edges[j].From
		}
		return g.Edges[i].To < g.Edges[j].To
	})
	return g
}

// drawing indexes a plan by top-level component.
type drawing struct {
	x          *planread.Index
	regions    Regions
	top        map[string]plan.Resource // resource URN → its top-level component
	components []plan.Resource          // top-level components, by name
	members    map[string][]plan.Resource
	groups     map[string]Group // component URN → its group, once drawn
}

func newDrawing(res *plan.Result, regions Regions) *drawing {
	d := &drawing{
		x: planread.New(res.Resources), regions: regions,
		top: map[string]plan.Resource{}, members: map[string][]plan.Resource{}, groups: map[string]Group{},
	}
	for _, r := range res.Resources {
		top, ok := d.x.Component(r)
		if !ok {
			continue
		}
		d.top[r.URN] = top
		if r.URN == top.URN {
			d.components = append(d.components, r)
		} else if r.Custom {
			d.members[top.URN] = append(d.members[top.URN], r)
		}
	}
	sort.SliceStable(d.components, func(i, j int) bool { return d.components[i].Name < d.components[j].Name })
	return d
}

// group lists a component's key resources, one node per kind and place with its count, in place then kind
// order.
func (d *drawing) group(comp plan.Resource) Group {
	g := Group{ID: groupID(comp), Label: comp.Name + "<br/>" + shortType(comp.Type), Region: d.home(comp)}
	type tally struct {
		k      kind
		place  string
		n      int
		detail string
	}
	tallies := map[[2]string]*tally{}
	for _, r := range d.members[comp.URN] {
		k, ok := kindOf(r)
		if !ok {
			continue
		}
		at := [2]string{d.placeOf(r), k.key}
		t, seen := tallies[at]
		if !seen {
			t = &tally{k: k, place: at[0], detail: k.detail(r.Props())}
			tallies[at] = t
		}
		t.n++
	}
	list := make([]*tally, 0, len(tallies))
	for _, t := range tallies {
		list = append(list, t)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].place != list[j].place {
			return d.regions.rank(list[i].place) < d.regions.rank(list[j].place)
		}
		return list[i].k.order < list[j].k.order
	})
	for _, t := range list {
		label := t.k.label
		if t.n > 1 {
			label = fmt.Sprintf("%s ×%d", t.k.plural, t.n)
		}
		if t.detail != "" && t.n == 1 {
			label += "<br/>" + t.detail
		}
		g.Nodes = append(g.Nodes, Node{ID: g.PartID(t.place) + "_" + t.k.key, Label: label, Region: t.place})
	}
	if len(g.Nodes) == 0 {
		g.Nodes = []Node{{ID: g.ID + "_component", Label: comp.Name, Region: g.Region}}
	}
	return g
}

// partOf is the group part a resource is drawn with: its component's part in the resource's place, or the
// component's home part when the component draws nothing there (plumbing such as an IAM role).
func (d *drawing) partOf(r plan.Resource) string {
	g := d.groups[d.top[r.URN].URN]
	place := d.placeOf(r)
	for _, n := range g.Nodes {
		if n.Region == place {
			return g.PartID(place)
		}
	}
	return g.ID
}

// wiring draws an edge from component part A to part B for every input of a B resource built from an A
// resource: the outputs the program passes between components, and between the places of one component
// (the Direct Connect gateway to its Transit Gateway). Its label lists what flows.
func (d *drawing) wiring() []Edge {
	flows := map[[2]string]map[string]bool{}
	for _, comp := range d.components {
		for _, r := range d.members[comp.URN] {
			for _, urns := range r.Dependencies {
				for _, urn := range urns {
					src, ok := d.x.Resource(urn)
					if !ok {
						continue
					}
					if _, ok := d.top[urn]; !ok {
						continue
					}
					pair := [2]string{d.partOf(src), d.partOf(r)}
					if pair[0] == pair[1] {
						continue
					}
					if flows[pair] == nil {
						flows[pair] = map[string]bool{}
					}
					flows[pair][flowOf(src)] = true
				}
			}
		}
	}
	edges := make([]Edge, 0, len(flows))
	for pair, what := range flows {
		edges = append(edges, Edge{From: pair[0], To: pair[1], Label: strings.Join(sortedKeys(what), ", ")})
	}
	return edges
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// groupID is a diagram identifier for a component: its name with anything but letters and digits as _.
func groupID(comp plan.Resource) string { return "c_" + ident(comp.Name) }

func ident(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteRune('_')
		}
	}
	return b.String()
}

// shortType drops the project from a component type: "hybridcloud:network:Vpc" → "network:Vpc".
func shortType(t string) string {
	if i := strings.Index(t, ":"); i >= 0 {
		return t[i+1:]
	}
	return t
}
