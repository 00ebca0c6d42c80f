package offline

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/secret"
	"github.com/insurance/hybridcloud/platform"
)

const snapshotFile = "../rules/testdata/program.json"

// testNow is the plans' clock: nothing here depends on today's date.
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// run is one run of the program: a stack file, possibly with one config variant, in one mode.
type run struct {
	name string
	st   plan.Stack
	mode plan.Mode
	res  *plan.Result
}

var (
	runsOnce sync.Once
	allRuns  []run
	runsErr  error
)

// variants are the config choices the stack files do not make but the program supports, with the stack
// they start from: the snapshot keeps the resources only they declare.
var variants = map[string]struct {
	stack, key string
	edit       func(map[string]any)
}{
	// dr.strategy pilotLight: dev's DR drill (docs/dr.md) declares the standby in the DR region over its VPN.
	"dev+pilot-light": {"dev", "hybridcloud:dr", func(dr map[string]any) { dr["strategy"] = "pilotLight" }},
	// fileShare.gateway.mode ec2 declares the File Gateway as an EC2 instance (platform/data_test.go does the same).
	"dev+ec2-gateway": {"dev", "hybridcloud:fileShare", func(files map[string]any) {
		gateway := files["gateway"].(map[string]any)
		delete(gateway, "ipAddress")
		delete(gateway, "cacheDiskPath")
		gateway["mode"] = "ec2"
		gateway["ami"] = "ami-0123456789abcdef0"
	}},
	// A Direct Connect connection the stack orders itself, with MACsec, instead of an existing one.
	"prod+dx-order": {"prod", "hybridcloud:hybrid", func(h map[string]any) {
		conn := h["directConnect"].(map[string]any)["connections"].(map[string]any)["ash-a"].(map[string]any)
		delete(conn, "connectionId")
		conn["order"] = map[string]any{"bandwidth": "10Gbps", "available": true, "macsec": map[string]any{"encryptionMode": "must_encrypt",
			"ckn": secret.Unset, "cak": secret.Unset}} // as an operator's stack file would leave them
	}},
}

// runs runs both stacks and every variant in both modes, once per test binary.
func runs(t *testing.T) []run {
	t.Helper()
	runsOnce.Do(func() {
		program := platform.Program(func() time.Time { return testNow })
		names := []string{"dev", "prod", "dev+ec2-gateway", "prod+dx-order", "dev+pilot-light"}
		for _, name := range names {
			base, _, _ := strings.Cut(name, "+")
			st, err := plan.LoadStack("../..", base)
			if err != nil {
				runsErr = err
				return
			}
			if v, ok := variants[name]; ok {
				var cfg map[string]any
				if err := json.Unmarshal([]byte(st.Config[v.key]), &cfg); err != nil {
					runsErr = err
					return
				}
				v.edit(cfg)
				raw, _ := json.Marshal(cfg)
				config := map[string]string{}
				for k, val := range st.Config {
					config[k] = val
				}
				config[v.key] = string(raw)
				st.Config = config
			}
			for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
				res, err := plan.Run(program, st, mode)
				if err != nil {
					runsErr = fmt.Errorf("%s %s: %w", name, mode, err)
					return
				}
				allRuns = append(allRuns, run{name: name + "/" + mode.String(), st: st, mode: mode, res: res})
			}
		}
	})
	require.NoError(t, runsErr)
	return allRuns
}

// snapshotResource is one resource of the snapshot: what a rule test needs to rebuild the analyzer's view.
type snapshotResource struct {
	Type           string              `json:"type"`
	Name           string              `json:"name"`
	URN            string              `json:"urn"`
	Protect        bool                `json:"protect,omitempty"`
	RetainOnDelete bool                `json:"retainOnDelete,omitempty"`
	Inputs         map[string]any      `json:"inputs"`
	Deps           map[string][]string `json:"deps,omitempty"`
}

// snapshot is what `pulumi up` of each stack (and variant) declares, as the rule tests' compliant fixtures.
func snapshot(t *testing.T) map[string][]snapshotResource {
	t.Helper()
	out := map[string][]snapshotResource{}
	for _, r := range runs(t) {
		if r.mode != plan.Up {
			continue
		}
		name, _, _ := strings.Cut(r.name, "/")
		base, _, variant := strings.Cut(name, "+")
		have := map[string]bool{}
		for _, b := range out[base] {
			have[b.Type+"::"+b.Name] = true
		}
		for _, res := range r.res.Resources {
			if strings.HasPrefix(res.Type, "hybridcloud:") || (variant && have[res.Type+"::"+res.Name]) {
				continue
			}
			deps := map[string][]string{}
			for k, v := range res.Dependencies {
				if len(v) > 0 {
					deps[k] = v
				}
			}
			out[name] = append(out[name], snapshotResource{Type: res.Type, Name: res.Name, URN: res.URN,
				Protect: res.Protect, RetainOnDelete: res.RetainOnDelete, Inputs: plan.Plain(res.Inputs), Deps: deps})
		}
	}
	return out
}

// shape is what the freshness check compares: per resource, its input paths (values may change freely).
func shape(stacks map[string][]snapshotResource) map[string][]string {
	out := map[string][]string{}
	for stack, rs := range stacks {
		for _, r := range rs {
			var paths []string
			var walk func(prefix string, v any)
			walk = func(prefix string, v any) {
				switch x := v.(type) {
				case map[string]any:
					for k, e := range x {
						walk(prefix+"."+k, e)
					}
				case []any:
					for _, e := range x {
						walk(prefix+"[]", e)
					}
				default:
					paths = append(paths, prefix)
				}
			}
			walk("", r.Inputs)
			sort.Strings(paths)
			out[stack+" "+r.Type+" "+r.Name] = compact(paths)
		}
	}
	return out
}

func compact(ss []string) []string {
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func TestProgramSnapshotIsWhatTheProgramDeclares(t *testing.T) {
	// The rule tests start from what the program really declares. Values may drift (a rule test that needs a
	// value sets it); the resources and their input paths may not, or the fixtures no longer are the program.
	got := snapshot(t)
	if *update {
		raw, err := json.MarshalIndent(got, "", " ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(snapshotFile, append(raw, '\n'), 0o644))
	}
	raw, err := os.ReadFile(snapshotFile)
	require.NoError(t, err)
	var committed map[string][]snapshotResource
	require.NoError(t, json.Unmarshal(raw, &committed))
	assert.Equal(t, shape(got), shape(committed),
		"policy/rules/testdata/program.json no longer has the program's shape: go test ./policy/offline -run TestProgramSnapshot -update, then go test ./policy/...")
}
