package rules

// LaunchTemplateSingleENI keeps each host on one network interface, so it cannot bridge two subnets.
var LaunchTemplateSingleENI = Rule{
	ID: "launch-template-single-eni", Controls: []string{"EC2.17"}, Severity: Low,
	Description: "Launch templates declare at most one network interface.",
	Remediation: "declare one network interface; awsvpc tasks get their own interfaces from ECS",
	Exceptions:  []string{"Interfaces ECS attaches to a host for awsvpc tasks at run time are not inputs (the catalogue marks EC2.17 partly static); Security Hub reports them on the instances."},
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"networkInterfaces"}},
	Resource: func(r Resource, f *Findings) {
		nics, known := items(r.Get("networkInterfaces"))
		switch {
		case !known:
			f.Unknown(r, "networkInterfaces")
		case len(nics) > 1:
			f.Fail(r, "networkInterfaces has %d interfaces; want at most 1", len(nics))
		}
	},
}
