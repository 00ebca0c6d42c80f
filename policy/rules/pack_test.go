package rules

import (
	"context"
	"os"
	"slices"
	"strings"
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

func tagged(env string) policyx.AnalyzerProviderResource {
	return awsProvider(map[string]any{"tags": map[string]any{"Environment": env}})
}

// evaluate runs the pack (no stack environment) and returns the violations by policy.
func evaluate(t *testing.T, rs []policyx.AnalyzerResource, config map[string]any) map[string][]Violation {
	t.Helper()
	vs, err := Evaluate(Policies(""), rs, config, nil)
	require.NoError(t, err)
	out := map[string][]Violation{}
	for _, v := range vs {
		out[v.Policy] = append(out[v.Policy], v)
		t.Log(v)
	}
	return out
}

// unprotectedDB is the program's database with deletion protection off.
func unprotectedDB(t *testing.T) map[string]any {
	in := db(t)
	in["deletionProtection"] = false
	return in
}

func TestEnvironmentComesFromTheProviderTagsPolicyConfigOrDefaultsToProd(t *testing.T) {
	cases := []struct {
		name     string
		provider policyx.AnalyzerProviderResource
		config   map[string]any
		want     string
		assumed  bool
	}{
		{"dev provider tags (object, as mocks pass them) make the rule advise", tagged("dev"), nil, RdsDeletionProtection.ID + AdvisorySuffix, false},
		{"dev provider tags (JSON string, as the engine passes them) too", awsProvider(`{"tags":{"Environment":"dev"}}`), nil, RdsDeletionProtection.ID + AdvisorySuffix, false},
		{"a provider JSON string that is not JSON says nothing", awsProvider(`{`), nil, RdsDeletionProtection.ID, true},
		{"prod provider tags make it mandatory", tagged("prod"), nil, RdsDeletionProtection.ID, false},
		{"policy config wins over the tags", tagged("dev"), map[string]any{"environment": "prod"}, RdsDeletionProtection.ID, false},
		{"policy config can relax too", tagged("prod"), map[string]any{"environment": "dev"}, RdsDeletionProtection.ID + AdvisorySuffix, false},
		{"no environment anywhere assumes prod and says so", policyx.AnalyzerProviderResource{}, nil, RdsDeletionProtection.ID, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotectedDB(t), tc.provider)}, tc.config)
			require.Len(t, got[tc.want], 1)
			other := RdsDeletionProtection.ID
			if tc.want == other {
				other += AdvisorySuffix
			}
			assert.Empty(t, got[other], "reported by one policy only")
			assert.Equal(t, tc.assumed, strings.Contains(got[tc.want][0].Message, "environment unknown: assumed prod"), got[tc.want][0].Message)
			assert.Equal(t, !strings.HasSuffix(tc.want, AdvisorySuffix), got[tc.want][0].Mandatory())
		})
	}
}

func TestTheEnvironmentNoteIsOnlyForRulesThatDependOnIt(t *testing.T) {
	in := db(t)
	in["publiclyAccessible"] = true
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", in, policyx.AnalyzerProviderResource{})}, nil)
	require.Len(t, got[RdsNotPublic.ID], 1)
	assert.NotContains(t, got[RdsNotPublic.ID][0].Message, "assumed prod", "rds-not-public is the same everywhere")
}

func TestAnEmptyEnvironmentInPolicyConfigIsNoEnvironment(t *testing.T) {
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotectedDB(t), tagged("dev"))}, map[string]any{"environment": ""})
	assert.Len(t, got[RdsDeletionProtection.ID+AdvisorySuffix], 1, "the provider's dev tag decides")
}

func TestARuleJudgesOnlyItsTypes(t *testing.T) {
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(vpc, "net", map[string]any{"cidrBlock": "10.0.0.0/16"}, tagged("prod"))}, nil)
	assert.NotContains(t, got, RdsMultiAZ.ID)
	assert.NotContains(t, got, UnknownsPolicyID)
}

