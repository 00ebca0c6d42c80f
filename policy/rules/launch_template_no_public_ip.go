package rules

// LaunchTemplateNoPublicIP keeps public IPs off the ECS hosts.
var LaunchTemplateNoPublicIP = Rule{
	ID: "launch-template-no-public-ip", Controls: []string{"EC2.25", "EC2.9", "PCP aws-ec2-launchtemplate-disallow-public-ip"}, Severity: High,
	Description: "Launch templates never set networkInterfaces[].associatePublicIpAddress to true (pulumi-aws v6 types it as a string).",
	Remediation: "set associatePublicIpAddress to \"false\" on every network interface",
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"networkInterfaces[].associatePublicIpAddress"}},
	Resource: func(r Resource, f *Findings) {
		nics, known := items(r.Get("networkInterfaces"))
		if !known {
			f.Unknown(r, "networkInterfaces")
		}
		for i := range nics {
			forbidTrue(r, f, "networkInterfaces", i, "associatePublicIpAddress")
		}
	},
}
