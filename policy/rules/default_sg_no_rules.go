package rules

// DefaultSecurityGroupClosed keeps the adopted default security group empty, so nothing that lands in it by
// accident can talk to anything.
var DefaultSecurityGroupClosed = Rule{
	ID: "default-sg-no-rules", Controls: []string{"EC2.2"}, Severity: Medium,
	Description: "The VPC's adopted default security group has no ingress and no egress rules.",
	Remediation: "declare the aws:ec2/defaultSecurityGroup without ingress and egress",
	Types:       []string{defaultSecurityGroup},
	Reads:       map[string][]string{defaultSecurityGroup: {"ingress", "egress"}},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{ingress, egress} {
			list, known := items(r.Get(k))
			switch {
			case !known:
				f.Unknown(r, k)
			case len(list) > 0:
				f.Fail(r, "%s has %d rule(s); want none", k, len(list))
			}
		}
	},
}
