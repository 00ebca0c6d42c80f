package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NfsKMS requires NFS shares to encrypt objects with a customer-managed key.
var NfsKMS = Rule{
	ID: "nfs-share-kms", Control: "custom (B39), Backup.1", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Storage Gateway NFS shares set kmsEncrypted = true with a kmsKeyArn.",
	Types:       []string{nfsFileShare},
	Resource: func(r Resource, f *Findings) {
		requireTrue(r, f, "kmsEncrypted")
		requireSet(r, f, "kmsKeyArn")
	},
}
