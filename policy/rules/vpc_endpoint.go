package rules

import "regexp"

// endpointReads are what the endpoint rules read.
var endpointReads = map[string][]string{vpc: {}, vpcEndpoint: {"vpcId", "serviceName", "vpcEndpointType"}}

// endpointRule is a stack rule requiring every VPC to have an endpoint for service (the last labels of
// com.amazonaws.<region>.<service>), of type Interface when interfaceOnly.
func endpointRule(id, control, service string, interfaceOnly bool, why string) Rule {
	kind, article := "VPC endpoint", "a "
	if interfaceOnly {
		kind, article = "interface VPC endpoint", "an "
	}
	return Rule{
		ID: id, Controls: []string{control}, Severity: Medium,
		Description: "Every VPC has " + article + kind + " for com.amazonaws.<region>." + service + ": " + why,
		Remediation: "add " + service + " to the VPC's interface endpoints (network.interfaceEndpoints)",
		Reads:       endpointReads,
		Stack: func(rs []Resource, f *Findings) {
			for _, v := range ofType(rs, vpc) {
				switch hasEndpoint(rs, v, service, interfaceOnly) {
				case pending:
					f.Unknown(v, "serviceName of its VPC endpoints")
				case no:
					f.Fail(v, "no %s for %s has vpcId = this VPC", kind, service)
				}
			}
		},
	}
}

// hasEndpoint says whether VPC v has an endpoint for service (com.amazonaws.<region>.<service>); pending
// when an endpoint of the VPC has an unknown service name or type and none matched.
func hasEndpoint(rs []Resource, v Resource, service string, interfaceOnly bool) verdict {
	name := regexp.MustCompile(`^com\.amazonaws\.[a-z0-9-]+\.` + regexp.QuoteMeta(service) + `$`)
	answer := no
	for _, e := range ofType(rs, vpcEndpoint) {
		svc, nameKnown := text(e.Get("serviceName"))
		typ, typeKnown := text(e.Get("vpcEndpointType"))
		switch {
		case !links(e, "vpcId", v):
		case name.MatchString(svc) && (!interfaceOnly || typ == "Interface"):
			return yes
		case !nameKnown || !typeKnown:
			answer = pending
		}
	}
	return answer
}
