package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// NfsSquash forbids NoSquash, which lets a client's root act as root on the share.
var NfsSquash = Rule{
	ID: "nfs-share-squash", Control: "custom (B39)", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Storage Gateway NFS shares squash root (squash RootSquash or AllSquash, never NoSquash).",
	Types:       []string{nfsFileShare},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("squash")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "squash")
		case s == "NoSquash":
			f.Fail(r, "squash is \"NoSquash\"; want \"RootSquash\" or \"AllSquash\"")
		}
	},
}
