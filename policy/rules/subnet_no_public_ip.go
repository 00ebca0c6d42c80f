package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// SubnetPublicIP keeps public IPs off every subnet but the public tier (which holds only NAT gateways).
var SubnetPublicIP = Rule{
	ID: "subnet-no-public-ip", Control: "EC2.15", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Only subnets tagged Tier=public may map public IPs on launch; app and data subnets stay private.",
	Types:       []string{"aws:ec2/subnet:Subnet"},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("mapPublicIpOnLaunch")
		on, known := truth(v)
		tier, tierKnown := text(r.Get("tags", "Tier"))
		switch {
		case !known:
			f.Unknown(r, "mapPublicIpOnLaunch")
		case on && !tierKnown:
			f.Unknown(r, "tags.Tier")
		case on && tier != "public":
			f.Fail(r, "mapPublicIpOnLaunch is true on tier %q; only the public tier may map public IPs", tier)
		}
	},
}
