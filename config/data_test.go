package config

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/insurance/hybridcloud/data"
)

func TestDatabaseSectionOfEachStackFile(t *testing.T) {
	tests := []struct {
		stack         string
		wantMultiAZ   bool
		wantRetention int
	}{
		{"dev", false, 7},
		{"prod", true, 35},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			c, err := parse(stackConfig(t, tt.stack))
			require.NoError(t, err)
			assert.Equal(t, "16", c.Database.EngineVersion)
			assert.Equal(t, tt.stack == "prod", c.Database.Protect)
			assert.Equal(t, "app", c.Database.DatabaseName, "left out: the default")
			assert.Equal(t, tt.wantMultiAZ, c.Database.MultiAZ)
			assert.Equal(t, tt.wantRetention, c.Database.BackupRetentionDays)
			assert.Greater(t, c.Database.MaxAllocatedStorageGiB, c.Database.AllocatedStorageGiB, "storage autoscaling needs max > allocated")
		})
	}
}

func TestDatabaseDefaultsAreMultiAZWithLongestRetention(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:database", "multiAz", nil)
	cfg = patch(t, cfg, "hybridcloud:database", "backupRetentionDays", nil)
	c, err := parse(cfg)
	require.NoError(t, err)
	assert.True(t, c.Database.MultiAZ)
	assert.Equal(t, 35, c.Database.BackupRetentionDays)
}

func TestBadDatabaseConfigNamesTheKey(t *testing.T) {
	const key = "hybridcloud:database"
	tests := []struct {
		name    string
		stack   string
		field   string
		value   any
		wantKey string
		wantMsg string
	}{
		{"Multi-AZ off in prod is refused", "prod", "multiAz", false, key + ".multiAz", "must be true in prod"},
		{"backup retention 0 in prod is refused", "prod", "backupRetentionDays", 0, key + ".backupRetentionDays", "prod requires"},
		{"backup retention above 35 days is refused", "dev", "backupRetentionDays", 36, key + ".backupRetentionDays", "outside 0-35"},
		{"allocated storage above the maximum is refused", "dev", "allocatedStorage", 200, key + ".maxAllocatedStorage", "must be above allocatedStorage (200 GiB)"},
		{"a maximum equal to the allocated storage is refused: autoscaling would be off", "dev", "maxAllocatedStorage", 20, key + ".maxAllocatedStorage", "must be above allocatedStorage (20 GiB), so storage autoscales"},
		{"allocated storage below the gp3 minimum is refused", "dev", "allocatedStorage", 10, key + ".allocatedStorage", "outside 20-65536"},
		{"an engine version without a family is refused", "dev", "engineVersion", "latest", key + ".engineVersion", "does not start with a PostgreSQL major version"},
		{"an unquoted engine version is refused", "dev", "engineVersion", 16.4, key + ".engineVersion", "want a string"},
		{"an unsupported major version is refused", "dev", "engineVersion", "12", key + ".engineVersion", "older than 13"},
		{"a pinned minor version is refused: AWS upgrades it and the next up would downgrade", "dev", "engineVersion", "16.4", key + ".engineVersion", `pins a minor version, which AWS upgrades on its own; give the major alone ("16")`},
		{"an instance class that is not one is refused", "dev", "instanceClass", "t4g.micro", key + ".instanceClass", "not an RDS instance class"},
		{"a backup window with a bad hour is refused", "dev", "backupWindow", "25:00-26:00", key + ".backupWindow", "not a UTC window"},
		{"a maintenance window without days is refused", "dev", "maintenanceWindow", "04:30-05:30", key + ".maintenanceWindow", "not a UTC window"},
		{"an unknown field is refused", "dev", "password", "hunter2", key + ".password", "unknown field"},
		{"a field in the wrong case is refused", "dev", "multiAZ", true, key + ".multiAZ", `did you mean "multiAz"?`},
		{"a number where a flag belongs is refused", "dev", "multiAz", 1, key + ".multiAz", "want true or false"},
		{"an unprotected prod database is refused", "prod", "protect", false, key + ".protect", "must be true in prod"},
		{"a database name PostgreSQL would fold is refused", "dev", "databaseName", "Claims", key + ".databaseName", "not a PostgreSQL database name"},
		{"a log retention CloudWatch does not offer is refused", "dev", "logRetentionDays", 10, key + ".logRetentionDays", "not a CloudWatch Logs retention"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			requireBadConfig(t, tt.stack, key, tt.field, tt.value, tt.wantKey, tt.wantMsg)
		})
	}
}

func TestMissingDatabaseSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, "hybridcloud:database")
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:database: required but not set")
}

// settingsKeys are the stack-file keys a settings type reads: its fields' json tags, nested structs and
// map elements included, under prefix.
func settingsKeys(t reflect.Type, prefix string) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Map || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || !strings.HasPrefix(t.PkgPath(), "github.com/insurance/hybridcloud/") { // not netip.Prefix
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous:
			keys = append(keys, settingsKeys(f.Type, prefix)...)
		case name != "" && name != "-":
			keys = append(keys, prefix+name)
			keys = append(keys, settingsKeys(f.Type, prefix+name+".")...)
		}
	}
	return keys
}

// TestDataSectionKeysAreDocumented keeps the Pulumi.yaml descriptions and the README's config table in step
// with the settings: every key a data section reads is named in its section's description and in the
// README's rows for the section.
func TestDataSectionKeysAreDocumented(t *testing.T) {
	var project struct {
		Config map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"config"`
	}
	b, err := os.ReadFile("../Pulumi.yaml")
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(b, &project))
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)

	sections := map[string]reflect.Type{
		"hybridcloud:database":  reflect.TypeFor[data.DatabaseSettings](),
		"hybridcloud:fileShare": reflect.TypeFor[fileShare](),
		"hybridcloud:backup":    reflect.TypeFor[data.BackupSettings](),
	}
	for section, typ := range sections {
		keys := settingsKeys(typ, "")
		require.NotEmpty(t, keys, section)
		var rows []string
		for _, line := range strings.Split(string(readme), "\n") {
			if strings.HasPrefix(line, "| `"+section) {
				rows = append(rows, line)
			}
		}
		require.NotEmpty(t, rows, "%s has README rows", section)
		description := project.Config[section].Description
		for _, key := range keys {
			leaf := key[strings.LastIndex(key, ".")+1:]
			assert.Contains(t, description, leaf, "Pulumi.yaml's %s describes %s", section, key)
			assert.Contains(t, strings.Join(rows, "\n"), leaf, "the README's %s rows describe %s", section, key)
		}
	}
}
