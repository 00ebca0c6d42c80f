package rules

import (
	"slices"
	"strings"
)

// S3TLSOnly requires a bucket policy statement that refuses every request not made over TLS: Deny, to
// everyone, every S3 action, on the bucket and its objects, on aws:SecureTransport false and nothing else.
var S3TLSOnly = Rule{
	ID: "s3-tls-only", Controls: []string{"S3.5", "AwsSolutions-S10"}, Severity: Medium,
	Description: "Bucket policies have a statement Effect Deny, Principal \"*\", Action s3:* (or *), Resource the bucket and bucket/* (or a pattern covering both), Condition Bool (or BoolIfExists) aws:SecureTransport false and no other condition. Statement as one object or a list, condition values as a string, boolean or list, keys in any case.",
	Remediation: "add the statement {Effect: Deny, Principal: \"*\", Action: \"s3:*\", Resource: [bucket ARN, bucket ARN + \"/*\"], Condition: {Bool: {aws:SecureTransport: \"false\"}}}",
	Types:       []string{s3Policy},
	Reads:       map[string][]string{s3Policy: {"policy"}},
	Resource: func(r Resource, f *Findings) {
		if doc, ok := policyText(r, f, "policy"); ok && !slices.ContainsFunc(doc.Statements, deniesInsecureTransport) {
			f.Fail(r, "policy has no statement that denies s3:* on the bucket and its objects to everyone when aws:SecureTransport is false")
		}
	},
}

// deniesInsecureTransport says whether s is a complete TLS-only deny.
func deniesInsecureTransport(s statement) bool {
	// A NotResource or NotPrincipal statement has no Resource or Principal, so the checks below refuse it.
	if s.Effect != "Deny" || s.HasNotAction || !s.everyone() || !s.grants("s3:PutObject") || !s.grants("s3:GetObject") {
		return false
	}
	values := s.conditionValues("aws:SecureTransport", "Bool")
	if len(values) == 0 || slices.ContainsFunc(values, func(v string) bool { return !strings.EqualFold(v, "false") }) {
		return false
	}
	for _, keys := range s.Conditions {
		for k := range keys {
			if k != "aws:securetransport" {
				return false
			}
		}
	}
	return coversBucketAndObjects(s.Resources)
}

// coversBucketAndObjects says whether resource patterns cover a bucket and every object in it.
func coversBucketAndObjects(resources []string) bool {
	for _, bucket := range resources {
		if strings.Contains(bucket, "/") || !strings.HasPrefix(bucket, "arn:aws:s3:::") && bucket != "*" {
			continue
		}
		if slices.ContainsFunc(resources, func(p string) bool { return globMatch(p, bucket+"/any/object") }) {
			return true
		}
	}
	return false
}
