package plan

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/plan/token"
)

// Mode says which engine operation the mocks play.
type Mode int

const (
	// Up plays `pulumi up`: every resource gets an id (`<name>_id`) and the computed outputs other
	// resources read (ARNs, endpoints, DNS names) are filled in by type.
	Up Mode = iota
	// Preview plays `pulumi preview` of a new stack: no ids and no computed outputs, only the inputs
	// echoed back, so everything derived from them is unknown.
	Preview
)

// String names the mode as the CLI command it plays.
func (m Mode) String() string {
	if m == Preview {
		return "preview"
	}
	return "up"
}

// Resource is one resource the program registered, with the inputs it declared.
type Resource struct {
	// Type is the full type token, e.g. aws:ec2/subnet:Subnet.
	Type string `json:"type"`
	// Name is the logical name.
	Name string `json:"name"`
	// Parent is the URN of the parent resource; the stack's root for top-level resources.
	Parent string `json:"parent"`
	// URN identifies the resource within the stack.
	URN string `json:"urn"`
	// Custom is false for component resources, which only group their children.
	Custom bool `json:"custom"`
	// Provider is the reference (URN::id) of the provider instance that manages the resource; empty for
	// components and for resources left to a default provider.
	Provider string `json:"-"`
	// Protect and RetainOnDelete are the resource options that keep state through a careless destroy.
	Protect        bool `json:"-"`
	RetainOnDelete bool `json:"-"`
	// IgnoreChanges are the inputs a later update leaves as they are (another service owns them after
	// create); DeleteBeforeReplace replaces by deleting first, where AWS refuses two at once.
	IgnoreChanges       []string `json:"-"`
	DeleteBeforeReplace bool     `json:"-"`
	// Inputs are the declared inputs, with secrets and unknowns kept as such.
	Inputs resource.PropertyMap `json:"-"`
	// Dependencies are the URNs of the resources each input property was built from.
	Dependencies map[string][]string `json:"-"`
	// DependsOn are the URNs of every resource it waits for: its inputs' and its explicit dependencies.
	DependsOn []string `json:"-"`
}

// monitor implements pulumi.MockResourceMonitor and records every registration.
type monitor struct {
	mode    Mode
	project string
	stack   string

	mu        sync.Mutex
	resources []Resource
	invokes   map[string]bool
	// places are the region and account of each aws provider instance, by URN.
	places map[string]place
}

// providerPlace is the place a provider instance's inputs configure: its region, and its account when
// allowedAccountIds pins exactly one (the vault account's provider); home for what they leave out.
func providerPlace(inputs resource.PropertyMap) place {
	at := home
	if r := inputs["region"]; r.IsString() && r.StringValue() != "" {
		at.region = r.StringValue()
	}
	// Provider inputs of a list type reach the engine as JSON text.
	var ids []string
	switch v := inputs["allowedAccountIds"]; {
	case v.IsString():
		_ = json.Unmarshal([]byte(v.StringValue()), &ids)
	case v.IsArray():
		for _, id := range v.ArrayValue() {
			if id.IsString() {
				ids = append(ids, id.StringValue())
			}
		}
	}
	if len(ids) == 1 {
		at.account = ids[0]
	}
	return at
}

// placeOf is the place of the provider a reference (URN::id) names: home when there is none.
func (m *monitor) placeOf(ref string) place {
	urn := ref
	if i := strings.LastIndex(ref, "::"); i >= 0 {
		urn = ref[:i]
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if at, ok := m.places[urn]; ok {
		return at
	}
	return home
}

var _ pulumi.MockResourceMonitor = (*monitor)(nil)

// NewResource records the registration and answers it as the engine would in the mode being played.
func (m *monitor) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	parent := ""
	deps := map[string][]string{}
	inputs := args.Inputs.Copy()
	if rpc != nil {
		parent = rpc.GetParent()
		for prop, d := range rpc.GetPropertyDependencies() {
			deps[prop] = append([]string(nil), d.GetUrns()...)
		}
		// The mock engine drops unknown inputs; a plan must show them, so read the request again keeping them.
		all, err := plugin.UnmarshalProperties(rpc.GetObject(), plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true})
		if err != nil {
			return "", nil, fmt.Errorf("plan: reading the inputs of %s: %w", args.Name, err)
		}
		inputs = all
	}
	if parent == "" {
		parent = m.rootURN()
	}
	r := Resource{
		Type:           args.TypeToken,
		Name:           args.Name,
		Parent:         parent,
		URN:            m.urn(parent, args.TypeToken, args.Name),
		Custom:         args.Custom,
		Provider:       args.Provider,
		Protect:        rpc.GetProtect(),
		RetainOnDelete: rpc.GetRetainOnDelete(),
		Inputs:         inputs,
		Dependencies:   deps,
		// Copied: the request is the SDK's.
		IgnoreChanges:       append([]string(nil), rpc.GetIgnoreChanges()...),
		DeleteBeforeReplace: rpc.GetDeleteBeforeReplace(),
		DependsOn:           append([]string(nil), rpc.GetDependencies()...),
	}
	m.mu.Lock()
	m.resources = append(m.resources, r)
	if r.Type == token.AWSProvider {
		if m.places == nil {
			m.places = map[string]place{}
		}
		m.places[r.URN] = providerPlace(inputs)
	}
	m.mu.Unlock()

	if m.mode == Preview || !args.Custom {
		return "", args.Inputs, nil
	}
	state := args.Inputs.Copy()
	for k, v := range computedOutputs(args.TypeToken, args.Name, m.placeOf(args.Provider)) {
		if _, declared := state[resource.PropertyKey(k)]; !declared {
			state[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
	}
	return args.Name + "_id", state, nil
}

// Call answers the provider functions (data sources) the program invokes.
func (m *monitor) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	if strings.HasPrefix(args.Token, "aws:") && args.Provider == "" {
		// The default aws provider is disabled in Pulumi.yaml; an invoke without an explicit one fails for real.
		return nil, fmt.Errorf("plan: invoke %s has no explicit provider (pass pulumi.Provider or pulumi.Parent)", args.Token)
	}
	m.mu.Lock()
	if m.invokes == nil {
		m.invokes = map[string]bool{}
	}
	m.invokes[args.Token] = true
	m.mu.Unlock()
	out, ok := invokeResults[args.Token]
	if !ok {
		return nil, fmt.Errorf("plan: no mock answer for invoke %s; add one to invokeResults", args.Token)
	}
	return resource.NewPropertyMapFromMap(out(args.Args, m.placeOf(args.Provider))), nil
}

func (m *monitor) rootURN() string {
	return string(resource.DefaultRootStackURN(tokens.QName(m.stack), tokens.PackageName(m.project)))
}

// urn builds a URN the way the mock engine does: the parent's qualified type, then the child's type and name.
func (m *monitor) urn(parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(m.stack), tokens.PackageName(m.project), parentType, tokens.Type(typ), name))
}

// invoked returns the tokens of the provider functions called, sorted.
func (m *monitor) invoked() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, 0, len(m.invokes))
	for t := range m.invokes {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// sorted returns the recorded resources in a stable order: by URN.
func (m *monitor) sorted() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Resource(nil), m.resources...)
	sort.Slice(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out
}
