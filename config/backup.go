package config

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"

	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/data/spec"
	"github.com/insurance/hybridcloud/foundation"
)

// Limits AWS Backup sets.
const (
	maxContinuousDays = 35
	// minChangeableForDays is the shortest grace period of a compliance-mode vault lock.
	minChangeableForDays = 3
)

var (
	regionPattern   = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d$`)
	accountPattern  = regexp.MustCompile(`^\d{12}$`)
	ruleNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,50}$`)
)

// backup reads hybridcloud:backup into AWS Backup's settings. Copies go to the DR region, which only
// hybridcloud:dr.region names (the dr section checks it), and to the vault account when there is one,
// which must not be the account of the stack's own roles (found).
func (p *parser) backup(raw []byte, drRegion string, env Environment, found foundation.Settings) data.BackupSettings {
	key := p.key("backup")
	s := data.DefaultBackupSettings()
	if moved := p.movedKey(raw, "drRegion"); moved {
		p.fail(key+".drRegion", "moved to %s.region, which the standby uses too; drop it here", p.key("dr"))
		return s
	}
	p.decode(key, raw, &s)
	s.DRRegion = drRegion
	p.protect(key+".protect", s.Protect, env)
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

	if a := s.VaultAccount; a != nil {
		p.vaultAccount(key+".vaultAccount", *a, env, found)
	}
	if len(s.Rules) == 0 {
		p.fail(key+".rules", "required: at least one scheduled backup")
	}
	for _, name := range slices.Sorted(maps.Keys(s.Rules)) {
		p.backupRule(key+".rules."+name, name, s.Rules[name], s.VaultLock)
	}
	return s
}

// vaultAccount checks the separate backup account: an account id other than the stack's, and roles of
// that account (a role of another account could neither be assumed as its deployer nor administer its key).
func (p *parser) vaultAccount(key string, a data.VaultAccount, env Environment, found foundation.Settings) {
	if !accountPattern.MatchString(a.AccountID) {
		p.fail(key+".accountId", "%q is not a 12-digit AWS account id (quote it in the stack file)", a.AccountID)
		return
	}
	for _, r := range append(slices.Clone(found.KeyAdministrators), found.BreakGlassRole) {
		if rolePattern.MatchString(r) && arnField(arnAccount, r) == a.AccountID {
			p.fail(key+".accountId", "%s is the stack's own account (hybridcloud:foundation names its roles there): a copy in it does not survive the account's compromise", a.AccountID)
			break
		}
	}
	role := func(k, arn string) {
		switch {
		case !rolePattern.MatchString(arn):
			p.fail(k, "%q is not an IAM role ARN", arn)
		case arnField(arnAccount, arn) != a.AccountID:
			p.fail(k, "%s is a role of account %s, not of the vault account %s", arn, arnField(arnAccount, arn), a.AccountID)
		}
	}
	if a.RoleARN == "" {
		p.fail(key+".roleArn", "required: the role of account %s the deployment assumes to declare the vault there", a.AccountID)
	} else {
		role(key+".roleArn", a.RoleARN)
	}
	for i, r := range a.KeyAdministrators {
		role(indexed(key+".keyAdministrators", i), r)
	}
	switch {
	case a.BreakGlassRole != "":
		role(key+".breakGlassRole", a.BreakGlassRole)
	case env == Prod:
		p.fail(key+".breakGlassRole", "required in prod: without it the vault account's deploying role can delete its recovery points")
	}
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

// movedKey reports whether the object raw still holds a key that moved to another section, so the error can
// say where it went rather than only that it is unknown.
func (p *parser) movedKey(raw []byte, name string) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return false
	}
	_, ok := obj[name]
	return ok
}
