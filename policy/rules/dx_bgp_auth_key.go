package rules

// dxVIFTypes are the Direct Connect virtual interfaces that peer with BGP.
var dxVIFTypes = []string{"aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
	"aws:directconnect/privateVirtualInterface:PrivateVirtualInterface"}

// DxBGPAuth requires an MD5 key on every Direct Connect BGP session.
var DxBGPAuth = Rule{
	ID: "dx-bgp-auth-key", Controls: []string{"B35"}, Severity: Medium,
	Description: "Direct Connect virtual interfaces set bgpAuthKey.",
	Remediation: "set bgpAuthKey from a secret config value and give the same key to the router",
	Types:       dxVIFTypes,
	Reads:       reads(dxVIFTypes, "bgpAuthKey"),
	Resource:    func(r Resource, f *Findings) { requireSet(r, f, "bgpAuthKey") },
}
