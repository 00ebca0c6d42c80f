package rules

// minASGInstanceTypes is what AutoScaling.6 asks for: a second type to fall back on when one is short.
const minASGInstanceTypes = 2

// AsgInstanceTypes lets the group launch a second instance type when the first has no capacity in a zone.
// Dev runs a single small host of one type to save cost, so there the rule advises.
var AsgInstanceTypes = Rule{
	ID: "asg-instance-types", Controls: []string{"AutoScaling.6"}, Severity: Low,
	AdvisoryIn:  []Environment{Dev},
	Description: "Auto Scaling groups list at least two instance types (mixedInstancesPolicy.launchTemplate.overrides); the zone half of AutoScaling.6 is asg-multi-az; advisory in dev, which runs one host of one type.",
	Remediation: "use a mixedInstancesPolicy whose overrides list two or more instance types",
	Types:       []string{autoScalingGroup},
	Reads:       map[string][]string{autoScalingGroup: {"mixedInstancesPolicy.launchTemplate.overrides[].instanceType"}},
	Resource: func(r Resource, f *Findings) {
		overrides, known := items(r.Get("mixedInstancesPolicy", "launchTemplate", "overrides"))
		var types []string
		for _, o := range overrides {
			t, ok := text(walk(o, "instanceType"))
			known = known && ok
			if t != "" {
				types = compactStrings(append(types, t))
			}
		}
		switch {
		case len(types) >= minASGInstanceTypes:
		case !known:
			f.Unknown(r, "mixedInstancesPolicy.launchTemplate.overrides")
		default:
			f.Fail(r, "launches %d instance type(s) (%s); want at least %d", len(types), showList(types), minASGInstanceTypes)
		}
	},
}
