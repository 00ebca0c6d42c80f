package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// LaunchTemplateIMDSv2 requires session tokens for the instance metadata service, so a container cannot
// steal the host role's credentials with a plain GET.
var LaunchTemplateIMDSv2 = Rule{
	ID: "launch-template-imdsv2", Control: "EC2.170", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Launch templates require IMDSv2 (metadataOptions.httpTokens = \"required\").",
	Types:       []string{launchTemplate},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("metadataOptions", "httpTokens")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "metadataOptions.httpTokens")
		case s != "required":
			f.Fail(r, "metadataOptions.httpTokens is %s; want \"required\"", show(v))
		}
	},
}
