package config

import "strings"

// awsDomains are the domains the VPC's Resolver must answer itself: AWS service endpoints (interface
// endpoints' private DNS included) and EC2's own names. A forwarding rule for one of them, for a name
// under one, or for a parent of one sends those queries to the data centre, which cannot answer them, and
// ECS, ECR, SSM and the endpoints stop resolving. Route 53 keeps autodefined rules for the EC2 names only,
// and a forwarding rule for the same domain overrides even those:
// https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network-autodefined-rules.html
var awsDomains = []string{
	"amazonaws.com",      // service endpoints: ecr, ecs, ssm, s3, sts, ...
	"api.aws",            // dual-stack service endpoints
	"compute.internal",   // <region>.compute.internal: EC2 private host names outside us-east-1
	"ec2.internal",       // EC2 private host names in us-east-1
	"compute-1.internal", // us-east-1's other EC2 names
}

// serviceDomain refuses an on-premises domain that is, or lies under, a domain the Resolver needs. Their
// parents are single labels (com, aws, internal), which the domain pattern already refuses.
func (p *parser) serviceDomain(key, domain string) {
	for _, aws := range awsDomains {
		if domain == aws || strings.HasSuffix(domain, "."+aws) {
			p.fail(key, "%q is under AWS's %s: forwarding it on premises breaks the names ECS, ECR, SSM and the endpoints resolve", domain, aws)
		}
	}
}
