package plantest

import (
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/insurance/hybridcloud/internal/plan"
)

// RootURN is the stack resource every top-level resource is parented to.
const RootURN = "urn:pulumi:test::hybridcloud::pulumi:pulumi:Stack::hybridcloud-test"

// Builder accumulates the resources of a plan.
type Builder struct {
	resources []plan.Resource
}

// Component declares a top-level component.
func (b *Builder) Component(typ, name string) plan.Resource {
	return b.add(plan.Resource{Type: typ, Name: name, URN: "urn:component::" + typ + "::" + name, Parent: RootURN})
}

// Provider declares an AWS provider for a region; pass it to On to place a resource there.
func (b *Builder) Provider(name, region string) plan.Resource {
	return b.add(plan.Resource{
		Type: "pulumi:providers:aws", Name: name, URN: "urn:provider::" + name, Parent: RootURN, Custom: true,
		Inputs: resource.NewPropertyMapFromMap(map[string]any{"region": region}),
	})
}

// Resource declares a custom resource in parent (a component) with its inputs; deps maps an input to the
// resources it was built from.
func (b *Builder) Resource(parent plan.Resource, typ, name string, inputs map[string]any, deps map[string][]plan.Resource) plan.Resource {
	r := plan.Resource{
		Type: typ, Name: name, URN: parent.URN + "$" + typ + "::" + name, Parent: parent.URN, Custom: true,
		Inputs: resource.NewPropertyMapFromMap(inputs), Dependencies: map[string][]string{},
	}
	for prop, on := range deps {
		for _, d := range on {
			r.Dependencies[prop] = append(r.Dependencies[prop], d.URN)
		}
	}
	return b.add(r)
}

// On moves the resource r, already declared, onto provider p.
func (b *Builder) On(r, p plan.Resource) {
	for i := range b.resources {
		if b.resources[i].URN == r.URN {
			b.resources[i].Provider = p.URN + "::" + p.Name + "_id"
		}
	}
}

// Result returns the plan, as plan.Run would: resources in the order declared.
func (b *Builder) Result() *plan.Result {
	return &plan.Result{Mode: plan.Up, Resources: append([]plan.Resource(nil), b.resources...)}
}

func (b *Builder) add(r plan.Resource) plan.Resource {
	b.resources = append(b.resources, r)
	return r
}
