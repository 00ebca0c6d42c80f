package rules

// VpcEndpointEC2 requires an endpoint for ec2 in every VPC: the ECS agent and the hosts call the EC2 API (DescribeTags, volumes) without the NAT gateway.
var VpcEndpointEC2 = endpointRule("vpc-endpoint-ec2", "EC2.10", "ec2", false, "the ECS agent and the hosts call the EC2 API (DescribeTags, volumes) without the NAT gateway.")
