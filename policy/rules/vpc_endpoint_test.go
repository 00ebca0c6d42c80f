package rules

import "testing"

// withoutEC2Endpoint drops the program's ec2 interface endpoint.
func withoutEC2Endpoint(s *stack) { s.drop(vpcEndpoint, "prod-vpc-ec2") }

func TestVpcEndpointEC2(t *testing.T) {
	checkStack(t, VpcEndpointEC2, []stackCase{
		{name: "the program's ec2 interface endpoint passes"},
		{name: "a VPC without an ec2 endpoint fails", edit: withoutEC2Endpoint, on: "prod-vpc",
			wantFail: "no VPC endpoint for ec2 has vpcId = this VPC"},
		{name: "a gateway-type endpoint counts for EC2.10", edit: func(s *stack) {
			s.set(vpcEndpoint, "prod-vpc-ec2", "vpcEndpointType", "Gateway")
		}},
		{name: "ec2messages is not ec2", edit: func(s *stack) {
			s.set(vpcEndpoint, "prod-vpc-ec2", "serviceName", "com.amazonaws.us-east-1.ec2messages")
		}, on: "prod-vpc", wantFail: "for ec2 "},
		{name: "a service of another vendor is not AWS's", edit: func(s *stack) {
			s.set(vpcEndpoint, "prod-vpc-ec2", "serviceName", "com.example.us-east-1.ec2")
		}, on: "prod-vpc", wantFail: "for ec2 "},
		{name: "a longer name ending in ec2 is not the EC2 service", edit: func(s *stack) {
			s.set(vpcEndpoint, "prod-vpc-ec2", "serviceName", "com.amazonaws.vpce.us-east-1.ec2")
		}, on: "prod-vpc", wantFail: "for ec2 "},
		{name: "an endpoint of another VPC does not count", edit: func(s *stack) {
			s.dep(vpcEndpoint, "prod-vpc-ec2", "vpcId")
		}, on: "prod-vpc", wantFail: "for ec2 "},
		{name: "an unknown service name is re-checked", edit: func(s *stack) {
			withoutEC2Endpoint(s)
			s.set(vpcEndpoint, "prod-vpc-sts", "serviceName", unknown)
		}, wantUnknown: "serviceName of its VPC endpoints"},
		{name: "an unknown type is re-checked", edit: func(s *stack) {
			withoutEC2Endpoint(s)
			s.set(vpcEndpoint, "prod-vpc-sts", "vpcEndpointType", unknown)
		}, wantUnknown: "serviceName of its VPC endpoints"},
	})
}

func TestVpcEndpointInterfaces(t *testing.T) {
	for _, tc := range []struct {
		rule     Rule
		endpoint string
		service  string
	}{
		{VpcEndpointECRAPI, "prod-vpc-ecr.api", "ecr.api"},
		{VpcEndpointECRDocker, "prod-vpc-ecr.dkr", "ecr.dkr"},
		{VpcEndpointSSM, "prod-vpc-ssm", "ssm"},
	} {
		checkStack(t, tc.rule, []stackCase{
			{name: tc.service + ": the program's endpoint passes"},
			{name: tc.service + ": dev's passes", stack: "dev"},
			{name: tc.service + ": no endpoint fails", edit: func(s *stack) { s.drop(vpcEndpoint, tc.endpoint) }, on: "prod-vpc",
				wantFail: "no interface VPC endpoint for " + tc.service},
			{name: tc.service + ": a gateway endpoint does not count", edit: func(s *stack) { s.set(vpcEndpoint, tc.endpoint, "vpcEndpointType", "Gateway") },
				on: "prod-vpc", wantFail: tc.service},
		})
	}
}

func TestVpcEndpointIncidentManager(t *testing.T) {
	uses := func(s *stack) {
		s.add("aws:ssmcontacts/contact:Contact", "oncall", map[string]any{})
	}
	s := func(service string) func(s *stack) {
		return func(st *stack) {
			st.add(vpcEndpoint, "prod-vpc-"+service, map[string]any{"serviceName": "com.amazonaws.us-east-1." + service, "vpcEndpointType": "Interface"}).
				dep(vpcEndpoint, "prod-vpc-"+service, "vpcId", vpc, "prod-vpc")
		}
	}
	checkStack(t, VpcEndpointIncidentManager, []stackCase{
		{name: "a stack without Incident Manager needs neither endpoint"},
		{name: "a stack with an Incident Manager contact needs both", edit: uses, on: "prod-vpc",
			wantFail: "the stack uses Incident Manager but no interface VPC endpoint for ssm-", wantFails: 2},
		{name: "an Incident Manager response plan counts too", edit: func(st *stack) {
			st.add("aws:ssmincidents/responsePlan:ResponsePlan", "plan", map[string]any{})
			s("ssm-contacts")(st)
		}, on: "prod-vpc", wantFail: "for ssm-incidents"},
		{name: "with both endpoints it passes", edit: func(st *stack) { uses(st); s("ssm-contacts")(st); s("ssm-incidents")(st) }},
		{name: "an unknown service name is re-checked", edit: func(st *stack) {
			uses(st)
			st.set(vpcEndpoint, "prod-vpc-sts", "serviceName", unknown)
		}, wantUnknown: "serviceName"},
	})
}
