package rules

// LaunchTemplateEncryptedVolumes requires every EBS mapping to be encrypted.
var LaunchTemplateEncryptedVolumes = Rule{
	ID: "launch-template-encrypted-volumes", Controls: []string{"EC2.181", "EC2.3", "AwsSolutions-EC26", "PCP aws-ec2-launchtemplate-disallow-unencrypted-block-device"}, Severity: High,
	Description: "Launch templates map at least one EBS volume (the root), and every one has ebs.encrypted = \"true\".",
	Remediation: "map the root device with ebs.encrypted \"true\"",
	Exceptions:  []string{"EC2.3 is partly static: an AMI's unmapped snapshot volumes are not inputs, so the rule wants the root device mapped explicitly."},
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"blockDeviceMappings[].ebs.encrypted"}},
	Resource: func(r Resource, f *Findings) {
		maps, known := items(r.Get("blockDeviceMappings"))
		switch {
		case !known:
			f.Unknown(r, "blockDeviceMappings")
		case len(maps) == 0:
			f.Fail(r, "blockDeviceMappings is empty: the root volume keeps the AMI's (possibly unencrypted) setting")
		}
		for i, m := range maps {
			if !walk(m, "ebs").IsNull() {
				requireTrue(r, f, "blockDeviceMappings", i, "ebs", "encrypted")
			}
		}
	},
}
