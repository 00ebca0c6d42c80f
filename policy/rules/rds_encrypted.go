package rules

// RdsEncrypted requires storage encryption with a customer-managed key. Automated snapshots and AWS Backup
// recovery points of an encrypted instance are encrypted with the same key.
var RdsEncrypted = Rule{
	ID: "rds-encrypted", Controls: []string{"RDS.3", "RDS.4", "AwsSolutions-RDS2", "PCP aws-rds-instance-disallow-unencrypted-storage", "PCP aws-rds-instance-configure-customer-managed-key"}, Severity: High,
	Description: "RDS instances encrypt storage (storageEncrypted = true) with a customer-managed key (kmsKeyId set, not alias/aws/rds).",
	Remediation: "set storageEncrypted true and kmsKeyId to the database key",
	Exceptions:  []string{"RDS.4 is partly static: manual snapshots and snapshot copies made outside the program are not inputs; the instance's own snapshots inherit its encryption."},
	Types:       []string{rdsInstance},
	Reads:       map[string][]string{rdsInstance: {"storageEncrypted", "kmsKeyId"}},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "storageEncrypted")
		requireCustomerKey(r, f, "aws/rds", "kmsKeyId")
	},
}
