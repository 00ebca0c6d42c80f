package rules

import "slices"

// publicACLs are the canned ACLs that grant everyone or every AWS account access.
var publicACLs = []string{"public-read", "public-read-write", "authenticated-read"}

// publicGrantees are the ACL groups of everyone and of every AWS account.
var publicGrantees = []string{"http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"}

// restrictingKeys are condition keys that limit a statement to principals, sources or networks of one's own.
var restrictingKeys = []string{"aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:PrincipalOrgID", "aws:PrincipalAccount",
	"aws:PrincipalArn", "aws:SourceVpce", "aws:SourceVpc", "aws:SourceIp", "aws:ResourceAccount", "kms:CallerAccount", "aws:PrincipalServiceName"}

// S3NoPublicGrants keeps bucket policies and ACLs from granting the public read or write access, which the
// public access block would otherwise have to catch.
var S3NoPublicGrants = Rule{
	ID: "s3-no-public-grants", Controls: []string{"S3.2", "S3.3"}, Severity: High,
	Description: "No bucket policy allows Principal \"*\" any S3 action without a condition that restricts it to the stack's own accounts, sources or networks; no bucket ACL is public-read, public-read-write or authenticated-read or grants AllUsers/AuthenticatedUsers.",
	Remediation: "grant named principals instead of \"*\", or add aws:SourceArn/aws:SourceAccount/aws:PrincipalOrgID conditions; keep ACLs disabled",
	Exceptions:  []string{"AWS evaluates effective access at run time (the catalogue marks S3.2/S3.3 partly static): the rule reads the documents, and the public access block (s3-public-access-block) stops what it cannot see."},
	Types:       []string{s3Policy, s3ACL},
	Reads: map[string][]string{s3Policy: {"policy"},
		s3ACL: {"acl", "accessControlPolicy.grants[].grantee.type", "accessControlPolicy.grants[].grantee.uri"}},
	Resource: func(r Resource, f *Findings) {
		if r.Type == s3ACL {
			publicACL(r, f)
		} else {
			checkAllows(r, f, keyPolicyDocuments(r, f), publicStatement)
		}
	},
}

// publicACL fails a bucket ACL that is canned public or grants a public group.
func publicACL(r Resource, f *Findings) {
	if acl, known := text(r.Get("acl")); !known {
		f.Unknown(r, "acl")
	} else if slices.Contains(publicACLs, acl) {
		f.Fail(r, "acl is %q: public", acl)
	}
	grants, known := items(r.Get("accessControlPolicy", "grants"))
	if !known {
		f.Unknown(r, "accessControlPolicy.grants")
	}
	for i, g := range grants {
		if uri, _ := text(walk(g, "grantee", "uri")); slices.Contains(publicGrantees, uri) {
			f.Fail(r, "accessControlPolicy.grants[%d] grants %s", i, uri)
		}
	}
}

// publicStatement says what is wrong with a statement that allows everyone without a restricting condition.
func publicStatement(s statement) string {
	if s.everyone() && !slices.ContainsFunc(restrictingKeys, s.hasConditionKey) {
		return "allows everyone " + showList(s.Actions) + " with no restricting condition"
	}
	return ""
}
