package rules

// EbsDefaultEncryption holds the account's EBS encryption-by-default setting, where a stack declares it.
var EbsDefaultEncryption = Rule{
	ID: "ebs-default-encryption", Controls: []string{"EC2.7"}, Severity: Medium,
	Description: "Where declared, EBS encryption by default is enabled (enabled true or unset).",
	Remediation: "set enabled true",
	Exceptions:  []string{"An account-level setting (catalogue F3): this program does not declare it; the account baseline stack does. Every volume the program maps is encrypted explicitly (launch-template-encrypted-volumes, ec2-instance-hardened)."},
	Types:       []string{ebsDefaultEncryption},
	Reads:       map[string][]string{ebsDefaultEncryption: {"enabled"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("enabled")
		if on, known := truth(v); !known {
			f.Unknown(r, "enabled")
		} else if !on && !v.IsNull() {
			f.Fail(r, "enabled is false; want true")
		}
	},
}
