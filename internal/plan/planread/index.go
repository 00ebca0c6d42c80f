package planread

import (
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Index indexes the resources of one plan.
type Index struct {
	byURN  map[string]plan.Resource
	byType map[string][]plan.Resource
}

// New indexes resources.
func New(resources []plan.Resource) *Index {
	x := &Index{byURN: map[string]plan.Resource{}, byType: map[string][]plan.Resource{}}
	for _, r := range resources {
		x.byURN[r.URN] = r
		x.byType[r.Type] = append(x.byType[r.Type], r)
	}
	return x
}

// OfType lists the resources of a type, in the order given to New.
func (x *Index) OfType(typ string) []plan.Resource { return x.byType[typ] }

// Component returns the top-level component r belongs to (r itself for a top-level component); false for
// resources outside any component, such as providers.
func (x *Index) Component(r plan.Resource) (plan.Resource, bool) {
	if _, nested := x.byURN[r.Parent]; !nested {
		return r, !r.Custom
	}
	top := r
	for cur, found := x.byURN[r.Parent]; found; cur, found = x.byURN[cur.Parent] {
		top = cur
	}
	return top, true
}

// Dependency returns the first resource of type typ that input prop of r was built from.
func (x *Index) Dependency(r plan.Resource, prop, typ string) (plan.Resource, bool) {
	for _, urn := range r.Dependencies[prop] {
		if d, ok := x.byURN[urn]; ok && d.Type == typ {
			return d, true
		}
	}
	return plan.Resource{}, false
}

// Dependents returns the resources of type typ whose input prop was built from r.
func (x *Index) Dependents(r plan.Resource, typ, prop string) []plan.Resource {
	var out []plan.Resource
	for _, d := range x.byType[typ] {
		for _, urn := range d.Dependencies[prop] {
			if urn == r.URN {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// Resource returns the resource with a URN.
func (x *Index) Resource(urn string) (plan.Resource, bool) {
	r, ok := x.byURN[urn]
	return r, ok
}

// Region returns the region of the provider that manages r, or fallback when it declares none.
func (x *Index) Region(r plan.Resource, fallback string) string {
	if i := strings.LastIndex(r.Provider, "::"); i > 0 {
		if prov, ok := x.byURN[r.Provider[:i]]; ok {
			if region := String(prov.Props(), "region"); region != "" {
				return region
			}
		}
	}
	return fallback
}

// Types the ECS Anywhere test follows.
const (
	TypeECSService    = "aws:ecs/service:Service"
	TypeECSCluster    = "aws:ecs/cluster:Cluster"
	TypeSSMActivation = "aws:ssm/activation:Activation"
)

// RegistersECSAnywhereHosts reports whether an SSM activation registers ECS Anywhere hosts: a service with
// the EXTERNAL launch type runs on a cluster of the activation's component (or in that component).
func (x *Index) RegistersECSAnywhereHosts(activation plan.Resource) bool {
	comp, ok := x.Component(activation)
	if !ok {
		return false
	}
	for _, s := range x.byType[TypeECSService] {
		if String(s.Props(), "launchType") != "EXTERNAL" {
			continue
		}
		host := s
		if cluster, ok := x.Dependency(s, "cluster", TypeECSCluster); ok {
			host = cluster
		}
		if c, ok := x.Component(host); ok && c.URN == comp.URN {
			return true
		}
	}
	return false
}
