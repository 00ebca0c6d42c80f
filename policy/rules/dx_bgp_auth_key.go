package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// DxBGPAuth requires an MD5 key on every Direct Connect BGP session.
var DxBGPAuth = Rule{
	ID: "dx-bgp-auth-key", Control: "custom (B35)", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Direct Connect virtual interfaces set bgpAuthKey.",
	Types: []string{"aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
		"aws:directconnect/privateVirtualInterface:PrivateVirtualInterface"},
	Resource: func(r Resource, f *Findings) { requireSet(r, f, "bgpAuthKey") },
}
