package rules

// minASGZones is the AutoScaling.2 minimum number of availability zones.
const minASGZones = 2

// AsgMultiAZ spreads the ECS hosts over at least two AZs, so losing one AZ leaves capacity. It counts zones,
// not subnets: two subnets in one zone are one zone.
var AsgMultiAZ = Rule{
	ID: "asg-multi-az", Controls: []string{"AutoScaling.2", "AutoScaling.6"}, Severity: Medium,
	Description: "Auto Scaling groups span at least two availability zones: the distinct availabilityZone of the subnets in vpcZoneIdentifiers (resolved in the stack), or availabilityZones.",
	Remediation: "give vpcZoneIdentifiers one app subnet in each of at least two zones",
	Reads:       map[string][]string{autoScalingGroup: {"vpcZoneIdentifiers", "availabilityZones"}, subnet: {"availabilityZone", "availabilityZoneId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, g := range ofType(rs, autoScalingGroup) {
			azs, known := zones(rs, g, "vpcZoneIdentifiers")
			if listed, listKnown := texts(g.Get("availabilityZones")); len(listed) > 0 || !listKnown {
				azs, known = compactStrings(listed), listKnown
			}
			switch {
			case len(azs) >= minASGZones:
			case !known:
				f.Unknown(g, "availability zones of vpcZoneIdentifiers")
			default:
				f.Fail(g, "spans %d availability zone(s) (%s); want at least %d", len(azs), showList(azs), minASGZones)
			}
		}
	},
}
