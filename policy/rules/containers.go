package rules

import (
	"encoding/json"
	"strings"
)

// container is what the ECS rules read of one container definition (ECS API ContainerDefinition names).
type container struct {
	Name                   string `json:"name"`
	Privileged             bool   `json:"privileged"`
	User                   string `json:"user"`
	ReadonlyRootFilesystem *bool  `json:"readonlyRootFilesystem"`
	Environment            []struct {
		Name string `json:"name"`
	} `json:"environment"`
	LogConfiguration *struct {
		LogDriver string `json:"logDriver"`
	} `json:"logConfiguration"`
}

// containerFields are the container definition fields the rules read, as the ECS API reference
// (RegisterTaskDefinition, ContainerDefinition) names them; a test checks the struct above against them.
var containerFields = []string{"name", "privileged", "user", "readonlyRootFilesystem", "environment", "logConfiguration"}

// containers decodes a task definition's containerDefinitions (a JSON string); when they cannot be read
// the reason is recorded in f and there are none.
func containers(r Resource, f *Findings) []container {
	var defs []container
	doc, known := text(r.Get("containerDefinitions"))
	if !known {
		f.Unknown(r, "containerDefinitions")
	} else if err := json.Unmarshal([]byte(doc), &defs); err != nil {
		f.Fail(r, "containerDefinitions is not a JSON array of containers: %v", err)
	}
	return defs
}

// rootUser says whether a container user runs as root: unset (the image's user, root for most images),
// root or uid 0, with or without a group.
func rootUser(user string) bool {
	name, _, _ := strings.Cut(user, ":")
	return name == "" || name == "root" || name == "0"
}

// taskReads are the task definition inputs the container rules read.
var taskReads = map[string][]string{ecsTaskDefinition: {"containerDefinitions"}}
