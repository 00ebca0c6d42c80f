package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LaunchTemplateNoPublicIP keeps public IPs off the ECS hosts.
var LaunchTemplateNoPublicIP = Rule{
	ID: "launch-template-no-public-ip", Control: "EC2.25", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Launch templates never set networkInterfaces[].associatePublicIpAddress to true.",
	Types:       []string{launchTemplate},
	Resource: func(r Resource, f *Findings) {
		nics, known := items(r.Get("networkInterfaces"))
		if !known {
			f.Unknown(r, "networkInterfaces")
		}
		for i, nic := range nics {
			v := walk(nic, "associatePublicIpAddress")
			on, known := truth(v)
			path := pathString([]any{"networkInterfaces", i, "associatePublicIpAddress"})
			switch {
			case !known:
				f.Unknown(r, path)
			case on:
				f.Fail(r, "%s is %s; want false", path, show(v))
			}
		}
	},
}
