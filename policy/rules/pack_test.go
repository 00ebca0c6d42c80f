package rules

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

func analyzer(typ, name string, inputs map[string]any, provider policyx.AnalyzerProviderResource) policyx.AnalyzerResource {
	return policyx.AnalyzerResource{Type: typ, Name: name, URN: "urn:" + typ + "::" + name, Provider: provider,
		Properties: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(inputs))}
}

func awsProvider(defaultTags any) policyx.AnalyzerProviderResource {
	return policyx.AnalyzerProviderResource{Type: "pulumi:providers:aws", Name: "aws",
		Properties: resource.FromResourcePropertyMap(resource.NewPropertyMapFromMap(map[string]any{"defaultTags": defaultTags}))}
}

func evaluate(t *testing.T, rs []policyx.AnalyzerResource, config map[string]any) map[string]policyx.EnforcementLevel {
	t.Helper()
	vs, err := Evaluate(Policies(""), rs, config, nil)
	require.NoError(t, err)
	out := map[string]policyx.EnforcementLevel{}
	for _, v := range vs {
		out[v.Policy] = v.Enforcement
		t.Log(v)
	}
	return out
}

func TestEnvironmentComesFromTheProviderTagsPolicyConfigOrDefaultsToProd(t *testing.T) {
	unprotected := map[string]any{"multiAz": true, "storageEncrypted": true, "kmsKeyId": "k", "backupRetentionPeriod": 7,
		"deletionProtection": false, "skipFinalSnapshot": true}
	cases := []struct {
		name     string
		provider policyx.AnalyzerProviderResource
		config   map[string]any
		wantFail bool
	}{
		{"dev provider tags (object, as mocks pass them) skip prod-only rules", awsProvider(map[string]any{"tags": map[string]any{"Environment": "dev"}}), nil, false},
		{"dev provider tags (JSON string, as the engine passes them) skip prod-only rules", awsProvider(`{"tags":{"Environment":"dev"}}`), nil, false},
		{"prod provider tags apply them", awsProvider(map[string]any{"tags": map[string]any{"Environment": "prod"}}), nil, true},
		{"policy config wins over the tags", awsProvider(map[string]any{"tags": map[string]any{"Environment": "dev"}}), map[string]any{"environment": "prod"}, true},
		{"no environment anywhere assumes prod", policyx.AnalyzerProviderResource{}, nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotected, tc.provider)}, tc.config)
			_, fired := got[RdsDeletionProtection.ID]
			assert.Equal(t, tc.wantFail, fired)
		})
	}
}

func TestListenerHTTPSIsMandatoryInProdAndAdvisoryInDev(t *testing.T) {
	listener := map[string]any{"protocol": "HTTP", "defaultActions": []any{map[string]any{"type": "forward"}}}
	for env, want := range map[string]string{"prod": ListenerHTTPS.ID, "dev": ListenerHTTPS.ID + advisorySuffix} {
		got := evaluate(t, []policyx.AnalyzerResource{analyzer("aws:lb/listener:Listener", "http", listener,
			awsProvider(map[string]any{"tags": map[string]any{"Environment": env}}))}, nil)
		assert.Len(t, got, 1, env)
		assert.Contains(t, got, want, env)
	}
}

func TestUnknownInputsAreAdvisoryNotViolations(t *testing.T) {
	db := map[string]any{"multiAz": resource.MakeComputed(resource.NewStringProperty("")), "storageEncrypted": true, "kmsKeyId": "k",
		"backupRetentionPeriod": 7, "deletionProtection": true, "finalSnapshotIdentifier": "f"}
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", db, policyx.AnalyzerProviderResource{})}, nil)
	assert.NotContains(t, got, RdsMultiAZ.ID, "an unknown multiAz is no violation")
	assert.Equal(t, policyx.EnforcementLevelAdvisory, got[UnknownsPolicyID], "but it is reported as a pending check")
}

func TestPulumiPolicyYAMLMatchesThePack(t *testing.T) {
	raw, err := os.ReadFile("../PulumiPolicy.yaml")
	require.NoError(t, err)
	var project struct {
		Name    string `yaml:"name"`
		Runtime string `yaml:"runtime"`
		Version string `yaml:"version"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &project))
	assert.Equal(t, "go", project.Runtime)
	assert.Equal(t, PackName, project.Name)
	assert.Equal(t, PackVersion, project.Version)
}

func TestPolicyNamesAreUniqueAndEveryRuleIsRegistered(t *testing.T) {
	names := map[string]bool{}
	for _, p := range Policies("") {
		assert.False(t, names[p.Name()], "duplicate policy %s", p.Name())
		names[p.Name()] = true
		assert.NotEqual(t, policyx.EnforcementLevelDisabled, p.EnforcementLevel(), p.Name())
	}
	for _, r := range All() {
		assert.True(t, names[r.ID], "rule %s has a policy", r.ID)
		assert.Equal(t, len(r.AdvisoryIn) > 0, names[r.ID+advisorySuffix], "rule %s has an advisory twin only if it advises somewhere", r.ID)
	}
	assert.True(t, names[UnknownsPolicyID])
}

func TestNewPackTakesTheEnvironmentFromTheStacksConfig(t *testing.T) {
	unprotected := map[string]any{"multiAz": true, "storageEncrypted": true, "kmsKeyId": "k", "backupRetentionPeriod": 7,
		"manageMasterUserPassword": true, "deletionProtection": false, "skipFinalSnapshot": true}
	prodTagged := awsProvider(map[string]any{"tags": map[string]any{"Environment": "prod"}})
	for env, wantProdRules := range map[string]bool{"dev": false, "prod": true} {
		ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{Project: "hybridcloud", Stack: env,
			Config: map[string]string{EnvironmentConfigKey: env}})
		require.NoError(t, err)
		pack, err := NewPack(ctx)
		require.NoError(t, err)
		assert.Equal(t, PackName, pack.Name())
		vs, err := Evaluate(pack.Policies(), []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotected, prodTagged)}, nil, nil)
		require.NoError(t, err)
		var fired []string
		for _, v := range vs {
			fired = append(fired, v.Policy)
		}
		assert.Equal(t, wantProdRules, slices.Contains(fired, RdsDeletionProtection.ID), "%s stack config wins over the provider's tag: %v", env, fired)
	}
}
