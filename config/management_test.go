package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManagementSectionOfEachStackFile(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		c, err := parse(stackConfig(t, stack))
		require.NoError(t, err, stack)
		m := c.Management
		require.NotEmpty(t, m.Activations, stack)
		for _, a := range m.Activations {
			assert.Equal(t, time.Date(2026, time.December, 20, 0, 0, 0, 0, time.UTC), a.ExpiresOn, "%s %s", stack, a.PatchGroup)
		}
		assert.LessOrEqual(t, m.SessionIdleTimeoutMinutes, 20, "%s: idle sessions end within 20 minutes", stack)
		assert.NotEmpty(t, m.PatchBaselines, stack)
		assert.Equal(t, "REDHAT_ENTERPRISE_LINUX", m.Activations[0].OperatingSystem, "%s: the OS of the group's baseline", stack)
	}
}

func TestBadManagementConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:management"
	activation := func(expires string, limit int) []any {
		return []any{map[string]any{"patchGroup": "onprem-linux", "registrationLimit": limit, "expiresOn": expires}}
	}
	baseline := func(os, level string, groups ...any) map[string]any {
		return map[string]any{"operatingSystem": os, "approveAfterDays": 7, "complianceLevel": level, "patchGroups": groups}
	}
	tests := []struct {
		name    string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"an activation that expired before now", "activations", activation("2026-11-30", 5), key + ".activations[0].expiresOn", "has passed"},
		{"an activation expiring on now", "activations", activation("2026-12-01", 5), key + ".activations[0].expiresOn", "has passed"},
		{"an activation beyond 30 days", "activations", activation("2027-01-01", 5), key + ".activations[0].expiresOn", "more than 30 days after 2026-12-01"},
		{"an activation date that is not one", "activations", activation("20/12/2026", 5), key + ".activations[0].expiresOn", "not a date"},
		{"an activation nobody can use", "activations", activation("2026-12-20", 0), key + ".activations[0].registrationLimit", "outside 1-1000"},
		{"a maintenance window with a bad cron", "patchWindow", map[string]any{"schedule": "cron(0 2 * * SUN *)", "durationHours": 4, "cutoffHours": 1}, key + ".patchWindow.schedule", "exactly one of day-of-month and day-of-week"},
		{"a maintenance window with a bad rate", "patchWindow", map[string]any{"schedule": "rate(1 days)", "durationHours": 4, "cutoffHours": 1}, key + ".patchWindow.schedule", "plural units"},
		{"a cutoff as long as the window", "patchWindow", map[string]any{"schedule": "rate(7 days)", "durationHours": 2, "cutoffHours": 2}, key + ".patchWindow.cutoffHours", "less than durationHours"},
		{"an operating system without rules", "patchBaselines", []any{baseline("SOLARIS", "HIGH", "onprem-linux")}, key + ".patchBaselines[0].operatingSystem", `"SOLARIS" is not one of`},
		{"a patch group in two baselines", "patchBaselines", []any{baseline("AMAZON_LINUX_2023", "HIGH", "onprem-linux", "onprem-windows"), baseline("WINDOWS", "HIGH", "onprem-linux")}, key + ".patchBaselines[1].patchGroups", "already in the AMAZON_LINUX_2023 baseline"},
		{"a compliance level AWS does not know", "patchBaselines", []any{baseline("WINDOWS", "SEVERE", "onprem-linux")}, key + ".patchBaselines[0].complianceLevel", "not one of"},
		{"on-premises servers in a group no baseline patches", "activations", []any{map[string]any{"patchGroup": "legacy", "registrationLimit": 5, "expiresOn": "2026-12-20"}},
			key + ".activations[0].patchGroup", "in no patch baseline"},
		{"two activations for one patch group", "activations", append(activation("2026-12-20", 5), activation("2026-12-20", 5)...),
			key + ".activations[1].patchGroup", `"onprem-linux" already has activations[0]`},
		{"no activation", "activations", []any{}, key + ".activations", "required"},
		{"an idle timeout over an hour", "sessionIdleTimeoutMinutes", 90, key + ".sessionIdleTimeoutMinutes", "outside 1-60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, "prod", key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}
