package config

import (
	"regexp"
)

// Backup is the validated hybridcloud:backup section: AWS Backup over the database and the file bucket,
// copied to a second region.
type Backup struct {
	// DRRegion receives copies of the recovery points, for restore when the primary region is lost.
	DRRegion string
	// Rules are the scheduled backups.
	Rules []BackupRule
	// ContinuousRetentionDays keeps point-in-time recovery for RDS and S3 (1-35 days; 0 off).
	ContinuousRetentionDays int
	// VaultLock makes recovery points undeletable within its retention bounds; nil leaves the vault unlocked.
	VaultLock *VaultLock
	// Protect keeps the vaults and their keys through a destroy; required in prod.
	Protect bool
}

// BackupRule is one scheduled backup.
type BackupRule struct {
	// Name names the rule ("daily").
	Name string
	// Schedule is the AWS Backup cron expression, in UTC.
	Schedule string
	// RetentionDays is when a recovery point is deleted.
	RetentionDays int
	// ColdStorageAfterDays moves recovery points of resources that support it to cold storage (0: never).
	ColdStorageAfterDays int
	// CopyToDR copies each recovery point to the DR region, kept as long as the original.
	CopyToDR bool
}

// VaultLock bounds the retention of every recovery point in the vault.
type VaultLock struct {
	// MinRetentionDays and MaxRetentionDays bound every rule's retention.
	MinRetentionDays, MaxRetentionDays int
	// ChangeableForDays is the grace period after which the lock can no longer be removed, even by the root
	// user (compliance mode). 0 keeps it in governance mode, removable by administrators.
	ChangeableForDays int
}

type backupInput struct {
	DRRegion string `json:"drRegion"`
	Rules    []struct {
		Name                 string `json:"name"`
		Schedule             string `json:"schedule"`
		RetentionDays        int    `json:"retentionDays"`
		ColdStorageAfterDays int    `json:"coldStorageAfterDays"`
		CopyToDR             bool   `json:"copyToDr"`
	} `json:"rules"`
	ContinuousRetentionDays int `json:"continuousRetentionDays"`
	VaultLock               *struct {
		MinRetentionDays  int `json:"minRetentionDays"`
		MaxRetentionDays  int `json:"maxRetentionDays"`
		ChangeableForDays int `json:"changeableForDays"`
	} `json:"vaultLock"`
	Protect *bool `json:"protect"`
}

// Limits AWS Backup sets.
const (
	// minDaysInColdStorage is how long AWS Backup keeps a recovery point once it is moved to cold storage.
	minDaysInColdStorage = 90
	maxContinuousDays    = 35
	// minChangeableForDays is the shortest grace period of a compliance-mode vault lock.
	minChangeableForDays = 3
)

var (
	regionPattern   = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d$`)
	ruleNamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,50}$`)
)

func (p *parser) backup(in backupInput, region string, env Environment) Backup {
	key := p.key("backup")
	out := Backup{DRRegion: in.DRRegion, ContinuousRetentionDays: in.ContinuousRetentionDays,
		Protect: p.protectInput(key+".protect", in.Protect, env)}

	switch {
	case !regionPattern.MatchString(in.DRRegion):
		p.fail(key+".drRegion", "%q is not an AWS region (like us-west-2)", in.DRRegion)
	case in.DRRegion == region:
		p.fail(key+".drRegion", "%s is the stack's own region (aws:region): a copy there does not survive the region", in.DRRegion)
	}
	if in.ContinuousRetentionDays < 0 || in.ContinuousRetentionDays > maxContinuousDays {
		p.fail(key+".continuousRetentionDays", "%d is outside 0-%d days", in.ContinuousRetentionDays, maxContinuousDays)
	}
	if l := in.VaultLock; l != nil {
		out.VaultLock = &VaultLock{MinRetentionDays: l.MinRetentionDays, MaxRetentionDays: l.MaxRetentionDays, ChangeableForDays: l.ChangeableForDays}
		if l.MinRetentionDays < 1 || l.MaxRetentionDays < l.MinRetentionDays {
			p.fail(key+".vaultLock", "retention bounds %d-%d days: want 1 <= minRetentionDays <= maxRetentionDays", l.MinRetentionDays, l.MaxRetentionDays)
		}
		if l.ChangeableForDays != 0 && l.ChangeableForDays < minChangeableForDays {
			p.fail(key+".vaultLock.changeableForDays", "%d is below AWS's minimum grace period of %d days (0 keeps governance mode)", l.ChangeableForDays, minChangeableForDays)
		}
		if out.ContinuousRetentionDays != 0 && out.ContinuousRetentionDays < l.MinRetentionDays {
			p.fail(key+".continuousRetentionDays", "%d days is below the vault lock's minRetentionDays (%d)", out.ContinuousRetentionDays, l.MinRetentionDays)
		}
	}

	if len(in.Rules) == 0 {
		p.fail(key+".rules", "required: at least one scheduled backup")
	}
	for i, r := range in.Rules {
		rk := indexed(key+".rules", i)
		rule := BackupRule{Name: r.Name, Schedule: r.Schedule, RetentionDays: r.RetentionDays,
			ColdStorageAfterDays: r.ColdStorageAfterDays, CopyToDR: r.CopyToDR}
		if !ruleNamePattern.MatchString(r.Name) {
			p.fail(rk+".name", "%q is not a rule name (letters, digits, _ . -)", r.Name)
		}
		for j, other := range out.Rules {
			if other.Name == r.Name {
				p.fail(rk+".name", "%q is also the name of rules[%d]", r.Name, j)
			}
		}
		if err := checkCron(r.Schedule); err != nil {
			p.fail(rk+".schedule", "%v", err)
		}
		switch {
		case r.RetentionDays < 1:
			p.fail(rk+".retentionDays", "required: at least 1 day")
		case r.ColdStorageAfterDays < 0:
			p.fail(rk+".coldStorageAfterDays", "%d is negative", r.ColdStorageAfterDays)
		case r.ColdStorageAfterDays > 0 && r.RetentionDays < r.ColdStorageAfterDays+minDaysInColdStorage:
			p.fail(rk+".retentionDays", "%d deletes sooner than %d days after the move to cold storage (coldStorageAfterDays %d + %d)",
				r.RetentionDays, minDaysInColdStorage, r.ColdStorageAfterDays, minDaysInColdStorage)
		}
		if l := out.VaultLock; l != nil && (r.RetentionDays < l.MinRetentionDays || r.RetentionDays > l.MaxRetentionDays) {
			p.fail(rk+".retentionDays", "%d is outside the vault lock's %d-%d days: the vault would refuse the recovery points", r.RetentionDays, l.MinRetentionDays, l.MaxRetentionDays)
		}
		out.Rules = append(out.Rules, rule)
	}
	return out
}
