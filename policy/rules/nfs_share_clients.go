package rules

import "slices"

// NfsClients keeps NFS shares reachable from named on-premises networks only.
var NfsClients = Rule{
	ID: "nfs-share-clients", Controls: []string{"B39"}, Severity: High,
	Description: "Storage Gateway NFS shares never admit the whole internet in clientLists (0.0.0.0/0, ::/0, or the world split into blocks).",
	Remediation: "list the on-premises client CIDRs in fileShare.shares[].clientCidrs",
	Types:       []string{nfsFileShare},
	Reads:       map[string][]string{nfsFileShare: {"clientLists"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("clientLists")
		clients, known := texts(v)
		switch {
		case worldOpen(clients):
			f.Fail(r, "clientLists is %s: open to the whole internet", show(v))
		case !known:
			f.Unknown(r, "clientLists")
		case slices.Contains(clients, ""):
			f.Fail(r, "clientLists has an empty entry")
		}
	},
}
