package rules

// maxIMDSHops is the response hop limit the catalogue asks for: one hop reaches the host, not a container
// behind the docker bridge.
const maxIMDSHops = 1

// LaunchTemplateIMDSHopLimit keeps metadata responses from reaching containers. Tasks on the EC2 hosts use
// awsvpc networking (with ECS_AWSVPC_BLOCK_IMDS) and the ECS agent uses the host network, so no container
// of the platform needs a second hop.
var LaunchTemplateIMDSHopLimit = Rule{
	ID: "launch-template-imds-hop-limit", Controls: []string{"EC2.8"}, Severity: Medium,
	Description: "Launch templates set metadataOptions.httpPutResponseHopLimit to 1 (or leave it unset: AWS's default is 1).",
	Remediation: "set metadataOptions.httpPutResponseHopLimit to 1",
	Types:       []string{launchTemplate},
	Reads:       map[string][]string{launchTemplate: {"metadataOptions.httpPutResponseHopLimit"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("metadataOptions", "httpPutResponseHopLimit")
		hops, known := number(v, maxIMDSHops)
		switch {
		case !known:
			f.Unknown(r, "metadataOptions.httpPutResponseHopLimit")
		case hops > maxIMDSHops:
			f.Fail(r, "metadataOptions.httpPutResponseHopLimit is %s; want %d, so bridge-mode containers cannot reach the host's credentials", show(v), maxIMDSHops)
		}
	},
}
