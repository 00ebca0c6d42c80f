package rules

import (
	"slices"
	"strings"
)

// paravirtualFamilies are the instance families that can run paravirtual AMIs (all previous generation,
// per the EC2 user guide's "Linux AMI virtualization types"). Every other family runs HVM only, so a
// current-generation instance type guarantees an HVM AMI without looking the AMI up.
var paravirtualFamilies = []string{"c1", "c3", "cc2", "cg1", "cr1", "hi1", "hs1", "m1", "m2", "m3", "t1"}

// Ec2CurrentGeneration keeps instances off the families that can boot paravirtual AMIs.
var Ec2CurrentGeneration = Rule{
	ID: "ec2-current-generation", Controls: []string{"EC2.24"}, Severity: Medium,
	Description: "Launch templates, Auto Scaling overrides and standalone instances use instance types of current-generation families, which run HVM AMIs only.",
	Remediation: "choose a current-generation instance type (m7i, m6i, t3, ...)",
	Exceptions:  []string{"EC2.24 is a property of the AMI (the catalogue marks it partly static); the rule checks the instance family instead, which decides it for every family but the previous-generation ones it refuses."},
	Types:       []string{launchTemplate, autoScalingGroup, ec2Instance},
	Reads: map[string][]string{launchTemplate: {"instanceType"}, ec2Instance: {"instanceType"},
		autoScalingGroup: {"mixedInstancesPolicy.launchTemplate.overrides[].instanceType"}},
	Resource: func(r Resource, f *Findings) {
		var paths [][]any
		if r.Type == autoScalingGroup {
			overrides, known := items(r.Get("mixedInstancesPolicy", "launchTemplate", "overrides"))
			if !known {
				f.Unknown(r, "mixedInstancesPolicy.launchTemplate.overrides")
			}
			for i := range overrides {
				paths = append(paths, []any{"mixedInstancesPolicy", "launchTemplate", "overrides", i, "instanceType"})
			}
		} else {
			paths = [][]any{{"instanceType"}}
		}
		for _, p := range paths {
			v := r.Get(p...)
			typ, known := text(v)
			family, _, _ := strings.Cut(typ, ".")
			switch {
			case !known:
				f.Unknown(r, pathString(p))
			case slices.Contains(paravirtualFamilies, strings.ToLower(family)):
				f.Fail(r, "%s is %s, a previous-generation family that can run paravirtual AMIs", pathString(p), show(v))
			}
		}
	},
}
