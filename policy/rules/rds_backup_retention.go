package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// RdsBackupRetention requires at least a week of automated backups.
var RdsBackupRetention = Rule{
	ID: "rds-backup-retention", Control: "RDS.11", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "RDS instances keep automated backups for at least 7 days (backupRetentionPeriod >= 7).",
	Types:       []string{rdsInstance},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("backupRetentionPeriod")
		days, known := number(v, 0)
		switch {
		case !known:
			f.Unknown(r, "backupRetentionPeriod")
		case days < minBackupRetentionDays:
			f.Fail(r, "backupRetentionPeriod is %s; want at least %d", show(v), minBackupRetentionDays)
		}
	},
}

// minBackupRetentionDays is the FSBP RDS.11 minimum.
const minBackupRetentionDays = 7
