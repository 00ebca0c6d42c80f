package rules

// S3OwnershipEnforced switches ACLs off: with BucketOwnerEnforced the bucket policy alone decides access.
var S3OwnershipEnforced = Rule{
	ID: "s3-ownership-enforced", Controls: []string{"S3.12"}, Severity: Medium,
	Description: "Every bucket has ownership controls with rule.objectOwnership BucketOwnerEnforced (ACLs disabled), and no aws:s3/bucketAclV2.",
	Remediation: "declare an aws:s3/bucketOwnershipControls {rule: {objectOwnership: BucketOwnerEnforced}} and drop the ACL",
	Reads:       map[string][]string{s3Ownership: {"bucket", "rule.objectOwnership"}, s3ACL: {"bucket"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, b := range ofType(rs, s3Bucket) {
			enforced, pending := false, false
			for _, o := range ofType(rs, s3Ownership) {
				if links(o, "bucket", b) {
					mode, known := text(o.Get("rule", "objectOwnership"))
					enforced = enforced || mode == "BucketOwnerEnforced"
					pending = pending || !known
				}
			}
			switch {
			case enforced:
			case pending:
				f.Unknown(b, "rule.objectOwnership of its ownership controls")
			default:
				f.Fail(b, "no %s sets objectOwnership BucketOwnerEnforced for it: ACLs stay in effect", s3Ownership)
			}
			for _, acl := range ofType(rs, s3ACL) {
				if links(acl, "bucket", b) {
					f.Fail(b, "%s %q sets an ACL on it; want ACLs disabled", s3ACL, acl.Name)
				}
			}
		}
	},
}
