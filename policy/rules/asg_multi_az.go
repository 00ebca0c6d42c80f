package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// minASGSubnets is the AutoScaling.2 minimum number of AZs (one subnet per AZ in this program).
const minASGSubnets = 2

// AsgMultiAZ spreads the ECS hosts over at least two AZs, so losing one AZ leaves capacity.
var AsgMultiAZ = Rule{
	ID: "asg-multi-az", Control: "AutoScaling.2", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Auto Scaling groups span at least two subnets (vpcZoneIdentifiers; the program has one app subnet per AZ).",
	Types:       []string{"aws:autoscaling/group:Group"},
	Resource: func(r Resource, f *Findings) {
		// The subnet ids are unknown at preview, but how many there are is known.
		subnets, known := items(r.Get("vpcZoneIdentifiers"))
		switch {
		case !known:
			f.Unknown(r, "vpcZoneIdentifiers")
		case len(subnets) < minASGSubnets:
			f.Fail(r, "vpcZoneIdentifiers has %d subnet(s); want at least %d AZs", len(subnets), minASGSubnets)
		}
	},
}
