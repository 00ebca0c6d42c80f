package config

import (
	"encoding/json"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Source is where a stack's configuration comes from.
type Source struct {
	// Get returns the raw value of a fully qualified key ("hybridcloud:network"). Required.
	Get Lookup
	// IsSecret says whether a key holds a secure value. Optional: without it no value counts as secret.
	IsSecret func(key string) bool
	// Keys are every key the stack sets, when known: a hybridcloud key no section reads is refused (a
	// typo). The CLI passes the whole configuration to the program, so a real run knows them.
	Keys []string
}

// run says what kind of run reads the configuration.
type run struct {
	// offline is a run under the mocks (`make plan`, the tests): a secret a committed stack file leaves
	// unset gets a placeholder there.
	offline bool
	// realUpdate is a real `pulumi up`: what a preview may plan with, an update may refuse.
	realUpdate bool
}

// Load reads and validates the configuration of the running stack.
func Load(ctx *pulumi.Context) (*Config, error) {
	src := Source{Get: ctx.GetConfig, IsSecret: ctx.IsConfigSecret, Keys: engineKeys()}
	return parseFor(ctx.Project(), ctx.Stack(), src, run{offline: ctx.RunningWithMocks(), realUpdate: !ctx.DryRun() && !ctx.RunningWithMocks()})
}

// Parse validates the configuration behind src for the given project and stack, as an offline run does. It
// returns every problem it finds, joined, each naming its key.
func Parse(project, stack string, src Source) (*Config, error) {
	return parseFor(project, stack, src, run{offline: true})
}

// engineKeys are the keys the engine passed the program (PULUMI_CONFIG holds them all), nil when it passed
// none, as under the mocks.
func engineKeys() []string {
	var cfg map[string]json.RawMessage
	if err := json.Unmarshal([]byte(os.Getenv(pulumi.EnvConfig)), &cfg); err != nil {
		return nil
	}
	return slices.Sorted(maps.Keys(cfg))
}

// sections are the keys of the project's namespace the program reads; any other is refused.
var sections = []string{"environment", "tags", "foundation", "network", "onPremises", "database", "fileShare",
	"usage", "hybrid", "management", "backup", "compute", "dr"}

// checkKeys refuses a key of the project's namespace that no section reads: a misspelt or flat key
// (`hybridcloud:network.cidr`) would otherwise be ignored at deploy time.
func (p *parser) checkKeys(keys []string) {
	for _, k := range keys {
		name, ok := strings.CutPrefix(k, p.project+":")
		if !ok || slices.Contains(sections, name) {
			continue
		}
		hint := "; keys are one object per section: set nested values with pulumi config set --path"
		for _, s := range sections {
			if strings.EqualFold(s, name) {
				hint = " (did you mean " + p.key(s) + "? keys are case-sensitive)"
			}
		}
		p.fail(k, "not a setting of this program (sections: %s)%s", strings.Join(sections, ", "), hint)
	}
}
