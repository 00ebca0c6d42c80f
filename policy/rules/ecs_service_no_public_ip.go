package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

// EcsServiceNoPublicIP keeps public IPs off awsvpc tasks.
var EcsServiceNoPublicIP = Rule{
	ID: "ecs-service-no-public-ip", Control: "ECS.2", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECS services never set networkConfiguration.assignPublicIp to true.",
	Types:       []string{"aws:ecs/service:Service"},
	Resource: func(r Resource, f *Findings) {
		on, known := truth(r.Get("networkConfiguration", "assignPublicIp"))
		switch {
		case !known:
			f.Unknown(r, "networkConfiguration.assignPublicIp")
		case on:
			f.Fail(r, "networkConfiguration.assignPublicIp is true; want false")
		}
	},
}
