package plan

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// Stack is the configuration one run of the program sees.
type Stack struct {
	// Project is the Pulumi project name.
	Project string
	// Name is the stack name (dev, prod).
	Name string
	// Config maps fully qualified keys ("hybridcloud:network", "aws:region") to their raw values; objects and
	// arrays are JSON, as the engine passes them.
	Config map[string]string
	// SecretKeys lists the keys holding a `secure:` value of the stack file, whole or in part: the engine
	// hands the program each of these keys as secret.
	SecretKeys []string
	// SecretPaths lists every `secure:` value by its config path (`hybridcloud:fileShare.gateway.activationKey`),
	// each of which the program received as its own SecretPlaceholder.
	SecretPaths []string
}

// Result is what one run declared.
type Result struct {
	// Mode is the engine operation that was played.
	Mode Mode
	// Resources are every registered resource, in URN order.
	Resources []Resource
	// Outputs are the stack outputs the program exported (ctx.Export), by name: what `pulumi preview` lists
	// under "Outputs:" and `pulumi stack output` prints after an up.
	Outputs map[string]Value
	// Invokes are the provider functions (data sources) the program called, by token, sorted.
	Invokes []string
}

// Run runs program under mocks in the given mode and returns what it registered and exported. A program
// error (a config validation error, say) is returned as the program returned it, without the multierror
// wrapper the SDK puts around it ("1 error occurred: …"), beside what was registered before it.
func Run(program pulumi.RunFunc, stack Stack, mode Mode) (*Result, error) {
	m := &monitor{mode: mode, project: stack.Project, stack: stack.Name}
	cfg := make(map[string]string, len(stack.Config))
	for k, v := range stack.Config {
		cfg[k] = v
	}
	// The mock engine's RegisterResourceOutputs hook does not see the root stack's outputs, so the exports
	// are read from the context once the program body has returned, as outputs of this run.
	exports := map[string]pulumi.Output{}
	body := func(ctx *pulumi.Context) error {
		err := program(ctx)
		for name, in := range ctx.GetCurrentExportMap() {
			exports[name] = pulumi.ToOutputWithContext(ctx.Context(), in)
		}
		return err
	}
	err := pulumi.RunErr(body,
		pulumi.WithMocks(stack.Project, stack.Name, m),
		func(info *pulumi.RunInfo) {
			info.Config = cfg
			info.ConfigSecretKeys = append([]string(nil), stack.SecretKeys...)
			info.DryRun = mode == Preview
		})
	if err != nil {
		return &Result{Mode: mode, Resources: m.sorted(), Invokes: m.invoked()}, programError(err)
	}
	outputs := make(map[string]Value, len(exports))
	for name, o := range exports {
		v, err := Await(o)
		if err != nil {
			return nil, fmt.Errorf("plan: output %s: %w", name, err)
		}
		outputs[name] = v
	}
	return &Result{Mode: mode, Resources: m.sorted(), Outputs: outputs, Invokes: m.invoked()}, nil
}

// programError takes off the multierror the SDK's RunWithContext wraps every program error in: one error is
// returned as it is, several are joined.
func programError(err error) error {
	var multi interface{ WrappedErrors() []error }
	if !errors.As(err, &multi) {
		return err
	}
	errs := multi.WrappedErrors()
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// OfType returns the resources of one type token, in URN order.
func (r *Result) OfType(typ string) []Resource {
	var out []Resource
	for _, res := range r.Resources {
		if res.Type == typ {
			out = append(out, res)
		}
	}
	return out
}

// Named returns the resource with the given type and logical name.
func (r *Result) Named(typ, name string) (Resource, bool) {
	for _, res := range r.Resources {
		if res.Type == typ && res.Name == name {
			return res, true
		}
	}
	return Resource{}, false
}

// CountByType counts resources per type token.
func (r *Result) CountByType() map[string]int {
	out := map[string]int{}
	for _, res := range r.Resources {
		out[res.Type]++
	}
	return out
}

// Types lists the distinct type tokens, sorted.
func (r *Result) Types() []string {
	counts := r.CountByType()
	out := make([]string, 0, len(counts))
	for t := range counts {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Value is an output read after a run: its value, and whether it was known (a preview leaves computed
// values unknown) and secret.
type Value struct {
	Value  any
	Known  bool
	Secret bool
}

// Await reads an output once the run that produced it has finished.
func Await(o pulumi.Output) (Value, error) {
	res, err := internals.UnsafeAwaitOutput(context.Background(), o)
	if err != nil {
		return Value{}, fmt.Errorf("plan: awaiting output: %w", err)
	}
	return Value{Value: res.Value, Known: res.Known, Secret: res.Secret}, nil
}

// Props returns the resource's declared inputs as plain values (see Plain), for assertions.
func (r Resource) Props() map[string]any { return Plain(r.Inputs) }

// Get returns the raw value of a key of the stack's configuration, as ctx.GetConfig does.
func (s Stack) Get(key string) (string, bool) {
	v, ok := s.Config[key]
	return v, ok
}

// IsSecret says whether a key holds a secure value, as ctx.IsConfigSecret does.
func (s Stack) IsSecret(key string) bool { return slices.Contains(s.SecretKeys, key) }

// Keys are every key the stack sets, sorted.
func (s Stack) Keys() []string { return slices.Sorted(maps.Keys(s.Config)) }
