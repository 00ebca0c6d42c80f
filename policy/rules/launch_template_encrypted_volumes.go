package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LaunchTemplateEncryptedVolumes requires every EBS mapping to be encrypted.
var LaunchTemplateEncryptedVolumes = Rule{
	ID: "launch-template-encrypted-volumes", Control: "EC2.181", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Launch templates map at least one EBS volume, and every one has ebs.encrypted = \"true\".",
	Types:       []string{launchTemplate},
	Resource: func(r Resource, f *Findings) {
		maps, known := items(r.Get("blockDeviceMappings"))
		switch {
		case !known:
			f.Unknown(r, "blockDeviceMappings")
		case len(maps) == 0:
			f.Fail(r, "blockDeviceMappings is empty: the root volume keeps the AMI's (possibly unencrypted) setting")
		}
		for i, m := range maps {
			if walk(m, "ebs").IsNull() {
				continue
			}
			v := walk(m, "ebs", "encrypted")
			on, known := truth(v)
			path := pathString([]any{"blockDeviceMappings", i, "ebs", "encrypted"})
			switch {
			case !known:
				f.Unknown(r, path)
			case !on:
				f.Fail(r, "%s is %s; want \"true\"", path, show(v))
			}
		}
	},
}
