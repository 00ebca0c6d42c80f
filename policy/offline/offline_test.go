package offline

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/platform"
	"github.com/insurance/hybridcloud/policy/rules"
)

func TestResourcesCarryTheProvidersEnvironmentTagAndDependencies(t *testing.T) {
	st, err := plan.LoadStack("../..", "dev")
	require.NoError(t, err)
	for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
		res, err := plan.Run(platform.Program(func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }), st, mode)
		require.NoError(t, err)
		var flowLog, vpcURN string
		for _, a := range Resources(res) {
			switch a.Type {
			case "aws:ec2/subnet:Subnet":
				assert.Equal(t, "pulumi:providers:aws", a.Provider.Type, mode)
				tags := a.Provider.Properties.Get("defaultTags").AsMap().Get("tags").AsMap()
				assert.Equal(t, "dev", tags.Get(rules.EnvironmentTag).AsString(), mode)
			case "aws:ec2/flowLog:FlowLog":
				flowLog = strings.Join(a.PropertyDependencies["vpcId"], ",")
			case "aws:ec2/vpc:Vpc":
				vpcURN = a.URN
			}
		}
		assert.Equal(t, vpcURN, flowLog, "the flow log's vpcId is traced to the VPC even when the id is unknown (%s)", mode)
	}
}

func TestEveryRunPassesButForKnownViolations(t *testing.T) {
	fired := map[string]bool{}
	for _, r := range runs(t) {
		vs, err := Check(r.res, r.st)
		require.NoError(t, err)
		assert.Empty(t, Mandatory(vs), r.name)
		for _, v := range Known(vs) {
			fired[v.Policy+" "+v.URN[strings.LastIndex(v.URN, "::")+2:]] = true
			assert.True(t, v.Mandatory(), "only mandatory violations are known ones")
			assert.Contains(t, v.String(), "[mandatory, known: ")
		}
		for _, v := range vs {
			if r.mode == plan.Up {
				assert.NotContains(t, []string{rules.UnknownsPolicyID, rules.StackUnknownsPolicyID}, v.Policy, "%s: %s", r.name, v)
			}
		}
	}
	for _, k := range KnownViolations {
		assert.True(t, fired[k.Rule+" "+k.Resource], "%s on %s no longer fires: remove it from KnownViolations", k.Rule, k.Resource)
		assert.NotEmpty(t, k.Why, k.Rule)
		assert.NotContains(t, k.fixedBy(), "issue 0")
	}
}

func TestAdvisoriesAreNeverKnown(t *testing.T) {
	saved := KnownViolations
	t.Cleanup(func() { KnownViolations = saved })
	KnownViolations = []KnownViolation{{Rule: rules.VpcEndpointEC2.ID, Resource: "prod-vpc", Issue: 16, Why: "a fixture entry"}}
	v := rules.Violation{Policy: rules.VpcEndpointEC2.ID, URN: "urn:x::prod-vpc", Enforcement: policyx.EnforcementLevelAdvisory}
	_, ok := known(v)
	assert.False(t, ok)
	v.Enforcement = policyx.EnforcementLevelMandatory
	k, ok := known(v)
	assert.True(t, ok)
	assert.Equal(t, "fixed by issue 16", k.fixedBy())
	assert.Len(t, Known([]rules.Violation{v, {Known: "x"}}), 1)
}
