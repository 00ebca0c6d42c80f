package config

import (
	"regexp"
	"strings"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/data/spec"
)

var (
	instanceClassPattern = regexp.MustCompile(`^db\.[a-z0-9]+\.[a-z0-9]+$`)
	backupWindowPattern  = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$`)
	// databaseNamePattern is PostgreSQL's rule for an unquoted identifier, within RDS's 63 characters.
	databaseNamePattern      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	maintenanceWindowPattern = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$`)
)

// database reads hybridcloud:database into the database's settings.
func (p *parser) database(raw []byte, env Environment) data.DatabaseSettings {
	key := p.key("database")
	s := data.DefaultDatabaseSettings()
	p.decode(key, raw, &s)
	p.protect(key+".protect", s.Protect, env)

	if !databaseNamePattern.MatchString(s.DatabaseName) {
		p.fail(key+".databaseName", "%q is not a PostgreSQL database name (lower-case letter, then letters, digits, _)", s.DatabaseName)
	}
	p.retention(key+".logRetentionDays", s.LogRetentionDays)
	p.engineVersion(key+".engineVersion", s.EngineVersion)
	if !instanceClassPattern.MatchString(s.InstanceClass) {
		p.fail(key+".instanceClass", "%q is not an RDS instance class (like db.t4g.micro)", s.InstanceClass)
	}
	if s.AllocatedStorageGiB < data.MinAllocatedStorageGiB || s.AllocatedStorageGiB > data.MaxStorageGiB {
		p.fail(key+".allocatedStorage", "%d GiB is outside %d-%d GiB (gp3)", s.AllocatedStorageGiB, data.MinAllocatedStorageGiB, data.MaxStorageGiB)
	}
	// Equal bounds turn storage autoscaling off (RDS user guide, "Managing capacity automatically with
	// Amazon RDS storage autoscaling"), which the platform promises: a full disk stops the database.
	if s.MaxAllocatedStorageGiB <= s.AllocatedStorageGiB || s.MaxAllocatedStorageGiB > data.MaxStorageGiB {
		p.fail(key+".maxAllocatedStorage", "%d GiB must be above allocatedStorage (%d GiB), so storage autoscales, and at most %d GiB", s.MaxAllocatedStorageGiB, s.AllocatedStorageGiB, data.MaxStorageGiB)
	}
	if env == Prod && !s.MultiAZ {
		p.fail(key+".multiAz", "must be true in prod: a single-AZ database is down while its AZ is")
	}
	switch {
	case s.BackupRetentionDays < 0 || s.BackupRetentionDays > data.MaxBackupRetentionDays:
		p.fail(key+".backupRetentionDays", "%d is outside 0-%d days", s.BackupRetentionDays, data.MaxBackupRetentionDays)
	case env == Prod && s.BackupRetentionDays == 0:
		p.fail(key+".backupRetentionDays", "0 disables automated backups, which prod requires")
	}
	if !backupWindowPattern.MatchString(s.BackupWindow) {
		p.fail(key+".backupWindow", "%q is not a UTC window like 03:00-04:00", s.BackupWindow)
	}
	if !maintenanceWindowPattern.MatchString(s.MaintenanceWindow) {
		p.fail(key+".maintenanceWindow", "%q is not a UTC window like sun:04:30-sun:05:30", s.MaintenanceWindow)
	}
	return s
}

// engineVersion checks the PostgreSQL major version: a minor ("16.4") is refused, because AWS upgrades the
// minor in the maintenance window (autoMinorVersionUpgrade) and a pinned one would make the next up after
// that try to downgrade; with the major alone the provider compares it as a prefix of the version the
// instance runs (pulumi-aws rds.Instance engineVersion: "you can provide a prefix of the version").
func (p *parser) engineVersion(key, v string) {
	if _, err := spec.ParameterGroupFamily(v); err != nil {
		p.fail(key, "%v", err)
		return
	}
	if strings.Contains(v, ".") {
		major, _, _ := strings.Cut(v, ".")
		p.fail(key, "%q pins a minor version, which AWS upgrades on its own; give the major alone (%q): a major upgrade is then a change of this key", v, major)
		return
	}
	p.fact(key, p.facts.PostgresVersion(v))
}
