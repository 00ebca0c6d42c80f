package rules

// NfsSquash forbids NoSquash, which lets a client's root act as root on the share.
var NfsSquash = Rule{
	ID: "nfs-share-squash", Controls: []string{"B39"}, Severity: High,
	Description: "Storage Gateway NFS shares squash root (squash RootSquash or AllSquash; unset means RootSquash), never NoSquash.",
	Remediation: "set squash \"RootSquash\" (fileShare.shares[].squash)",
	Types:       []string{nfsFileShare},
	Reads:       map[string][]string{nfsFileShare: {"squash"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"RootSquash", "AllSquash"}, "RootSquash", "squash")
	},
}
