package rules

// SubnetPublicIP keeps public IPs off every subnet: the public tier holds only NAT gateways, which use
// Elastic IPs, so no subnet needs to hand out public addresses.
var SubnetPublicIP = Rule{
	ID: "subnet-no-public-ip", Controls: []string{"EC2.15"}, Severity: High,
	Description: "No subnet maps public IPs on launch (mapPublicIpOnLaunch false or unset), the public NAT tier included.",
	Remediation: "set mapPublicIpOnLaunch to false; NAT gateways take an Elastic IP instead",
	Types:       []string{subnet},
	Reads:       map[string][]string{subnet: {"mapPublicIpOnLaunch"}},
	Resource:    func(r Resource, f *Findings) { forbidTrue(r, f, "mapPublicIpOnLaunch") },
}
