package rules

// VpcEndpointECRDocker requires an endpoint for ecr.dkr in every VPC: image pulls stay off the internet.
var VpcEndpointECRDocker = endpointRule("vpc-endpoint-ecr-dkr", "EC2.56", "ecr.dkr", true, "image pulls stay off the internet.")
