package rules

// credentialEnvVars are the variable names ECS.8 forbids in a container's plain environment.
var credentialEnvVars = map[string]bool{"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "ECS_ENGINE_AUTH_DATA": true}

// EcsNoCredentialsInEnv forbids credentials in plain environment variables: they are readable by anyone who
// can describe the task definition. Secrets go in `secrets[].valueFrom`.
var EcsNoCredentialsInEnv = Rule{
	ID: "ecs-no-credentials-in-env", Controls: []string{"ECS.8"}, Severity: High,
	Description: "No container sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or ECS_ENGINE_AUTH_DATA in environment (use secrets).",
	Remediation: "pass the value through secrets[].valueFrom (Secrets Manager or SSM), or use the task role instead of keys",
	Types:       []string{ecsTaskDefinition},
	Reads:       taskReads,
	Resource: func(r Resource, f *Findings) {
		for _, d := range containers(r, f) {
			for _, e := range d.Environment {
				if credentialEnvVars[e.Name] {
					f.Fail(r, "container %q sets %s in environment; pass it through secrets", d.Name, e.Name)
				}
			}
		}
	},
}
