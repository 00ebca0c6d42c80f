package platform

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

func TestStacksGetTheirNetworkShape(t *testing.T) {
	cases := []struct {
		stack              string
		subnets, nats      int
		interfaceEndpoints int
		endpointAZs        int
		retainLogs         bool
	}{
		{"dev", 6, 1, 14, 1, false},
		{"prod", 9, 3, 14, 3, true},
	}
	for _, tc := range cases {
		t.Run(tc.stack, func(t *testing.T) {
			for _, mode := range []plan.Mode{plan.Up, plan.Preview} {
				res := primaryOf(runStack(t, tc.stack, mode))
				counts := res.CountByType()
				assert.Equal(t, tc.subnets, counts["aws:ec2/subnet:Subnet"], mode)
				assert.Equal(t, tc.nats, counts["aws:ec2/natGateway:NatGateway"], mode)
				var interfaces int
				for _, e := range res.OfType("aws:ec2/vpcEndpoint:VpcEndpoint") {
					if e.Props()["vpcEndpointType"] == "Interface" {
						interfaces++
						assert.Len(t, e.Dependencies["subnetIds"], tc.endpointAZs, "%s %s: one ENI per AZ it serves", e.Name, mode)
					}
				}
				assert.Equal(t, tc.interfaceEndpoints, interfaces, mode)
				group, ok := res.Named("aws:cloudwatch/logGroup:LogGroup", tc.stack+"-vpc-flow-logs")
				require.True(t, ok)
				assert.Equal(t, tc.retainLogs, group.RetainOnDelete, "prod keeps its flow logs through a destroy")
			}
		})
	}
}
