package rules

import "testing"

func TestEcsTaskLogging(t *testing.T) {
	checkRule(t, EcsTaskLogging, "aws:ecs/taskDefinition:TaskDefinition",
		map[string]any{"containerDefinitions": `[{"name":"api","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"g"}}}]`}, []mutation{
			{name: "a container logging with awslogs passes"},
			{name: "a container without log configuration fails", set: map[string]any{"containerDefinitions": `[{"name":"api"}]`},
				wantFail: `container "api" has no logConfiguration.logDriver`},
			{name: "definitions unknown at preview are reported", set: map[string]any{"containerDefinitions": unknown}, wantUnknown: "containerDefinitions is unknown"},
		})
}
