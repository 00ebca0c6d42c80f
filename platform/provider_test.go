package platform

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestOneTaggedProviderCarriesTheRegionAndMandatoryTags(t *testing.T) {
	want := map[string]map[string]any{
		"dev":  {"aws": "us-east-1"},
		"prod": {"aws": "us-east-1", "aws-dr": "us-west-2", "aws-vault-account": "us-east-1"},
	}
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		providers := res.OfType("pulumi:providers:aws")
		require.NotEmpty(t, providers)
		regions := map[string]any{}
		for _, p := range providers {
			regions[p.Name] = p.Props()["region"]
			tags := p.Props()["defaultTags"].(map[string]any)["tags"].(map[string]any)
			assert.Equal(t, stack, tags["Environment"], p.Name)
			assert.Equal(t, "hybridcloud", tags["Project"], p.Name)
			assert.Equal(t, "pulumi", tags["ManagedBy"], p.Name)
		}
		assert.Equal(t, want[stack], regions, "%s: the stack's region, the DR region where backups are copied to it, and the backup account's vault in the stack's region", stack)
	}
}

func TestAConfigErrorStopsTheProgramBeforeAnyResource(t *testing.T) {
	st := withConfig(stackFiles(t, "dev"), "hybridcloud:network", `{"cidr":"10.0.0.0/16"}`)
	res, err := plan.Run(Program(func() time.Time { return testNow }), st, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:network.natStrategy: required")
	require.NotNil(t, res)
	assert.Empty(t, res.Resources, "not even the provider is declared before the config is valid")
}

func TestEveryAWSResourceUsesTheTaggedProvider(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		res := runStack(t, stack, plan.Up)
		for _, r := range res.Resources {
			if !r.Custom || strings.HasPrefix(r.Type, "pulumi:providers:") {
				continue
			}
			assert.True(t, strings.HasPrefix(r.Provider, "urn:pulumi:"+stack+"::hybridcloud::pulumi:providers:aws::"),
				"%s %s uses provider %q: the default provider is disabled and would also skip the mandatory tags", r.Type, r.Name, r.Provider)
		}
	}
}