func TestTheStackTagsNameTheEnvironmentLast(t *testing.T) {
	for _, key := range []string{"environment", "Environment"} {
		vs, err := Evaluate(Policies(""), []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotectedDB(t), policyx.AnalyzerProviderResource{})}, nil,
			map[string]string{key: "dev"})
		require.NoError(t, err)
		var names []string
		for _, v := range vs {
			names = append(names, v.Policy)
		}
		assert.Contains(t, names, RdsDeletionProtection.ID+AdvisorySuffix, key)
		assert.NotContains(t, names, RdsDeletionProtection.ID, key)
	}
}

func TestAMessageNamesTheControlSeverityAndRemediation(t *testing.T) {
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "prod-db", unprotectedDB(t), tagged("prod"))}, nil)
	require.Len(t, got[RdsDeletionProtection.ID], 1)
	assert.Equal(t, "[RDS.8, AwsSolutions-RDS10; severity high] RDS instances have deletionProtection = true; advisory in dev, which is torn down at will. "+
		"Remediation: set database.deletionProtection true.\n"+`Instance "prod-db": deletionProtection is false; want true`, got[RdsDeletionProtection.ID][0].Message)
	assert.Equal(t, "urn:"+rdsInstance+"::prod-db", got[RdsDeletionProtection.ID][0].URN)
	assert.Equal(t, "[mandatory] rds-deletion-protection: "+strings.Replace(got[RdsDeletionProtection.ID][0].Message, "\n", " | ", 1), got[RdsDeletionProtection.ID][0].String())
	known := got[RdsDeletionProtection.ID][0]
	known.Known = "fixed by issue 1: x"
	assert.True(t, strings.HasPrefix(known.String(), "[mandatory, known: fixed by issue 1: x] rds-deletion-protection: "), known.String())
	advisory := Violation{Policy: "p", Enforcement: policyx.EnforcementLevelAdvisory, Message: "m"}
	assert.Equal(t, "[advisory] p: m", advisory.String())
}

func TestEveryPolicyDescribesItsControlAndSeverity(t *testing.T) {
	byName := map[string]policyx.Policy{}
	for _, p := range Policies("") {
		byName[p.Name()] = p
	}
	for _, r := range All() {
		p := byName[r.ID]
		require.NotNil(t, p, r.ID)
		assert.Equal(t, r.header(), p.Description(), r.ID)
		assert.True(t, strings.HasPrefix(p.Description(), "["+r.Controls[0]), r.ID)
		assert.True(t, strings.HasSuffix(r.Description, "."), "%s: the description is a sentence", r.ID)
		assert.False(t, strings.HasSuffix(r.Remediation, "."), "%s: the header adds the remediation's full stop", r.ID)
	}
}

