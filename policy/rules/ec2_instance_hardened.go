package rules

// Ec2InstanceHardened holds a standalone instance to what the launch-template rules ask of the ECS hosts:
// no public address, IMDSv2, every volume encrypted.
var Ec2InstanceHardened = Rule{
	ID: "ec2-instance-hardened", Controls: []string{"EC2.9", "EC2.8", "EC2.3", "PCP aws-ec2-instance-disallow-public-ip"}, Severity: High,
	Description: "Standalone instances set associatePublicIpAddress false, require IMDSv2 (unless the metadata service is off), and encrypt their root and EBS volumes.",
	Remediation: "set associatePublicIpAddress false, metadataOptions.httpTokens \"required\", and encrypted true on rootBlockDevice and every ebsBlockDevices entry",
	Types:       []string{ec2Instance},
	Reads: map[string][]string{ec2Instance: {"associatePublicIpAddress", "metadataOptions.httpTokens", "metadataOptions.httpEndpoint",
		"rootBlockDevice.encrypted", "ebsBlockDevices[].encrypted"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("associatePublicIpAddress")
		if public, known := truth(v); !known {
			f.Unknown(r, "associatePublicIpAddress")
		} else if public || v.IsNull() {
			// Unset takes the subnet's default, which a public subnet sets to true.
			f.Fail(r, "associatePublicIpAddress is %s; want false", show(v))
		}
		if endpoint, known := text(r.Get("metadataOptions", "httpEndpoint")); !known {
			f.Unknown(r, "metadataOptions.httpEndpoint")
		} else if endpoint != "disabled" {
			requireOneOf(r, f, []string{"required"}, "", "metadataOptions", "httpTokens")
		}
		requireTrue(r, f, "rootBlockDevice", "encrypted")
		devices, known := items(r.Get("ebsBlockDevices"))
		if !known {
			f.Unknown(r, "ebsBlockDevices")
		}
		for i := range devices {
			requireTrue(r, f, "ebsBlockDevices", i, "encrypted")
		}
	},
}
