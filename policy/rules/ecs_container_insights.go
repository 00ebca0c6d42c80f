package rules

// EcsContainerInsights requires Container Insights on every cluster.
var EcsContainerInsights = Rule{
	ID: "ecs-container-insights", Controls: []string{"ECS.12", "AwsSolutions-ECS4"}, Severity: Low,
	Description: "ECS clusters enable Container Insights (settings containerInsights = enabled or enhanced); a setting whose name is unknown at preview is re-checked at up.",
	Remediation: "add the setting {name: containerInsights, value: enabled}",
	Types:       []string{ecsCluster},
	Reads:       map[string][]string{ecsCluster: {"settings[].name", "settings[].value"}},
	Resource: func(r Resource, f *Findings) {
		settings, known := items(r.Get("settings"))
		if !known {
			f.Unknown(r, "settings")
			return
		}
		pending := false
		for i, s := range settings {
			name, nameKnown := text(walk(s, "name"))
			pending = pending || !nameKnown
			if name != "containerInsights" {
				continue
			}
			value, known := text(walk(s, "value"))
			switch {
			case !known:
				f.Unknown(r, pathString([]any{"settings", i, "value"}))
			case value != "enabled" && value != "enhanced":
				f.Fail(r, "containerInsights is %q; want \"enabled\" or \"enhanced\"", value)
			}
			return
		}
		if pending {
			f.Unknown(r, "settings[].name")
		} else {
			f.Fail(r, "settings has no containerInsights entry; want containerInsights = enabled")
		}
	},
}
