package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// DefaultSecurityGroupClosed keeps the adopted default security group empty, so nothing that lands in it by
// accident can talk to anything.
var DefaultSecurityGroupClosed = Rule{
	ID: "default-sg-no-rules", Control: "EC2.2", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "The VPC's default security group is adopted with no ingress and no egress rules.",
	Types:       []string{"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"ingress", "egress"} {
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