func TestUnknownInputsAreAdvisoryNotViolations(t *testing.T) {
	in := db(t)
	in["multiAz"] = unknown
	got := evaluate(t, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", in, tagged("prod"))}, nil)
	assert.NotContains(t, got, RdsMultiAZ.ID, "an unknown multiAz is no violation")
	require.Len(t, got[UnknownsPolicyID], 1, "but it is reported as a pending check")
	assert.Equal(t, policyx.EnforcementLevelAdvisory, got[UnknownsPolicyID][0].Enforcement)
	assert.Contains(t, got[UnknownsPolicyID][0].Message, "rds-multi-az: Instance \"db\": multiAz is unknown until apply")
}

func TestStackRulesTwinAndReportTheirUnknowns(t *testing.T) {
	vault := func(env string) policyx.AnalyzerResource {
		return analyzer(backupVault, "vault-"+env, map[string]any{"kmsKeyArn": "k", "name": "v"}, tagged(env))
	}
	got := evaluate(t, []policyx.AnalyzerResource{vault("prod"), vault("dev")}, nil)
	require.Len(t, got[BackupVaultLock.ID], 1)
	assert.Contains(t, got[BackupVaultLock.ID][0].Message, `Vault "vault-prod"`)
	assert.True(t, got[BackupVaultLock.ID][0].Mandatory())
	require.Len(t, got[BackupVaultLock.ID+AdvisorySuffix], 1)
	assert.Contains(t, got[BackupVaultLock.ID+AdvisorySuffix][0].Message, `Vault "vault-dev"`)
	assert.False(t, got[BackupVaultLock.ID+AdvisorySuffix][0].Mandatory())

	untagged := analyzer(backupVault, "vault", map[string]any{"kmsKeyArn": "k", "name": "v"}, policyx.AnalyzerProviderResource{})
	got = evaluate(t, []policyx.AnalyzerResource{untagged}, nil)
	require.Len(t, got[BackupVaultLock.ID], 1)
	assert.Contains(t, got[BackupVaultLock.ID][0].Message, "environment unknown: assumed prod")

	vpcRes := analyzer(vpc, "net", map[string]any{"cidrBlock": "10.0.0.0/16"}, tagged("prod"))
	log := analyzer(flowLog, "log", map[string]any{"trafficType": unknown}, tagged("prod"))
	log.PropertyDependencies = map[string][]string{"vpcId": {vpcRes.URN}}
	got = evaluate(t, []policyx.AnalyzerResource{vpcRes, log}, nil)
	assert.NotContains(t, got, VpcFlowLogs.ID, "an unknown traffic type is no violation")
	require.NotEmpty(t, got[StackUnknownsPolicyID])
	assert.Contains(t, got[StackUnknownsPolicyID][0].Message, "vpc-flow-logs: Vpc \"net\": trafficType of its flow logs is unknown until apply")
	assert.False(t, got[StackUnknownsPolicyID][0].Mandatory())
}

func TestPolicyConfigReachesTheRule(t *testing.T) {
	role := analyzer(iamRole, "r", map[string]any{"assumeRolePolicy": stmt(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}`),
		"managedPolicyArns": []any{"arn:aws:iam::aws:policy/ReadOnlyAccess"}}, tagged("prod"))
	assert.NotContains(t, evaluate(t, []policyx.AnalyzerResource{role}, nil), IamDeniedManagedPolicies.ID)
	got := evaluate(t, []policyx.AnalyzerResource{role}, map[string]any{deniedPoliciesKey: []any{"ReadOnlyAccess"}})
	require.Len(t, got[IamDeniedManagedPolicies.ID], 1)

	var schema *policyx.ConfigSchema
	for _, p := range Policies("") {
		if p.Name() == IamDeniedManagedPolicies.ID {
			schema = p.(policyx.ResourceValidationPolicy).ConfigSchema()
		}
	}
	require.NotNil(t, schema)
	assert.Equal(t, []any{"AmazonEC2ContainerServiceforEC2Role", "AdministratorAccess", "PowerUserAccess", "AmazonS3FullAccess", "IAMFullAccess"},
		schema.Properties[deniedPoliciesKey]["default"])
	assert.Equal(t, "array", schema.Properties[deniedPoliciesKey]["type"])
	assert.Equal(t, map[string]any{"type": "string"}, schema.Properties[deniedPoliciesKey]["items"])
	assert.Equal(t, map[string]any{"type": "string", "enum": []any{"dev", "prod"}}, schema.Properties["environment"])
	for _, p := range Policies("") {
		if p.Name() == UnknownsPolicyID {
			assert.Equal(t, map[string]any{"type": "string", "enum": []any{"dev", "prod"}}, p.(policyx.ResourceValidationPolicy).ConfigSchema().Properties["environment"])
		}
	}
}

func TestListenerHTTPSIsMandatoryInProdAndAdvisoryInDev(t *testing.T) {
	listener := inputsOf(t, "dev", listenerType, "dev-compute-http")
	for env, want := range map[string]string{"prod": ListenerHTTPS.ID, "dev": ListenerHTTPS.ID + AdvisorySuffix} {
		got := evaluate(t, []policyx.AnalyzerResource{analyzer(listenerType, "http", listener, tagged(env))}, nil)
		assert.Len(t, got[want], 1, env)
	}
}

func TestDisabledPoliciesDoNotRun(t *testing.T) {
	p := policyx.NewResourceValidationPolicy("off", policyx.ResourceValidationPolicyArgs{EnforcementLevel: policyx.EnforcementLevelDisabled,
		ValidateResource: func(context.Context, policyx.ResourceValidationArgs) error { panic("ran") }})
	vs, err := Evaluate([]policyx.Policy{p}, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", db(t), tagged("prod"))}, nil, nil)
	require.NoError(t, err)
	assert.Empty(t, vs)
}

func TestEvaluateSortsAndWrapsErrors(t *testing.T) {
	vs, err := Evaluate(Policies("prod"), []policyx.AnalyzerResource{
		analyzer(rdsInstance, "b", unprotectedDB(t), tagged("prod")), analyzer(rdsInstance, "a", unprotectedDB(t), tagged("prod"))}, nil, nil)
	require.NoError(t, err)
	require.NotEmpty(t, vs)
	assert.True(t, slices.IsSortedFunc(vs, func(a, b Violation) int {
		if c := strings.Compare(a.Policy, b.Policy); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	}))
	failing := policyx.NewResourceValidationPolicy("broken", policyx.ResourceValidationPolicyArgs{EnforcementLevel: policyx.EnforcementLevelMandatory,
		ValidateResource: func(context.Context, policyx.ResourceValidationArgs) error { return assert.AnError }})
	_, err = Evaluate([]policyx.Policy{failing}, []policyx.AnalyzerResource{analyzer(rdsInstance, "db", db(t), tagged("prod"))}, nil, nil)
	require.ErrorIs(t, err, assert.AnError)
	assert.Contains(t, err.Error(), "rules: policy broken on urn:"+rdsInstance+"::db")
	failingStack := policyx.NewStackValidationPolicy("broken-stack", policyx.StackValidationPolicyArgs{EnforcementLevel: policyx.EnforcementLevelMandatory,
		ValidateStack: func(context.Context, policyx.StackValidationArgs) error { return assert.AnError }})
	_, err = Evaluate([]policyx.Policy{failingStack}, nil, nil, nil)
	require.ErrorIs(t, err, assert.AnError)
	assert.Contains(t, err.Error(), "rules: stack policy broken-stack")
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
	names := map[string]policyx.EnforcementLevel{}
	for _, p := range Policies("") {
		_, dup := names[p.Name()]
		assert.False(t, dup, "duplicate policy %s", p.Name())
		names[p.Name()] = p.EnforcementLevel()
	}
	for _, r := range All() {
		assert.Equal(t, policyx.EnforcementLevelMandatory, names[r.ID], r.ID)
		level, twin := names[r.ID+AdvisorySuffix]
		assert.Equal(t, len(r.AdvisoryIn) > 0, twin, "rule %s has an advisory twin only if it advises somewhere", r.ID)
		if twin {
			assert.Equal(t, policyx.EnforcementLevelAdvisory, level, r.ID)
		}
	}
	assert.Equal(t, policyx.EnforcementLevelAdvisory, names[UnknownsPolicyID])
	assert.Equal(t, policyx.EnforcementLevelAdvisory, names[StackUnknownsPolicyID])
}

func TestEveryRuleIsDescribedAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range All() {
		assert.False(t, seen[r.ID], "duplicate rule id %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Controls, r.ID)
		assert.NotEmpty(t, r.Description, r.ID)
		assert.NotEmpty(t, r.Remediation, r.ID)
		assert.Contains(t, []Severity{High, Medium, Low}, r.Severity, r.ID)
		assert.True(t, (r.Resource == nil) != (r.Stack == nil), "%s has exactly one of Resource and Stack", r.ID)
		assert.Equal(t, r.Resource != nil, len(r.Types) > 0, "%s: a resource rule names its types", r.ID)
		assert.NotEmpty(t, r.Reads, "%s declares what it reads", r.ID)
		for _, typ := range r.Types {
			assert.Contains(t, r.Reads, typ, "%s declares what it reads of %s", r.ID, typ)
		}
		for _, env := range r.AdvisoryIn {
			assert.Equal(t, Dev, env, "%s: only dev is relaxed", r.ID)
			assert.Contains(t, r.Description, "advisory in dev", "%s says why it advises in dev", r.ID)
		}
	}
}

func TestEveryReadPathIsInTheSchema(t *testing.T) {
	// policy/offline checks the same against the SDK's types; this keeps the rule tests honest without it.
	load(t)
	for _, r := range All() {
		for typ, paths := range r.Reads {
			for _, p := range paths {
				assert.NoError(t, sdk.CheckPath(typ, p), r.ID)
			}
		}
	}
}

func TestNewPackTakesTheEnvironmentFromTheStacksConfig(t *testing.T) {
	for env, want := range map[string]string{"dev": RdsDeletionProtection.ID + AdvisorySuffix, "prod": RdsDeletionProtection.ID} {
		ctx, err := pulumi.NewContext(context.Background(), pulumi.RunInfo{Project: "hybridcloud", Stack: env,
			Config: map[string]string{EnvironmentConfigKey: env}})
		require.NoError(t, err)
		pack, err := NewPack(ctx)
		require.NoError(t, err)
		assert.Equal(t, PackName, pack.Name())
		assert.Equal(t, PackVersion, pack.Version().String())
		vs, err := Evaluate(pack.Policies(), []policyx.AnalyzerResource{analyzer(rdsInstance, "db", unprotectedDB(t), tagged("prod"))}, nil, nil)
		require.NoError(t, err)
		var fired []string
		for _, v := range vs {
			fired = append(fired, v.Policy)
		}
		assert.Contains(t, fired, want, "%s stack config wins over the provider's tag", env)
	}
}

func TestWalkStepsOnlyIntoWhatIsThere(t *testing.T) {
	r := fixture(t, subnet, "s", inputsOf(t, "prod", subnet, "prod-vpc-app-0"))
	assert.True(t, r.Get("tags", 0).IsNull(), "an index into an object")
	assert.True(t, r.Get("availabilityZone", "x").IsNull(), "a key into a string")
	assert.True(t, r.Get("missing", "deeper").IsNull())
	assert.Equal(t, `Subnet "s"`, r.label())
	assert.Equal(t, `x "s"`, Resource{Type: "x", Name: "s"}.label())
}

func TestEveryTypeTheProgramDeclaresIsCovered(t *testing.T) {
	// The same as the program's own test, on the snapshot: every reviewed type of the list is used.
	load(t)
	used := map[string]bool{}
	for _, rs := range program {
		for _, r := range rs {
			assert.True(t, CoveredType(r.Type), "%s is neither inspected nor reviewed", r.Type)
			used[r.Type] = true
		}
	}
	for _, typ := range reviewedTypes {
		assert.True(t, used[typ], "%s is reviewed but the program declares it in no stack or variant: take it off reviewedTypes", typ)
	}
}

func TestCoveredType(t *testing.T) {
	for typ, want := range map[string]bool{
		rdsInstance: true, "aws:ec2/eip:Eip": true, "hybridcloud:network:Vpc": true, ec2Instance: true,
		vpcEndpoint:                    true, // read by stack rules only
		"aws:lambda/function:Function": false,
	} {
		assert.Equal(t, want, CoveredType(typ), typ)
	}
}

func TestReviewedTypesHaveNoRule(t *testing.T) {
	for _, typ := range reviewedTypes {
		for _, r := range All() {
			assert.NotContains(t, r.Types, typ, "%s has rule %s: take it off reviewedTypes", typ, r.ID)
			assert.NotContains(t, r.Reads, typ, "%s is read by rule %s: take it off reviewedTypes", typ, r.ID)
		}
	}
}
