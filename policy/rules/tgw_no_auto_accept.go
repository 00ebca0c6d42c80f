package rules

// TgwNoAutoAccept keeps the Transit Gateway from accepting attachments shared by other accounts unasked.
var TgwNoAutoAccept = Rule{
	ID: "tgw-no-auto-accept", Controls: []string{"EC2.23"}, Severity: Medium,
	Description: "Transit Gateways do not auto-accept shared attachments (autoAcceptSharedAttachments \"disable\" or unset).",
	Remediation: "set autoAcceptSharedAttachments to \"disable\" and accept attachments explicitly",
	Types:       []string{transitGateway},
	Reads:       map[string][]string{transitGateway: {"autoAcceptSharedAttachments"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"disable"}, "disable", "autoAcceptSharedAttachments")
	},
}
