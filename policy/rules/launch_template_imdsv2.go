package rules

// LaunchTemplateIMDSv2 requires session tokens for the instance metadata service, so a container cannot
// steal the host role's credentials with a plain GET. A template that switches the service off passes.
var LaunchTemplateIMDSv2 = Rule{
	ID: "launch-template-imdsv2", Controls: []string{"EC2.170", "EC2.8"}, Severity: High,
	Description: "Launch templates require IMDSv2 (metadataOptions.httpTokens = \"required\"), unless they switch the metadata service off (httpEndpoint \"disabled\").",
	Remediation: "set metadataOptions.httpTokens to \"required\"",
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"metadataOptions.httpTokens", "metadataOptions.httpEndpoint"}},
	Resource: func(r Resource, f *Findings) {
		endpoint, known := text(r.Get("metadataOptions", "httpEndpoint"))
		switch {
		case !known:
			f.Unknown(r, "metadataOptions.httpEndpoint")
		case endpoint != "disabled":
			requireOneOf(r, f, []string{"required"}, "", "metadataOptions", "httpTokens")
		}
	},
}
