package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
			assert.Equal(t, "16", c.Database.EngineVersion, "the major alone: RDS manages the minor")
			assert.Equal(t, data.DefaultPort, c.Database.Port, "left out: the default, off 5432")
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
		{"an instance class of a family RDS retired is refused", "dev", "instanceClass", "db.m4.large", key + ".instanceClass", "no longer offers the db.m4 family"},
		{"an instance class in a size its family lacks is refused", "prod", "instanceClass", "db.m7g.medium", key + ".instanceClass", "db.m7g comes in large, xlarge"},
		{"a backup window under 30 minutes is refused", "dev", "backupWindow", "03:00-03:15", key + ".backupWindow", "is 15 minutes; RDS needs at least 30"},
		{"a maintenance window under 30 minutes is refused", "prod", "maintenanceWindow", "sun:04:30-sun:04:40", key + ".maintenanceWindow", "is 10 minutes"},
		{"a backup window overlapping the maintenance window is refused", "prod", "backupWindow", "09:00-10:00", key + ".backupWindow",
			"overlaps maintenance window sun:09:00-sun:10:00 on sun"},
		{"a port below RDS's range is refused", "dev", "port", 1024, key + ".port", "1024 is outside 1150-65535"},
		{"a port above 65535 is refused", "prod", "port", 70000, key + ".port", "outside 1150-65535"},
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

func TestFactsTheCatalogueDoesNotKnowAreWarnedOfNotRefused(t *testing.T) {
	cfg := patch(t, stackConfig(t, "dev"), "hybridcloud:database", "instanceClass", "db.x9z.large")
	cfg = patch(t, cfg, "hybridcloud:database", "engineVersion", "19")
	c, err := parse(cfg)
	require.NoError(t, err, "a newer class or version than the catalogue must not block a deployment")
	warnings := strings.Join(c.Warnings, "\n")
	assert.Contains(t, warnings, "hybridcloud:database.instanceClass: db.x9z.large: family db.x9z is not listed")
	assert.Contains(t, warnings, "hybridcloud:database.engineVersion: RDS for PostgreSQL major version 19 is not listed")
}

func TestPostgresDefaultPortIsWarnedOf(t *testing.T) {
	c, err := parse(patch(t, stackConfig(t, "dev"), "hybridcloud:database", "port", 5432))
	require.NoError(t, err)
	assert.Contains(t, strings.Join(c.Warnings, "\n"), "hybridcloud:database.port: 5432 is PostgreSQL's default")
}

func TestMissingDatabaseSectionIsAnError(t *testing.T) {
	cfg := stackConfig(t, "dev")
	delete(cfg, "hybridcloud:database")
	_, err := parse(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybridcloud:database: required but not set")
}
