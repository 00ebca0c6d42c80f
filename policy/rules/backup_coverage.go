package rules

// BackupCoverage requires every database and bucket to be in a backup selection.
var BackupCoverage = Rule{
	ID: "backup-coverage", Controls: []string{"RDS.26", "B43"}, Severity: High,
	Description: "Every RDS instance and S3 bucket is listed in the resources of an AWS Backup selection (known ARN or by dependency), except buckets that only receive access logs.",
	Remediation: "add the resource's ARN to the backup selection (data.Backup)",
	Exceptions: []string{"A bucket that only receives ALB or S3 access logs is kept by its own lifecycle rule, not restored.",
		"A DR read replica and a replication destination bucket are copies of a backed-up source, whose recovery points AWS Backup already copies to the DR region."},
	Reads: map[string][]string{backupSelection: {"resources"}, loadBalancerTypes[0]: {"accessLogs"}, loadBalancerTypes[1]: {"accessLogs"}, s3Logging: {"targetBucket"},
		rdsInstance: {"replicateSourceDb"}, s3Replication: {"rules"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, r := range ofType(rs, rdsInstance, s3Bucket) {
			// Only an instance has a replication source, only a bucket a replication rule pointing at it.
			copyOfSource := readReplica(r) || replicaBucket(rs, r)
			if !copyOfSource && !logOnlyBucket(rs, r) && !referenced(rs, "resources", r, backupSelection) {
				f.Fail(r, "no %s lists this resource", backupSelection)
			}
		}
	},
}
