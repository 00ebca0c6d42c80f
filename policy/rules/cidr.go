package rules

import "github.com/pulumi/pulumi/sdk/v3/go/property"

// worldCIDRs are the blocks that mean "the whole internet".
var worldCIDRs = map[string]bool{"0.0.0.0/0": true, "::/0": true}

// openCIDRs fails r for every whole-internet block in the CIDR list v (at path).
func openCIDRs(r Resource, f *Findings, v property.Value, path string) {
	cidrs, known := items(v)
	if !known {
		f.Unknown(r, path)
	}
	for _, c := range cidrs {
		if s, known := text(c); !known {
			f.Unknown(r, path)
		} else if worldCIDRs[s] {
			f.Fail(r, "%s contains %q: open to the whole internet", path, s)
		}
	}
}
