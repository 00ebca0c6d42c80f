package rules

// VpcEndpointSSM requires an endpoint for ssm in every VPC: Systems Manager (agents, Session Manager, patching) stays private.
var VpcEndpointSSM = endpointRule("vpc-endpoint-ssm", "EC2.57", "ssm", true, "Systems Manager (agents, Session Manager, patching) stays private.")
