package rules

import "testing"

func TestEcsNoPrivileged(t *testing.T) {
	checkRule(t, EcsNoPrivileged, "aws:ecs/taskDefinition:TaskDefinition",
		map[string]any{"containerDefinitions": `[{"name":"api","image":"x","privileged":false}]`}, []mutation{
			{name: "an unprivileged container passes"},
			{name: "a privileged container fails", set: map[string]any{"containerDefinitions": `[{"name":"api","privileged":true}]`}, wantFail: `container "api" has privileged = true`},
			{name: "definitions unknown at preview are reported", set: map[string]any{"containerDefinitions": unknown}, wantUnknown: "containerDefinitions is unknown"},
		})
}
