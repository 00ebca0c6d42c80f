package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// EcsContainerInsights requires Container Insights on every cluster.
var EcsContainerInsights = Rule{
	ID: "ecs-container-insights", Control: "ECS.12", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECS clusters enable Container Insights (settings containerInsights = enabled or enhanced).",
	Types:       []string{"aws:ecs/cluster:Cluster"},
	Resource: func(r Resource, f *Findings) {
		settings, known := items(r.Get("settings"))
		if !known {
			f.Unknown(r, "settings")
			return
		}
		for _, s := range settings {
			name, _ := text(walk(s, "name"))
			value, known := text(walk(s, "value"))
			if name != "containerInsights" {
				continue
			}
			if !known {
				f.Unknown(r, "settings[containerInsights].value")
				return
			}
			if value == "enabled" || value == "enhanced" {
				return
			}
			f.Fail(r, "containerInsights is %q; want \"enabled\" or \"enhanced\"", value)
			return
		}
		f.Fail(r, "settings has no containerInsights entry; want containerInsights = enabled")
	},
}
