package rules

// VpcBlockPublicAccess holds the account's VPC Block Public Access setting, where a stack declares it, to a
// mode that blocks inbound internet traffic.
var VpcBlockPublicAccess = Rule{
	ID: "vpc-block-public-access", Controls: []string{"EC2.172"}, Severity: Medium,
	Description: "Where declared, VPC Block Public Access options set internetGatewayBlockMode to block-bidirectional or block-ingress (block-ingress keeps NAT egress working).",
	Remediation: "set internetGatewayBlockMode to block-ingress",
	Exceptions:  []string{"An account-level setting (catalogue F3): this program does not declare it; the account baseline stack does."},
	Types:       []string{vpcBlockPublicAccess},
	Reads:       map[string][]string{vpcBlockPublicAccess: {"internetGatewayBlockMode"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"block-bidirectional", "block-ingress"}, "off", "internetGatewayBlockMode")
	},
}
