package rules

import "slices"

// bucketAdminActions are the actions S3.6 forbids granting other accounts.
var bucketAdminActions = []string{"s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:PutEncryptionConfiguration", "s3:PutObjectAcl"}

// S3NoCrossAccountAdmin keeps other accounts from changing who may read a bucket or how it is encrypted.
var S3NoCrossAccountAdmin = Rule{
	ID: "s3-no-cross-account-admin", Controls: []string{"S3.6"}, Severity: High,
	Description: "No bucket policy statement allows an AWS principal (an account, a role, or *) s3:DeleteBucketPolicy, PutBucketAcl, PutBucketPolicy, PutEncryptionConfiguration or PutObjectAcl, also through wildcards or NotAction.",
	Remediation: "remove those actions from the bucket policy; principals of the stack's own account get them from IAM, not from the bucket policy",
	Exceptions:  []string{"Same-account principals are refused too: the pack does not know the account id, and in one account IAM grants these actions, so no bucket policy of the program needs to."},
	Types:       []string{s3Policy},
	Reads:       map[string][]string{s3Policy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		checkAllows(r, f, keyPolicyDocuments(r, f), func(s statement) string {
			a := slices.IndexFunc(bucketAdminActions, s.grants)
			if a < 0 || len(s.Principals["AWS"]) == 0 && !s.everyone() {
				return ""
			}
			return "allows " + showList(append(s.Principals["AWS"], s.Principals["*"]...)) + " to " + bucketAdminActions[a]
		})
	},
}

// statementName names a statement in messages: its Sid, else its position.
func statementName(i int, s statement) string {
	if s.Sid != "" {
		return "\"" + s.Sid + "\""
	}
	return "[" + trimFloat(float64(i)) + "]"
}
