package rules

import "testing"

func TestVpcFlowLogs(t *testing.T) {
	checkStack(t, VpcFlowLogs, []stackCase{
		{name: "the program logs ALL traffic of its VPC"},
		{name: "REJECT is enough for EC2.6", edit: func(s *stack) { s.set(flowLog, "prod-vpc", "trafficType", "REJECT") }},
		{name: "ACCEPT only fails", edit: func(s *stack) { s.set(flowLog, "prod-vpc", "trafficType", "ACCEPT") }, on: "prod-vpc",
			wantFail: "its flow logs record trafficType ACCEPT only; want ALL or REJECT"},
		{name: "ACCEPT beside ALL passes", edit: func(s *stack) {
			s.set(flowLog, "prod-vpc", "trafficType", "ACCEPT").add(flowLog, "prod-vpc-all", map[string]any{"trafficType": "ALL"}).
				dep(flowLog, "prod-vpc-all", "vpcId", vpc, "prod-vpc")
		}},
		{name: "an unknown type beside ALL passes", edit: func(s *stack) {
			s.set(flowLog, "prod-vpc", "trafficType", unknown).add(flowLog, "prod-vpc-all", map[string]any{"trafficType": "ALL"}).
				dep(flowLog, "prod-vpc-all", "vpcId", vpc, "prod-vpc")
		}},
		{name: "an unknown type is re-checked", edit: func(s *stack) { s.set(flowLog, "prod-vpc", "trafficType", unknown) }, wantUnknown: "trafficType"},
		{name: "no flow log fails", edit: func(s *stack) { s.drop(flowLog) }, on: "prod-vpc", wantFail: "no aws:ec2/flowLog:FlowLog has vpcId = this VPC"},
		{name: "a flow log of another VPC does not count", edit: func(s *stack) {
			s.dep(flowLog, "prod-vpc", "vpcId").set(flowLog, "prod-vpc", "vpcId", "vpc-other")
		}, on: "prod-vpc", wantFail: "no aws:ec2/flowLog"},
		{name: "a flow log matched by the VPC's known id counts (up, where the engine sends outputs)", edit: func(s *stack) {
			s.dep(flowLog, "prod-vpc", "vpcId").set(flowLog, "prod-vpc", "vpcId", "vpc-1234").output(vpc, "prod-vpc", "id", "vpc-1234")
		}},
	})
}

func TestFlowLogAllTraffic(t *testing.T) {
	checkRule(t, FlowLogAllTraffic, flowLog, inputsOf(t, "prod", flowLog, "prod-vpc"), []mutation{
		{name: "ALL to CloudWatch passes"},
		{name: "REJECT fails", set: map[string]any{"trafficType": "REJECT"}, wantFail: `trafficType is "REJECT"; want "ALL"`},
		{name: "S3 fails", set: map[string]any{"logDestinationType": "s3"}, wantFail: `logDestinationType is "s3"`},
		{name: "an unset destination type means CloudWatch", set: map[string]any{"logDestinationType": nil}},
		{name: "no destination fails", set: map[string]any{"logDestination": nil}, wantFail: "logDestination is unset"},
		{name: "the legacy log group name is a destination", set: map[string]any{"logDestination": nil, "logGroupName": "prod-vpc-flow-logs"}},
		{name: "an unknown type is re-checked at up", set: map[string]any{"trafficType": unknown}, wantUnknown: "trafficType"},
	})
}
