package rules

// AsgLaunchTemplate keeps Auto Scaling groups on launch templates, which carry IMDSv2 and encryption
// settings; launch configurations are deprecated and cannot.
var AsgLaunchTemplate = Rule{
	ID: "asg-launch-template", Controls: []string{"AutoScaling.9"}, Severity: Medium,
	Description: "Auto Scaling groups launch from a launch template (launchTemplate or mixedInstancesPolicy.launchTemplate.launchTemplateSpecification) and set no launchConfiguration.",
	Remediation: "reference the launch template and drop launchConfiguration",
	Types:       []string{autoScalingGroup},
	Reads: map[string][]string{autoScalingGroup: {"launchTemplate", "launchConfiguration",
		"mixedInstancesPolicy.launchTemplate.launchTemplateSpecification"}},
	Resource: func(r Resource, f *Findings) {
		if !r.Get("launchConfiguration").IsNull() {
			f.Fail(r, "launchConfiguration is %s; want a launch template", show(r.Get("launchConfiguration")))
		}
		if r.Get("launchTemplate").IsNull() && r.Get("mixedInstancesPolicy", "launchTemplate", "launchTemplateSpecification").IsNull() {
			f.Fail(r, "neither launchTemplate nor mixedInstancesPolicy.launchTemplate.launchTemplateSpecification is set")
		}
	},
}
