package rules

// NfsKMS requires NFS shares to encrypt objects with a customer-managed key.
var NfsKMS = Rule{
	ID: "nfs-share-kms", Controls: []string{"B39", "Backup.1"}, Severity: Medium,
	Description: "Storage Gateway NFS shares set kmsEncrypted = true with a kmsKeyArn.",
	Remediation: "set kmsEncrypted true and kmsKeyArn to the files key",
	Types:       []string{nfsFileShare},
	Reads:       map[string][]string{nfsFileShare: {"kmsEncrypted", "kmsKeyArn"}},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "kmsEncrypted")
		requireSet(r, f, "kmsKeyArn")
	},
}
