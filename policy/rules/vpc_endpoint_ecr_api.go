package rules

// VpcEndpointECRAPI requires an endpoint for ecr.api in every VPC: hosts authenticate to ECR and read image manifests privately.
var VpcEndpointECRAPI = endpointRule("vpc-endpoint-ecr-api", "EC2.55", "ecr.api", true, "hosts authenticate to ECR and read image manifests privately.")
