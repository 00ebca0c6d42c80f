package rules

import "strings"

// VpcEndpointIncidentManager requires the Incident Manager endpoints in every VPC of a stack that uses
// Incident Manager. The platform pages through the operations SNS topic, not Incident Manager; an endpoint
// for a service nobody calls protects nothing, so the rule asks for them only once the stack declares an
// Incident Manager resource.
var VpcEndpointIncidentManager = Rule{
	ID: "vpc-endpoint-incident-manager", Controls: []string{"EC2.58", "EC2.60"}, Severity: Low,
	Description: "When the stack declares Systems Manager Incident Manager resources (aws:ssmincidents/*, aws:ssmcontacts/*), every VPC has interface endpoints for ssm-contacts and ssm-incidents.",
	Remediation: "add ssm-contacts and ssm-incidents to the VPC's interface endpoints",
	Exceptions:  []string{"A stack that declares no Incident Manager resource needs neither endpoint: the program pages through the operations SNS topic, and an endpoint for an unused service adds cost and no protection."},
	Reads:       endpointReads,
	Stack: func(rs []Resource, f *Findings) {
		uses := false
		for _, r := range rs {
			uses = uses || strings.HasPrefix(r.Type, "aws:ssmincidents/") || strings.HasPrefix(r.Type, "aws:ssmcontacts/")
		}
		if !uses {
			return
		}
		for _, v := range ofType(rs, vpc) {
			for _, service := range []string{"ssm-contacts", "ssm-incidents"} {
				switch hasEndpoint(rs, v, service, true) {
				case pending:
					f.Unknown(v, "serviceName of its VPC endpoints")
				case no:
					f.Fail(v, "the stack uses Incident Manager but no interface VPC endpoint for %s has vpcId = this VPC", service)
				}
			}
		}
	},
}
