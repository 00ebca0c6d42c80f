package rules

// minBackupRetentionDays is the FSBP RDS.11 minimum.
const minBackupRetentionDays = 7

// RdsBackupRetention requires at least a week of automated backups.
var RdsBackupRetention = Rule{
	ID: "rds-backup-retention", Controls: []string{"RDS.11", "AwsSolutions-RDS13", "PCP aws-rds-instance-enable-backup-retention", "PCP aws-rds-instance-configure-backup-retention"}, Severity: Medium,
	Description: "RDS instances keep automated backups for at least 7 days (backupRetentionPeriod >= 7).",
	Remediation: "set database.backupRetentionDays to 7 or more",
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"backupRetentionPeriod"}},
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
