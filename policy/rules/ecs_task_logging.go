package rules

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// EcsTaskLogging requires every container to ship its output somewhere: without a log driver, what a task
// printed is lost when it stops.
var EcsTaskLogging = Rule{
	ID: "ecs-task-logging", Control: "ECS.9", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every container of a task definition sets logConfiguration.logDriver.",
	Types:       []string{"aws:ecs/taskDefinition:TaskDefinition"},
	Resource: func(r Resource, f *Findings) {
		doc, known := text(r.Get("containerDefinitions"))
		if !known {
			f.Unknown(r, "containerDefinitions")
			return
		}
		var defs []struct {
			Name             string `json:"name"`
			LogConfiguration *struct {
				LogDriver string `json:"logDriver"`
			} `json:"logConfiguration"`
		}
		if err := json.Unmarshal([]byte(doc), &defs); err != nil {
			f.Fail(r, "containerDefinitions is not a JSON array of containers: %v", err)
			return
		}
		for _, d := range defs {
			if d.LogConfiguration == nil || d.LogConfiguration.LogDriver == "" {
				f.Fail(r, "container %q has no logConfiguration.logDriver", d.Name)
			}
		}
	},
}
