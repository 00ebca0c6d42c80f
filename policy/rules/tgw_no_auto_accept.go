package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// TgwNoAutoAccept keeps the Transit Gateway from accepting attachments shared by other accounts unasked.
var TgwNoAutoAccept = Rule{
	ID: "tgw-no-auto-accept", Control: "EC2.23", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Transit Gateways do not auto-accept shared attachments (autoAcceptSharedAttachments \"disable\" or unset).",
	Types:       []string{"aws:ec2transitgateway/transitGateway:TransitGateway"},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("autoAcceptSharedAttachments")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "autoAcceptSharedAttachments")
		case s == "enable":
			f.Fail(r, "autoAcceptSharedAttachments is \"enable\"; want \"disable\"")
		}
	},
}
