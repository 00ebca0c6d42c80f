package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVpcFlowLogs(t *testing.T) {
	vpc := node("aws:ec2/vpc:Vpc", "prod-vpc", map[string]any{"cidrBlock": "10.30.0.0/16"}, nil)
	other := node("aws:ec2/vpc:Vpc", "other-vpc", map[string]any{"cidrBlock": "10.40.0.0/16"}, nil)
	flow := node("aws:ec2/flowLog:FlowLog", "prod-vpc", map[string]any{"vpcId": unknown, "trafficType": "ALL"}, dependsOn("vpcId", vpc))
	cases := []struct {
		name string
		rs   []Resource
		want []string
	}{
		{"a VPC whose flow log's vpcId comes from it passes, though the id is unknown", []Resource{vpc, flow}, nil},
		{"a VPC without a flow log fails", []Resource{vpc}, []string{`Vpc "prod-vpc": no aws:ec2/flowLog:FlowLog has vpcId = this VPC`}},
		{"a flow log on another VPC does not count", []Resource{vpc, other, flow}, []string{`Vpc "other-vpc": no aws:ec2/flowLog:FlowLog`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := stackFailures(VpcFlowLogs, tc.rs...)
			assert.Len(t, got, len(tc.want))
			for i := range tc.want {
				if i < len(got) {
					assert.Contains(t, got[i], tc.want[i])
				}
			}
		})
	}
}
