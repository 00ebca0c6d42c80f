package diagram

import (
	"sort"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Global is the place of the resources of AWS's global services, drawn outside every region.
const Global = "global"

// Regions names the stack's two regions, for the labels and the order of the region groups: the diagram
// places each resource by the region of the provider the plan records for it, never by these.
type Regions struct {
	// Primary is the stack's region (aws:region); a resource whose provider declares no region is in it.
	Primary string
	// DR is the DR region (hybridcloud:dr.region); empty when the stack has none.
	DR string
}

// globalTypes are the resource types of global services, wherever their provider points: "A Direct Connect
// gateway is global and visible in any AWS Region after it is created" (API Reference,
// CreateDirectConnectGateway); Route 53 hosted zones and their records are global, the zone naming the
// regions of its VPCs (API Reference, VPC: VPCRegion); IAM has one control plane for every commercial
// region (IAM User Guide, Resilience in AWS Identity and Access Management). Route 53 Resolver endpoints
// and rules are regional and not listed.
var globalTypes = map[string]bool{
	"aws:directconnect/gateway:Gateway":           true,
	"aws:route53/zone:Zone":                       true,
	"aws:route53/record:Record":                   true,
	"aws:route53/zoneAssociation:ZoneAssociation": true,
}

// placeOf is where a resource is drawn: Global for a global service, otherwise the region of its provider.
func (d *drawing) placeOf(r plan.Resource) string {
	if strings.HasPrefix(r.Type, "aws:iam/") || globalTypes[r.Type] {
		return Global
	}
	return d.x.Region(r, d.regions.Primary)
}

// home is the place a component is drawn in: where most of its key resources are, the earlier place (in
// drawing order) on a tie; the primary region when it has none (its plumbing, such as IAM roles, is in
// every component and decides nothing). Its key resources elsewhere are drawn in a part of it there.
func (d *drawing) home(comp plan.Resource) string {
	count := map[string]int{}
	for _, r := range d.members[comp.URN] {
		if _, key := kindOf(r); key {
			count[d.placeOf(r)]++
		}
	}
	best := ""
	for _, place := range d.places(count) {
		if best == "" || count[place] > count[best] {
			best = place
		}
	}
	if best == "" {
		return d.regions.Primary
	}
	return best
}

// places lists the places of a set in drawing order: the primary region, the DR region, any other region
// by name, then Global; "" (a plan that records no regions) last.
func (d *drawing) places(set map[string]int) []string {
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return d.regions.rank(out[i]) < d.regions.rank(out[j]) })
	return out
}

// rank orders places for drawing; see places.
func (rg Regions) rank(place string) string {
	switch place {
	case "":
		return "4"
	case Global:
		return "3"
	case rg.Primary:
		return "0"
	case rg.DR:
		return "1"
	}
	return "2" + place
}

// label titles a region group.
func (rg Regions) label(place string) string {
	switch place {
	case Global:
		return "Global services"
	case rg.Primary:
		return place + "<br/>primary region"
	case rg.DR:
		return place + "<br/>DR region"
	}
	return place
}

// regionID is a diagram identifier for a place.
func regionID(place string) string { return "r_" + ident(place) }

// PartID is the identifier of the part of a group drawn in a place: the group's own in its home place.
func (g Group) PartID(place string) string {
	if place == g.Region {
		return g.ID
	}
	return g.ID + "_" + ident(place)
}
