package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Masks that stand in for values a plan must not or cannot show.
const (
	SecretMask   = "[secret]"
	UnknownValue = "[unknown until apply]"
)

// jsonResource is the JSON shape of one resource: what reviewers and tools diff.
type jsonResource struct {
	Type           string         `json:"type"`
	Name           string         `json:"name"`
	Parent         string         `json:"parent"`
	Protect        bool           `json:"protect,omitempty"`
	RetainOnDelete bool           `json:"retainOnDelete,omitempty"`
	Inputs         map[string]any `json:"inputs"`
}

// WriteJSON writes every resource as one JSON array, in URN order, with secrets masked and unknowns marked.
func (r *Result) WriteJSON(w io.Writer) error {
	out := make([]jsonResource, 0, len(r.Resources))
	for _, res := range r.Resources {
		out = append(out, jsonResource{
			Type: res.Type, Name: res.Name, Parent: res.Parent,
			Protect: res.Protect, RetainOnDelete: res.RetainOnDelete,
			Inputs: Plain(res.Inputs),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Plain turns declared inputs into plain Go values: secrets masked, unknowns marked, resource references as
// their URN.
func Plain(props resource.PropertyMap) map[string]any {
	return props.MapRepl(nil, plainRepl)
}

func plainRepl(v resource.PropertyValue) (any, bool) {
	switch {
	case v.IsSecret():
		return SecretMask, true
	case v.IsComputed():
		return UnknownValue, true
	case v.IsOutput():
		o := v.OutputValue()
		switch {
		case o.Secret:
			return SecretMask, true
		case !o.Known:
			return UnknownValue, true
		default:
			return o.Element.MapRepl(nil, plainRepl), true
		}
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN), true
	}
	return nil, false
}

// WriteTree writes the resource tree (components and their children, with type and name) and a count per
// type.
func (r *Result) WriteTree(w io.Writer) error {
	children := map[string][]Resource{}
	known := map[string]bool{}
	for _, res := range r.Resources {
		known[res.URN] = true
	}
	var roots []Resource
	for _, res := range r.Resources {
		if known[res.Parent] {
			children[res.Parent] = append(children[res.Parent], res)
		} else {
			roots = append(roots, res)
		}
	}
	var b strings.Builder
	var walk func(list []Resource, depth int)
	walk = func(list []Resource, depth int) {
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].Custom != list[j].Custom {
				return !list[i].Custom // components first
			}
			if list[i].Type != list[j].Type {
				return list[i].Type < list[j].Type
			}
			return list[i].Name < list[j].Name
		})
		for _, res := range list {
			fmt.Fprintf(&b, "%s%s  %s\n", strings.Repeat("  ", depth), res.Type, res.Name)
			walk(children[res.URN], depth+1)
		}
	}
	walk(roots, 0)

	fmt.Fprintf(&b, "\n%d resources by type:\n", len(r.Resources))
	counts := r.CountByType()
	for _, t := range r.Types() {
		fmt.Fprintf(&b, "  %4d  %s\n", counts[t], t)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
