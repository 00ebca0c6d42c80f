package config

import (
	"regexp"

	"github.com/insurance/hybridcloud/data"
)

// Database is the validated hybridcloud:database section: the RDS PostgreSQL instance.
type Database struct {
	// EngineVersion is the PostgreSQL version ("16.4").
	EngineVersion string
	// Family is the parameter-group family derived from EngineVersion ("postgres16").
	Family string
	// InstanceClass is the RDS instance class ("db.t4g.micro").
	InstanceClass string
	// AllocatedStorageGiB is the initial gp3 storage; MaxAllocatedStorageGiB the autoscaling ceiling.
	AllocatedStorageGiB, MaxAllocatedStorageGiB int
	// MultiAZ keeps a standby in a second AZ; required in prod.
	MultiAZ bool
	// BackupRetentionDays is how long automated backups are kept (1-35; 0 disables them, refused in prod).
	BackupRetentionDays int
	// BackupWindow and MaintenanceWindow are the RDS windows (hh:mm-hh:mm, ddd:hh:mm-ddd:hh:mm, UTC).
	BackupWindow, MaintenanceWindow string
	// DatabaseName is the database created in the instance.
	DatabaseName string
	// LogRetentionDays is how long the exported PostgreSQL logs are kept.
	LogRetentionDays int
	// Protect keeps the instance, its key and its logs through a careless destroy: deletion protection,
	// pulumi protect and retain. Required in prod; dev may turn it off to tear down freely.
	Protect bool
}

type databaseInput struct {
	EngineVersion       string `json:"engineVersion"`
	InstanceClass       string `json:"instanceClass"`
	AllocatedStorage    int    `json:"allocatedStorage"`
	MaxAllocatedStorage int    `json:"maxAllocatedStorage"`
	MultiAZ             *bool  `json:"multiAz"`
	BackupRetentionDays *int   `json:"backupRetentionDays"`
	BackupWindow        string `json:"backupWindow"`
	MaintenanceWindow   string `json:"maintenanceWindow"`
	DatabaseName        string `json:"databaseName"`
	LogRetentionDays    int    `json:"logRetentionDays"`
	Protect             *bool  `json:"protect"`
}

// Defaults of hybridcloud:database fields that may be left out.
const (
	defaultMultiAZ           = true
	defaultBackupRetention   = 35
	maxBackupRetention       = 35
	minAllocatedStorageGiB   = 20
	maxAllocatedStorageLimit = 65536
	defaultDatabaseName      = "app"
)

var (
	instanceClassPattern = regexp.MustCompile(`^db\.[a-z0-9]+\.[a-z0-9]+$`)
	backupWindowPattern  = regexp.MustCompile(`^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$`)
	// databaseNamePattern is PostgreSQL's rule for an unquoted identifier, within RDS's 63 characters.
	databaseNamePattern      = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	maintenanceWindowPattern = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d-(mon|tue|wed|thu|fri|sat|sun):([01]\d|2[0-3]):[0-5]\d$`)
)

func (p *parser) database(in databaseInput, env Environment) Database {
	key := p.key("database")
	out := Database{
		EngineVersion:          in.EngineVersion,
		InstanceClass:          in.InstanceClass,
		AllocatedStorageGiB:    in.AllocatedStorage,
		MaxAllocatedStorageGiB: in.MaxAllocatedStorage,
		MultiAZ:                defaultMultiAZ,
		BackupRetentionDays:    defaultBackupRetention,
		BackupWindow:           in.BackupWindow,
		MaintenanceWindow:      in.MaintenanceWindow,
		DatabaseName:           in.DatabaseName,
		LogRetentionDays:       in.LogRetentionDays,
		Protect:                p.protectInput(key+".protect", in.Protect, env),
	}
	if out.DatabaseName == "" {
		out.DatabaseName = defaultDatabaseName
	}
	if !databaseNamePattern.MatchString(out.DatabaseName) {
		p.fail(key+".databaseName", "%q is not a PostgreSQL database name (lower-case letter, then letters, digits, _)", out.DatabaseName)
	}
	p.retention(key+".logRetentionDays", in.LogRetentionDays)
	family, err := data.ParameterGroupFamily(in.EngineVersion)
	if err != nil {
		p.fail(key+".engineVersion", "%v", err)
	}
	out.Family = family
	if !instanceClassPattern.MatchString(in.InstanceClass) {
		p.fail(key+".instanceClass", "%q is not an RDS instance class (like db.t4g.micro)", in.InstanceClass)
	}
	if in.AllocatedStorage < minAllocatedStorageGiB || in.AllocatedStorage > maxAllocatedStorageLimit {
		p.fail(key+".allocatedStorage", "%d GiB is outside %d-%d GiB (gp3)", in.AllocatedStorage, minAllocatedStorageGiB, maxAllocatedStorageLimit)
	}
	if in.MaxAllocatedStorage < in.AllocatedStorage || in.MaxAllocatedStorage > maxAllocatedStorageLimit {
		p.fail(key+".maxAllocatedStorage", "%d GiB must be between allocatedStorage (%d GiB) and %d GiB", in.MaxAllocatedStorage, in.AllocatedStorage, maxAllocatedStorageLimit)
	}
	if in.MultiAZ != nil {
		out.MultiAZ = *in.MultiAZ
	}
	if env == Prod && !out.MultiAZ {
		p.fail(key+".multiAz", "must be true in prod: a single-AZ database is down while its AZ is")
	}
	if in.BackupRetentionDays != nil {
		out.BackupRetentionDays = *in.BackupRetentionDays
	}
	switch {
	case out.BackupRetentionDays < 0 || out.BackupRetentionDays > maxBackupRetention:
		p.fail(key+".backupRetentionDays", "%d is outside 0-%d days", out.BackupRetentionDays, maxBackupRetention)
	case env == Prod && out.BackupRetentionDays == 0:
		p.fail(key+".backupRetentionDays", "0 disables automated backups, which prod requires")
	}
	if !backupWindowPattern.MatchString(in.BackupWindow) {
		p.fail(key+".backupWindow", "%q is not a UTC window like 03:00-04:00", in.BackupWindow)
	}
	if !maintenanceWindowPattern.MatchString(in.MaintenanceWindow) {
		p.fail(key+".maintenanceWindow", "%q is not a UTC window like sun:04:30-sun:05:30", in.MaintenanceWindow)
	}
	return out
}
