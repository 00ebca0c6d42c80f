package platform

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/policy/offline"
	"github.com/insurance/hybridcloud/policy/rules"
)

// checkPack runs the whole policy pack over a run of st.
func checkPack(t *testing.T, res *plan.Result, st plan.Stack) []rules.Violation {
	t.Helper()
	vs, err := offline.Check(res, st)
	require.NoError(t, err)
	return vs
}

// TestBothStacksPassEveryMandatoryPolicy wants no mandatory violation but the known ones: the explicit list
// offline.KnownViolations (policy/offline/known.go) of (rule id, resource name) pairs the current program is
// known to violate, each with the issue that fixes the program ("fixed by issue 15/16/20/21", or none yet).
// The list lives beside the pack because `make plan` and .ci/run read it too; any violation not on it fails
// here, and TestKnownViolationsAreStillCommitted fails when a program change has removed one, so the entry
// goes with that change.
func TestBothStacksPassEveryMandatoryPolicy(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
			t.Run(stack+"/"+mode.String(), func(t *testing.T) {
				vs := checkPack(t, runStack(t, stack, mode), stackFiles(t, stack))
				assert.Empty(t, offline.Mandatory(vs), "mandatory violations")
				for _, v := range vs {
					t.Log(v) // known violations, advisories and checks left pending by unknown inputs, for the reader
				}
			})
		}
	}
}

func TestKnownViolationsAreStillCommitted(t *testing.T) {
	fired := map[string]bool{}
	for _, stack := range []string{"dev", "prod"} {
		for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
			for _, v := range offline.Known(checkPack(t, runStack(t, stack, mode), stackFiles(t, stack))) {
				fired[v.Policy+" "+v.URN[strings.LastIndex(v.URN, "::")+2:]] = true
			}
		}
	}
	for _, k := range offline.KnownViolations {
		if k.Variant == "" { // variants are checked in policy/offline, which runs them
			assert.True(t, fired[k.Rule+" "+k.Resource], "%s on %s no longer fires: remove it from offline.KnownViolations", k.Rule, k.Resource)
		}
	}
}

func TestEveryResourceTypeTheProgramDeclaresIsGuarded(t *testing.T) {
	// A new resource type needs a rule in policy/rules, or a reviewed decision that it needs none.
	for _, stack := range []string{"dev", "prod"} {
		for _, typ := range runStack(t, stack, plan.Up).Types() {
			assert.True(t, rules.CoveredType(typ), "%s declares %s, which no policy rule inspects", stack, typ)
		}
	}
}

func TestUpLeavesNoCheckPendingOnAnUnknownInput(t *testing.T) {
	// Up knows every input the program declares, so no check may be left pending (a preview may leave some,
	// as advisories, never as violations).
	for _, stack := range []string{"dev", "prod"} {
		for _, v := range checkPack(t, runStack(t, stack, plan.Up), stackFiles(t, stack)) {
			assert.NotEqual(t, rules.UnknownsPolicyID, v.Policy, "%s under up: %s", stack, v)
			assert.NotEqual(t, rules.StackUnknownsPolicyID, v.Policy, "%s under up: %s", stack, v)
		}
	}
}

func TestThePackCatchesAResourceMissingFromTheGraph(t *testing.T) {
	// Dropping the flow log from a real run is what a refactor that forgets it would declare.
	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res := primaryOf(runStack(t, "prod", mode))
		var kept []plan.Resource
		for _, r := range res.Resources {
			if r.Type != "aws:ec2/flowLog:FlowLog" {
				kept = append(kept, r)
			}
		}
		vs := offline.Mandatory(checkPack(t, &plan.Result{Mode: mode, Resources: kept}, stackFiles(t, "prod")))
		require.Len(t, vs, 1, mode)
		assert.Equal(t, rules.VpcFlowLogs.ID, vs[0].Policy)
		assert.Contains(t, vs[0].Message, `Vpc "prod-vpc"`)
	}
}

// withPath returns st with one field of an object-valued config key replaced (path is dot-separated).
func withPath(t *testing.T, st plan.Stack, key, path string, value any) plan.Stack {
	t.Helper()
	raw, ok := st.Config[key]
	if !ok {
		t.Fatalf("%s is not in the stack file", key)
	}
	var obj map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &obj), key)
	steps := strings.Split(path, ".")
	cur := obj
	for _, s := range steps[:len(steps)-1] {
		next, ok := cur[s].(map[string]any)
		if !ok {
			t.Fatalf("%s.%s is not in the stack file", key, path)
		}
		cur = next
	}
	leaf := steps[len(steps)-1]
	if _, ok := cur[leaf]; !ok {
		// Adding a key the stack file does not set could trip strict decoding and pass for the wrong reason.
		t.Fatalf("%s.%s is not set in the stack file", key, path)
	}
	cur[leaf] = value
	out, err := json.Marshal(obj)
	require.NoError(t, err)
	return withConfig(st, key, string(out))
}

