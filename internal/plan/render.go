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

// WriteOutputs writes the stack outputs as `pulumi preview` ends with them: "Outputs:", then one line per
// output in name order, secrets masked and values a preview cannot know marked.
func (r *Result) WriteOutputs(w io.Writer) error {
	if len(r.Outputs) == 0 {
		return nil
	}
	names := make([]string, 0, len(r.Outputs))
	width := 0
	for n := range r.Outputs {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("\nOutputs:\n")
	for _, n := range names {
		text, err := outputText(r.Outputs[n])
		if err != nil {
			return fmt.Errorf("plan: output %s: %w", n, err)
		}
		// Continuation lines of a multi-line value line up under its first character.
		text = strings.ReplaceAll(text, "\n", "\n"+strings.Repeat(" ", 4+width+2))
		fmt.Fprintf(&b, "    %-*s: %s\n", width, n, text)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// outputText renders one output: a mask for a secret or an unknown, else its value as indented JSON.
func outputText(v Value) (string, error) {
	switch {
	case v.Secret:
		return SecretMask, nil
	case !v.Known:
		return UnknownValue, nil
	}
	// Without HTML escaping, as the CLI prints them: a command's && stays &&, not \u0026\u0026.
	var out strings.Builder
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "    ")
	if err := enc.Encode(v.Value); err != nil {
		return "", err
	}
	return strings.TrimSuffix(out.String(), "\n"), nil
}

// WriteSummary writes the resource summary `pulumi preview` prints last. A plan always plays a new stack,
// so every resource is a create; like the CLI, the count includes the root stack resource.
func (r *Result) WriteSummary(w io.Writer) error {
	_, err := fmt.Fprintf(w, "\nResources:\n    + %d to create\n", len(r.Resources)+1)
	return err
}
