package config

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/hybrid/patching"
)

func TestManagementSectionOfEachStackFile(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		c, err := parse(stackConfig(t, stack))
		require.NoError(t, err, stack)
		m := c.Management
		require.Contains(t, m.Activations, "onprem-linux", "%s: on-premises Linux servers register into their own group", stack)
		groups, conflicts := m.AssignPatchGroups()
		assert.Empty(t, conflicts, stack)
		for group := range m.Activations {
			_, err := groups.Baseline(group)
			assert.NoError(t, err, "%s: the servers of %s get patched", stack, group)
		}
		assert.Equal(t, patching.RedHatEnterpriseLinux, groups["onprem-linux"], "%s: the on-premises Linux servers run RHEL", stack)
		assert.Equal(t, patching.AmazonLinux2023, groups["ecs-hosts"], "%s: the ECS hosts run Amazon Linux 2023", stack)
		assert.LessOrEqual(t, m.SessionIdleTimeoutMinutes, 20, "%s: idle sessions end within 20 minutes", stack)
		assert.Equal(t, m.PatchGroups(), m.patchGroups(), "%s: compute checks its hosts against every baseline's groups", stack)
	}
}

// Each activation is sized to the servers the stack file lists, which keep the limits the stacks had.
func TestEachServerActivationsLimitIsTheNumberOfItsHosts(t *testing.T) {
	want := map[string]map[string]int{"dev": {"onprem-linux": 5}, "prod": {"onprem-linux": 30, "onprem-windows": 10}}
	for stack, limits := range want {
		c, err := parse(stackConfig(t, stack))
		require.NoError(t, err, stack)
		require.Len(t, c.Management.Activations, len(limits), stack)
		for group, limit := range limits {
			a := c.Management.Activations[group]
			assert.Len(t, a.Hosts, limit, "%s %s", stack, group)
			assert.Equal(t, limit, a.RegistrationLimit(), "%s %s: one registration per listed host", stack, group)
		}
	}
}

func TestLeftOutManagementKeysKeepTheirDefaults(t *testing.T) {
	cfg := stackConfig(t, "prod")
	for _, field := range []string{"sessionIdleTimeoutMinutes", "patchWindow.cutoffHours", "patchBaselines.WINDOWS.approveAfterDays"} {
		cfg = patch(t, cfg, "hybridcloud:management", field, nil)
	}
	c, err := parse(cfg)
	require.NoError(t, err)
	assert.Equal(t, hybrid.DefaultSessionIdleTimeoutMinutes, c.Management.SessionIdleTimeoutMinutes)
	assert.Zero(t, c.Management.PatchWindow.CutoffHours)
	assert.Zero(t, c.Management.PatchBaselines[patching.Windows].ApproveAfterDays, "approve at once")
}

func TestBadManagementConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:management"
	baseline := func(level string, groups ...any) map[string]any {
		return map[string]any{"approveAfterDays": 7, "complianceLevel": level, "patchGroups": groups}
	}
	tests := []struct {
		name    string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"an activation that would lapse before it renews", "activations.onprem-linux.rotationDays", 30, key + ".activations.onprem-linux.rotationDays", "30 is outside 1-28"},
		{"an activation that never renews", "activations.onprem-linux.rotationDays", 0, key + ".activations.onprem-linux.rotationDays", "0 is outside 1-28"},
		{"a dated activation of the old shape", "activations.onprem-linux.expiresOn", "2026-12-20", key + ".activations.onprem-linux.expiresOn", "unknown field (known: hosts, rotationDays)"},
		{"an explicit registration limit above the inventory", "activations.onprem-linux.registrationLimit", 40, key + ".activations.onprem-linux.registrationLimit", "unknown field (known: hosts, rotationDays)"},
		{"an explicit registration limit equal to the inventory", "activations.onprem-windows.registrationLimit", 10, key + ".activations.onprem-windows.registrationLimit", "unknown field (known: hosts, rotationDays)"},
		{"an activation nobody can use", "activations.onprem-linux.hosts", []any{}, key + ".activations.onprem-linux.hosts", "0 hosts listed, want 1-1000 (the registration limit is the number of hosts)"},
		{"an activation without an inventory", "activations.onprem-linux.hosts", nil, key + ".activations.onprem-linux.hosts", "0 hosts listed"},
		{"an inventory over AWS's limit", "activations.onprem-linux.hosts", manyHosts(1001), key + ".activations.onprem-linux.hosts", "1001 hosts listed, want 1-1000"},
		{"a host listed twice", "activations.onprem-windows.hosts", []any{"dc1-win-01", "dc1-win-02", "dc1-win-01"}, key + ".activations.onprem-windows.hosts[2]",
			`"dc1-win-01" is listed twice: the registration limit counts each host once`},
		{"a host in two activations", "activations.onprem-windows.hosts", []any{"dc1-win-01", "dc1-lnx-07"}, key + ".activations.onprem-windows.hosts[1]",
			`"dc1-lnx-07" is a host of hybridcloud:management.activations.onprem-linux too: a host registers with one activation`},
		{"a host name in upper case", "activations.onprem-windows.hosts", []any{"DC1-WIN-01"}, key + ".activations.onprem-windows.hosts[0]", `"DC1-WIN-01" is not a host name`},
		{"a host name with a space", "activations.onprem-linux.hosts", []any{"dc1 lnx 01"}, key + ".activations.onprem-linux.hosts[0]", `"dc1 lnx 01" is not a host name`},
		{"hosts as a count", "activations.onprem-linux.hosts", 30, key + ".activations.onprem-linux.hosts", "want a list"},
		{"an activation with the old patchGroup field", "activations.onprem-linux.patchGroup", "onprem-linux", key + ".activations.onprem-linux.patchGroup", "unknown field"},
		{"on-premises servers in a group no baseline patches", "activations.legacy", map[string]any{"hosts": []any{"dc1-old-01"}},
			key + ".activations.legacy", `"legacy" is in no patch baseline's patchGroups`},
		{"no activation", "activations", map[string]any{}, key + ".activations", "required"},
		{"activations as the old list", "activations", []any{map[string]any{"patchGroup": "onprem-linux", "hosts": []any{"dc1-lnx-01"}}},
			key + ".activations", "got a list, want an object"},
		{"a maintenance window with a bad cron", "patchWindow.schedule", "cron(0 2 * * SUN *)", key + ".patchWindow.schedule", "exactly one of day-of-month and day-of-week"},
		{"a maintenance window with a bad rate", "patchWindow.schedule", "rate(1 days)", key + ".patchWindow.schedule", "plural units"},
		{"a maintenance window over a day", "patchWindow.durationHours", 25, key + ".patchWindow.durationHours", "25 is outside 1-24"},
		{"a cutoff as long as the window", "patchWindow", map[string]any{"schedule": "rate(7 days)", "durationHours": 2, "cutoffHours": 2}, key + ".patchWindow.cutoffHours", "less than durationHours (2)"},
		{"an operating system without rules", "patchBaselines.SOLARIS", baseline("HIGH", "onprem-solaris"), key + ".patchBaselines.SOLARIS", `unknown operating system "SOLARIS"`},
		{"an operating system in lower case", "patchBaselines.windows", baseline("HIGH", "onprem-win"), key + ".patchBaselines.windows", `unknown operating system "windows"`},
		{"a patch group in two baselines", "patchBaselines.WINDOWS.patchGroups", []any{"onprem-windows", "onprem-linux"}, key + ".patchBaselines.WINDOWS.patchGroups",
			`"onprem-linux" is already in the REDHAT_ENTERPRISE_LINUX baseline`},
		{"a patch group that is no tag value", "patchBaselines.WINDOWS.patchGroups", []any{"onprem windows"}, key + ".patchBaselines.WINDOWS.patchGroups[0]", "is not a patch group name"},
		{"a baseline that patches nothing", "patchBaselines.AMAZON_LINUX_2023.patchGroups", []any{}, key + ".patchBaselines.AMAZON_LINUX_2023.patchGroups", "required"},
		{"a compliance level AWS does not know", "patchBaselines.WINDOWS.complianceLevel", "SEVERE", key + ".patchBaselines.WINDOWS.complianceLevel", `unknown compliance level "SEVERE"`},
		{"an approval delay over AWS's limit", "patchBaselines.WINDOWS.approveAfterDays", 400, key + ".patchBaselines.WINDOWS.approveAfterDays", "400 is outside 0-360"},
		{"a baseline with the old operatingSystem field", "patchBaselines.WINDOWS.operatingSystem", "WINDOWS", key + ".patchBaselines.WINDOWS.operatingSystem", "unknown field"},
		{"baselines as the old list", "patchBaselines", []any{}, key + ".patchBaselines", "got a list, want an object"},
		{"no baseline", "patchBaselines", map[string]any{}, key + ".patchBaselines", "required: a baseline for each operating system you run"},
		{"an idle timeout over an hour", "sessionIdleTimeoutMinutes", 90, key + ".sessionIdleTimeoutMinutes", "outside 1-60"},
		{"sessions that never end", "sessionIdleTimeoutMinutes", 0, key + ".sessionIdleTimeoutMinutes", "0 is outside 1-60"},
		{"a retention CloudWatch does not offer", "sessionLogRetentionDays", 100, key + ".sessionLogRetentionDays", "not a CloudWatch Logs retention"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, "prod", key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

// manyHosts names n hosts, as a stack file's list.
func manyHosts(n int) []any {
	hosts := make([]any, n)
	for i := range hosts {
		hosts[i] = fmt.Sprintf("host-%04d", i)
	}
	return hosts
}

func TestAManagementValueOfTheWrongTypeGetsOneError(t *testing.T) {
	_, err := parse(patch(t, stackConfig(t, "prod"), "hybridcloud:management", "sessionLogRetentionDays", "365"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), `hybridcloud:management.sessionLogRetentionDays: got a string "365", want a whole number`)
	assert.NotContains(t, err.Error(), "not a CloudWatch Logs retention", "no follow-on error on a value that did not decode")
}