// TestUnsafeConfigIsStoppedByTheProgramOrThePack changes one value to something unsafe: either config
// validation refuses it (naming the key) or the program declares it and the named policy fires. Either way it
// never reaches AWS.
func TestUnsafeConfigIsStoppedByTheProgramOrThePack(t *testing.T) {
	cases := []struct {
		name        string
		stack       string
		key, path   string
		value       any
		wantErr     string // the config error, naming the key
		wantPolicy  string // or the mandatory policy that fires
		wantMessage string
	}{
		{name: "an on-premises CIDR of the whole internet is refused by config", stack: "prod",
			key: "hybridcloud:onPremises", path: "cidrs", value: []any{"0.0.0.0/0"}, wantErr: "hybridcloud:onPremises.cidrs"},
		{name: "a public VPC CIDR is refused by config", stack: "prod",
			key: "hybridcloud:network", path: "cidr", value: "8.8.0.0/16", wantErr: "hybridcloud:network.cidr"},
		{name: "Multi-AZ off in prod is refused by config", stack: "prod",
			key: "hybridcloud:database", path: "multiAz", value: false, wantErr: "hybridcloud:database.multiAz"},
		{name: "a single-AZ database in a dev stack is advised against, not blocked", stack: "dev",
			key: "hybridcloud:database", path: "multiAz", value: false, wantPolicy: rules.RdsMultiAZ.ID + "-advisory",
			wantMessage: `Instance "dev-db": multiAz is false; want true`},
		{name: "an NFS share open to the internet is refused by config", stack: "prod",
			key: "hybridcloud:fileShare", path: "shares", value: map[string]any{"claims": map[string]any{"prefix": "claims/", "clientCidrs": []any{"0.0.0.0/0"}}},
			wantErr: "hybridcloud:fileShare.shares.claims.clientCidrs[0]"},
		{name: "dev backups kept one day pass config but fire the retention rule", stack: "dev",
			key: "hybridcloud:database", path: "backupRetentionDays", value: 1, wantPolicy: rules.RdsBackupRetention.ID,
			wantMessage: `Instance "dev-db": backupRetentionPeriod is 1; want at least 7`},
		{name: "dev backups kept three days pass config but fire the retention rule", stack: "dev",
			key: "hybridcloud:database", path: "backupRetentionDays", value: 3, wantPolicy: rules.RdsBackupRetention.ID,
			wantMessage: "backupRetentionPeriod is 3; want at least 7"},
		{name: "an unprotected prod file bucket is refused by config", stack: "prod",
			key: "hybridcloud:fileShare", path: "protect", value: false, wantErr: "hybridcloud:fileShare.protect"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := withPath(t, stackFiles(t, tc.stack), tc.key, tc.path, tc.value)
			for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
				res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
				if err != nil {
					require.NotEmpty(t, tc.wantErr, "unexpected config error: %v", err)
					assert.Contains(t, err.Error(), tc.wantErr, mode)
					continue
				}
				require.NotEmpty(t, tc.wantPolicy, "config accepted an unsafe value and no policy is expected to catch it")
				var fired []string
				for _, v := range checkPack(t, res, st) {
					fired = append(fired, v.Policy)
					if v.Policy == tc.wantPolicy {
						assert.Contains(t, v.Message, tc.wantMessage, mode)
					}
				}
				assert.Contains(t, fired, tc.wantPolicy, mode)
			}
		})
	}
}

// TestThePackCatchesWhatAProgramBugWouldDeclare changes one input of a resource the prod program really
// declares, as a bug in a component would, and expects the named rule to stop it: the pack guards the
// program where its own validation is bypassed.
func TestThePackCatchesWhatAProgramBugWouldDeclare(t *testing.T) {
	cases := []struct {
		typ, name, prop string
		value           resource.PropertyValue
		wantPolicy      string
	}{
		{"aws:storagegateway/nfsFileShare:NfsFileShare", "prod-file-gateway-claims", "clientLists",
			resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty("0.0.0.0/0")}), rules.NfsClients.ID},
		{"aws:storagegateway/nfsFileShare:NfsFileShare", "prod-file-gateway-claims", "squash", resource.NewStringProperty("NoSquash"), rules.NfsSquash.ID},
		{"aws:rds/instance:Instance", "prod-db", "deletionProtection", resource.NewBoolProperty(false), rules.RdsDeletionProtection.ID},
		{"aws:rds/instance:Instance", "prod-db", "publiclyAccessible", resource.NewBoolProperty(true), rules.RdsNotPublic.ID},
		{"aws:rds/instance:Instance", "prod-db", "multiAz", resource.NewBoolProperty(false), rules.RdsMultiAZ.ID},
	}
	for _, tc := range cases {
		t.Run(tc.name+"."+tc.prop, func(t *testing.T) {
			shared := runStack(t, "prod", plan.Up)
			res := &plan.Result{Mode: shared.Mode, Resources: slices.Clone(shared.Resources)} // the bug is this test's alone
			changed := false
			for i, r := range res.Resources {
				if r.Type == tc.typ && r.Name == tc.name {
					inputs := r.Inputs.Copy()
					inputs[resource.PropertyKey(tc.prop)] = tc.value
					res.Resources[i].Inputs = inputs
					changed = true
				}
			}
			require.True(t, changed, "prod declares no %s %s", tc.typ, tc.name)
			var fired []string
			for _, v := range offline.Mandatory(checkPack(t, res, stackFiles(t, "prod"))) {
				fired = append(fired, v.Policy)
			}
			assert.Equal(t, []string{tc.wantPolicy}, fired)
		})
	}
}
