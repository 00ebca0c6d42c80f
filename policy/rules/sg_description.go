package rules

// providerDefaultDescription is what pulumi-aws sets when a security group is given no description.
const providerDefaultDescription = "Managed by Pulumi"

// SecurityGroupDescription requires every security group to say what it is for, so a reviewer can tell a
// rule that is too wide from one that is meant.
var SecurityGroupDescription = Rule{
	ID: "sg-description", Controls: []string{"AwsSolutions-EC27", "PCP aws-ec2-securitygroup-missing-description"}, Severity: Low,
	Description: "Security groups have a description of at least two characters other than the provider's default \"Managed by Pulumi\".",
	Remediation: "set description to what the group admits and why",
	Types:       []string{securityGroup},
	Reads:       map[string][]string{securityGroup: {"description"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("description")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "description")
		case len(s) < 2 || s == providerDefaultDescription:
			f.Fail(r, "description is %s; want what the group is for", show(v))
		}
	},
}
