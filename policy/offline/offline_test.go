package offline

import (
	"strings"
	"testing"
	"time"

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
