package rules

import "testing"

func TestEcsContainerInsights(t *testing.T) {
	checkRule(t, EcsContainerInsights, "aws:ecs/cluster:Cluster",
		map[string]any{"settings": []any{map[string]any{"name": "containerInsights", "value": "enabled"}}}, []mutation{
			{name: "insights enabled passes"},
			{name: "insights disabled fails", set: map[string]any{"settings": []any{map[string]any{"name": "containerInsights", "value": "disabled"}}}, wantFail: `containerInsights is "disabled"`},
			{name: "no setting fails", set: map[string]any{"settings": nil}, wantFail: "settings has no containerInsights entry"},
		})
}
