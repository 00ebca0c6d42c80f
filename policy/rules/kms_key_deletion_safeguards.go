package rules

// maxKeyDeletionWindow is the longest waiting period KMS allows before it deletes a key (and the default).
const maxKeyDeletionWindow = 30

// KmsKeyDeletionSafeguards makes deleting a key slow and deliberate: the longest waiting period, and Pulumi's
// protect option, so a stack change cannot schedule the deletion at all. Dev keys are deleted with dev, so
// there the rule advises.
var KmsKeyDeletionSafeguards = Rule{
	ID: "kms-key-deletion-safeguards", Controls: []string{"KMS.3"}, Severity: High,
	AdvisoryIn:  []Environment{Dev},
	Description: "KMS keys keep deletionWindowInDays 30 (unset means 30) and have the Pulumi protect option; advisory in dev. KMS.3 itself (no key pending deletion) is a run-time state: these are its static proxies.",
	Remediation: "set deletionWindowInDays 30 and pulumi.Protect(true) on the key",
	Types:       []string{kmsKey},
	Reads:       map[string][]string{kmsKey: {"deletionWindowInDays"}},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("deletionWindowInDays")
		days, known := number(v, maxKeyDeletionWindow)
		switch {
		case !known:
			f.Unknown(r, "deletionWindowInDays")
		case days < maxKeyDeletionWindow:
			f.Fail(r, "deletionWindowInDays is %s; want %d", show(v), maxKeyDeletionWindow)
		}
		if !r.Protect {
			f.Fail(r, "protect is false; want pulumi.Protect(true)")
		}
	},
}
