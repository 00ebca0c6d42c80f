package rules

// minLBZones is the ELB.13 minimum.
const minLBZones = 2

// LoadBalancerMultiAZ keeps the load balancer serving when one zone fails.
var LoadBalancerMultiAZ = Rule{
	ID: "lb-multi-az", Controls: []string{"ELB.13"}, Severity: Medium,
	Description: "Load balancers span at least two availability zones: the distinct availabilityZone of their subnets (subnets or subnetMappings[].subnetId, resolved in the stack).",
	Remediation: "give the load balancer one app subnet in each of at least two zones",
	Reads: map[string][]string{loadBalancerTypes[0]: {"subnets", "subnetMappings[].subnetId"}, loadBalancerTypes[1]: {"subnets", "subnetMappings[].subnetId"},
		subnet: {"availabilityZone", "availabilityZoneId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, lb := range ofType(rs, loadBalancerTypes...) {
			azs, known := zones(rs, lb, "subnets")
			if mappings, ok := items(lb.Get("subnetMappings")); len(mappings) > 0 || !ok {
				azs, known = zones(rs, lb, "subnetMappings") // an unknown list is not known there either
			}
			switch {
			case len(azs) >= minLBZones:
			case !known:
				f.Unknown(lb, "availability zones of its subnets")
			default:
				f.Fail(lb, "spans %d availability zone(s) (%s); want at least %d", len(azs), showList(azs), minLBZones)
			}
		}
	},
}
