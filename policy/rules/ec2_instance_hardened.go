package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// ec2Instance is the type token of a standalone instance (the EC2-hosted File Gateway).
const ec2Instance = "aws:ec2/instance:Instance"

// Ec2InstanceHardened holds a standalone instance to what the launch-template rules ask of the ECS hosts:
// no public address, IMDSv2, every volume encrypted.
var Ec2InstanceHardened = Rule{
	ID: "ec2-instance-hardened", Control: "EC2.9/EC2.8/EC2.3", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Standalone instances have no public IP, require IMDSv2 and encrypt their root and EBS volumes.",
	Types:       []string{ec2Instance},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("associatePublicIpAddress")
		if public, known := truth(v); !known {
			f.Unknown(r, "associatePublicIpAddress")
		} else if public || v.IsNull() {
			// Unset takes the subnet's default, which a public subnet sets to true.
			f.Fail(r, "associatePublicIpAddress is %s; want false", show(v))
		}
		tokens := r.Get("metadataOptions", "httpTokens")
		if s, known := text(tokens); !known {
			f.Unknown(r, "metadataOptions.httpTokens")
		} else if s != "required" {
			f.Fail(r, "metadataOptions.httpTokens is %s; want \"required\"", show(tokens))
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
