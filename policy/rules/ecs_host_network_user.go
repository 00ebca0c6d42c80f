package rules

// EcsHostNetworkUser keeps root containers off the host network namespace, where they would share the host's
// interfaces and metadata access. The control's own logic: in host mode a container passes when it runs as a
// non-root user or is declared privileged (which ecs-no-privileged-containers then refuses).
var EcsHostNetworkUser = Rule{
	ID: "ecs-host-network-user", Controls: []string{"ECS.1"}, Severity: High,
	Description: "Task definitions with networkMode host run every container as a non-root user (user set, not root or uid 0).",
	Remediation: "use networkMode awsvpc (or bridge), or set user to a non-root uid",
	Types:       []string{ecsTaskDefinition},
	Reads:       map[string][]string{ecsTaskDefinition: {"containerDefinitions", "networkMode"}},
	Resource: func(r Resource, f *Findings) {
		mode, known := text(r.Get("networkMode"))
		switch {
		case !known:
			f.Unknown(r, "networkMode")
		case mode == "host":
			for _, d := range containers(r, f) {
				if !d.Privileged && rootUser(d.User) {
					f.Fail(r, "networkMode is \"host\" and container %q runs as user %q (root)", d.Name, d.User)
				}
			}
		}
	},
}
