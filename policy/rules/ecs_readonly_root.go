package rules

import "strings"

// EcsReadonlyRoot makes every Linux container's root filesystem read-only, so a compromised process cannot
// plant files in the image. ECS Exec needs a writable root (its agent writes there), and dev enables Exec
// for debugging, so there the rule advises.
var EcsReadonlyRoot = Rule{
	ID: "ecs-readonly-root", Controls: []string{"ECS.5"}, Severity: Medium,
	AdvisoryIn:  []Environment{Dev},
	Description: "Every container of a Linux task definition sets readonlyRootFilesystem = true (absent fails); advisory in dev, where ECS Exec needs a writable root.",
	Remediation: "set readonlyRootFilesystem true and mount a volume for the paths the container writes (the program mounts /tmp)",
	Exceptions:  []string{"Windows task definitions (runtimePlatform.operatingSystemFamily WINDOWS_*): ECS does not support a read-only root there."},
	Types:       []string{ecsTaskDefinition},
	Reads:       map[string][]string{ecsTaskDefinition: {"containerDefinitions", "runtimePlatform.operatingSystemFamily"}},
	Resource: func(r Resource, f *Findings) {
		family, known := text(r.Get("runtimePlatform", "operatingSystemFamily"))
		if !known {
			f.Unknown(r, "runtimePlatform.operatingSystemFamily")
			return
		}
		if strings.HasPrefix(family, "WINDOWS") {
			return
		}
		for _, d := range containers(r, f) {
			if d.ReadonlyRootFilesystem == nil || !*d.ReadonlyRootFilesystem {
				f.Fail(r, "container %q has readonlyRootFilesystem %s; want true", d.Name, showBool(d.ReadonlyRootFilesystem))
			}
		}
	},
}
