package rules

// EcsServiceNoPublicIP keeps public IPs off awsvpc tasks of services and task sets.
var EcsServiceNoPublicIP = Rule{
	ID: "ecs-service-no-public-ip", Controls: []string{"ECS.2", "ECS.16"}, Severity: High,
	Description: "ECS services and task sets never set networkConfiguration.assignPublicIp to true.",
	Remediation: "set networkConfiguration.assignPublicIp false; tasks reach AWS through the VPC endpoints",
	Types:       []string{ecsService, ecsTaskSet},
	Reads:       map[string][]string{ecsService: {"networkConfiguration.assignPublicIp"}, ecsTaskSet: {"networkConfiguration.assignPublicIp"}},
	Resource:    func(r Resource, f *Findings) { forbidTrue(r, f, "networkConfiguration", "assignPublicIp") },
}
