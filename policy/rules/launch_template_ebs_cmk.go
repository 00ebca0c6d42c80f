package rules

// LaunchTemplateEBSCMK requires the hosts' volumes to be encrypted with the stack's key, not the account's
// AWS-managed aws/ebs key, so access to the data follows the key policy.
var LaunchTemplateEBSCMK = Rule{
	ID: "launch-template-ebs-cmk", Controls: []string{"PCP aws-ec2-launchtemplate-configure-customer-managed-key"}, Severity: Medium,
	Description: "Every encrypted EBS mapping of a launch template names a customer-managed key (ebs.kmsKeyId, not alias/aws/ebs).",
	Remediation: "set ebs.kmsKeyId to the compute key's ARN",
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"blockDeviceMappings[].ebs.encrypted", "blockDeviceMappings[].ebs.kmsKeyId"}},
	Resource: func(r Resource, f *Findings) {
		maps, known := items(r.Get("blockDeviceMappings"))
		if !known {
			f.Unknown(r, "blockDeviceMappings")
		}
		for i, m := range maps {
			if on, _ := truth(walk(m, "ebs", "encrypted")); on {
				requireCustomerKey(r, f, "aws/ebs", "blockDeviceMappings", i, "ebs", "kmsKeyId")
			}
		}
	},
}
