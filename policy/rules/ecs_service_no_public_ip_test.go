package rules

import "testing"

func TestEcsServiceNoPublicIP(t *testing.T) {
	checkRule(t, EcsServiceNoPublicIP, "aws:ecs/service:Service",
		map[string]any{"networkConfiguration": map[string]any{"assignPublicIp": false, "subnets": []any{unknown}}}, []mutation{
			{name: "no public IP passes"},
			{name: "an EXTERNAL service without network configuration passes", set: map[string]any{"networkConfiguration": nil}},
			{name: "a public IP fails", set: map[string]any{"networkConfiguration": map[string]any{"assignPublicIp": true}}, wantFail: "assignPublicIp is true"},
		})
}
