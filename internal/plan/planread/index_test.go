package planread_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestComponentIsTheOutermostComponent(t *testing.T) {
	b := &plantest.Builder{}
	outer := b.Component("hybridcloud:compute:Services", "services")
	inner := b.Resource(outer, "hybridcloud:compute:Service", "api", nil, nil)
	task := b.Resource(inner, "aws:ecs/taskDefinition:TaskDefinition", "api", nil, nil)
	prov := b.Provider("aws", "us-east-1")
	x := planread.New(b.Result().Resources)

	for _, r := range []plan.Resource{outer, inner, task} {
		c, ok := x.Component(r)
		require.True(t, ok, r.Name)
		assert.Equal(t, outer.URN, c.URN, r.Type)
	}
	_, ok := x.Component(prov)
	assert.False(t, ok, "a provider belongs to no component")
}

func TestDependenciesAreFollowedBothWays(t *testing.T) {
	b := &plantest.Builder{}
	c := b.Component("hybridcloud:compute:Cluster", "compute")
	lt := b.Resource(c, "aws:ec2/launchTemplate:LaunchTemplate", "hosts", nil, nil)
	asg := b.Resource(c, "aws:autoscaling/group:Group", "hosts", nil, map[string][]plan.Resource{"launchTemplate": {lt}})
	x := planread.New(b.Result().Resources)

	got, ok := x.Dependency(asg, "launchTemplate", "aws:ec2/launchTemplate:LaunchTemplate")
	require.True(t, ok)
	assert.Equal(t, lt.URN, got.URN)
	_, ok = x.Dependency(asg, "launchTemplate", "aws:ec2/instance:Instance")
	assert.False(t, ok, "the type must match")
	assert.Equal(t, []plan.Resource{asg}, x.Dependents(lt, "aws:autoscaling/group:Group", "launchTemplate"))
	assert.Empty(t, x.Dependents(lt, "aws:autoscaling/group:Group", "mixedInstancesPolicy"))
}

func TestRegionIsTheProvidersOrTheFallback(t *testing.T) {
	b := &plantest.Builder{}
	dr := b.Provider("dr", "eu-central-1")
	c := b.Component("hybridcloud:data:Backup", "backup")
	home := b.Resource(c, "aws:backup/vault:Vault", "home", nil, nil)
	away := b.Resource(c, "aws:backup/vault:Vault", "away", nil, nil)
	b.On(away, dr)
	res := b.Result()
	x := planread.New(res.Resources)
	assert.Equal(t, "us-east-1", x.Region(home, "us-east-1"))
	away, _ = x.Resource(away.URN)
	assert.Equal(t, "eu-central-1", x.Region(away, "us-east-1"))
}

func TestAnActivationRegistersECSAnywhereHostsWhenExternalServicesUseItsCluster(t *testing.T) {
	b := &plantest.Builder{}
	compute := b.Component("hybridcloud:compute:Cluster", "compute")
	cluster := b.Resource(compute, planread.TypeECSCluster, "cluster", nil, nil)
	anywhere := b.Resource(compute, planread.TypeSSMActivation, "anywhere", nil, nil)
	services := b.Component("hybridcloud:compute:Services", "services")
	b.Resource(services, planread.TypeECSService, "api", map[string]any{"launchType": "EC2"}, map[string][]plan.Resource{"cluster": {cluster}})
	mgmt := b.Component("hybridcloud:hybrid:Management", "management")
	servers := b.Resource(mgmt, planread.TypeSSMActivation, "servers", nil, nil)

	x := planread.New(b.Result().Resources)
	assert.False(t, x.RegistersECSAnywhereHosts(anywhere), "no EXTERNAL service yet")

	b.Resource(services, planread.TypeECSService, "batch", map[string]any{"launchType": "EXTERNAL"}, map[string][]plan.Resource{"cluster": {cluster}})
	x = planread.New(b.Result().Resources)
	assert.True(t, x.RegistersECSAnywhereHosts(anywhere))
	assert.False(t, x.RegistersECSAnywhereHosts(servers))
}

func TestInputReadersTreatUnknownsAsAbsent(t *testing.T) {
	m := map[string]any{"s": "x", "u": plan.UnknownValue, "n": 2.0, "b": true, "l": []any{1.0}, "o": map[string]any{"k": "v"}}
	assert.Equal(t, "x", planread.String(m, "s"))
	assert.Empty(t, planread.String(m, "u"))
	n, ok := planread.Number(m, "n")
	assert.True(t, ok)
	assert.Equal(t, 2.0, n)
	_, ok = planread.Number(m, "s")
	assert.False(t, ok)
	assert.True(t, planread.Bool(m, "b"))
	assert.False(t, planread.Bool(m, "missing"))
	assert.Len(t, planread.List(m, "l"), 1)
	assert.Equal(t, "v", planread.Object(m, "o")["k"])
}
