package config

import (
	"maps"
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/data/spec"
)

// Limits AWS Backup sets.
const (
	maxContinuousDays = 35
	// minChangeableForDays is the shortest grace period of a compliance-mode vault lock.
	minChangeableForDays = 3
)

var (
	regionPattern   = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d$`)
	ruleNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,50}$`)
)

// backup reads hybridcloud:backup into AWS Backup's settings; region is the stack's own (aws:region).
func (p *parser) backup(raw []byte, region string, env Environment) data.BackupSettings {
	key := p.key("backup")
	s := data.DefaultBackupSettings()
	p.decode(key, raw, &s)
	p.protect(key+".protect", s.Protect, env)

	switch {
	case !regionPattern.MatchString(s.DRRegion):
		p.fail(key+".drRegion", "%q is not an AWS region (like us-west-2)", s.DRRegion)
	case s.DRRegion == region:
		p.fail(key+".drRegion", "%s is the stack's own region (aws:region): a copy there does not survive the region", s.DRRegion)
	}
	if s.ContinuousRetentionDays < 0 || s.ContinuousRetentionDays > maxContinuousDays {
		p.fail(key+".continuousRetentionDays", "%d is outside 0-%d days", s.ContinuousRetentionDays, maxContinuousDays)
	}
	if l := s.VaultLock; l != nil {
		if l.MinRetentionDays < 1 || l.MaxRetentionDays < l.MinRetentionDays {
			p.fail(key+".vaultLock", "retention bounds %d-%d days: want 1 <= minRetentionDays <= maxRetentionDays", l.MinRetentionDays, l.MaxRetentionDays)
		}
		if l.ChangeableForDays != 0 && l.ChangeableForDays < minChangeableForDays {
			p.fail(key+".vaultLock.changeableForDays", "%d is below AWS's minimum grace period of %d days (0 keeps governance mode)", l.ChangeableForDays, minChangeableForDays)
		}
		if env == Prod && l.ChangeableForDays == 0 {
			p.warn(key+".vaultLock.changeableForDays", "0 keeps prod's vault lock in governance mode, which anyone with backup:DeleteBackupVaultLockConfiguration can remove; 3 or more makes it permanent after that many days")
		}
		if s.ContinuousRetentionDays != 0 && s.ContinuousRetentionDays < l.MinRetentionDays {
			p.fail(key+".continuousRetentionDays", "%d days is below the vault lock's minRetentionDays (%d)", s.ContinuousRetentionDays, l.MinRetentionDays)
		}
	}

	if len(s.Rules) == 0 {
		p.fail(key+".rules", "required: at least one scheduled backup")
	}
	for _, name := range slices.Sorted(maps.Keys(s.Rules)) {
		p.backupRule(key+".rules."+name, name, s.Rules[name], s.VaultLock)
	}
	return s
}

// backupRule checks the rule called name, under its key.
func (p *parser) backupRule(key, name string, r data.BackupRule, lock *data.VaultLock) {
	if !ruleNamePattern.MatchString(name) {
		p.fail(key, "%q is not a rule name (letters, digits, _ . -)", name)
	}
	if err := checkCron(r.Schedule); err != nil {
		p.fail(key+".schedule", "%v", err)
	}
	switch err := spec.CheckColdStorage(r.RetentionDays, r.ColdStorageAfterDays); {
	case r.RetentionDays < 1:
		p.fail(key+".retentionDays", "required: at least 1 day")
	case r.ColdStorageAfterDays < 0:
		p.fail(key+".coldStorageAfterDays", "%d is negative", r.ColdStorageAfterDays)
	case err != nil:
		p.fail(key+".retentionDays", "%v", err)
	}
	if lock != nil && (r.RetentionDays < lock.MinRetentionDays || r.RetentionDays > lock.MaxRetentionDays) {
		p.fail(key+".retentionDays", "%d is outside the vault lock's %d-%d days: the vault would refuse the recovery points", r.RetentionDays, lock.MinRetentionDays, lock.MaxRetentionDays)
	}
}

// checkBackupStarts refuses a backup rule that would start in the hour before or during the database's
// maintenance window, when AWS Backup starts no backup of it: the job would wait and could expire.
func (p *parser) checkBackupStarts(c *Config) {
	if c.Database.MaintenanceWindow == "" {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(c.Backup.Rules)) {
		if err := spec.CheckBackupStart(c.Backup.Rules[name].Schedule, c.Database.MaintenanceWindow); err != nil {
			p.fail(p.key("backup")+".rules."+name+".schedule", "%v (hybridcloud:database.maintenanceWindow); move the rule or the window", err)
		}
	}
}
