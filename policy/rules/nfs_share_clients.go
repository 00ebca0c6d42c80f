package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NfsClients keeps NFS shares reachable from named on-premises networks only.
var NfsClients = Rule{
	ID: "nfs-share-clients", Control: "custom (B39)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Storage Gateway NFS shares never list 0.0.0.0/0 or ::/0 in clientLists.",
	Types:       []string{nfsFileShare},
	Resource:    func(r Resource, f *Findings) { openCIDRs(r, f, r.Get("clientLists"), "clientLists") },
}
