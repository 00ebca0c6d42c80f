package rules

import "testing"

func TestS3TLSOnly(t *testing.T) {
	tlsOnly := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	checkRule(t, S3TLSOnly, s3Policy, map[string]any{"policy": tlsOnly}, []mutation{
		{name: "a TLS-only deny passes"},
		{name: "a boolean false in the condition passes", set: map[string]any{"policy": `{"Statement":[{"Effect":"Deny","Condition":{"Bool":{"aws:SecureTransport":false}}}]}`}},
		{name: "a policy without it fails", set: map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}`}, wantFail: "no Deny statement"},
		{name: "a policy unknown at preview is reported", set: map[string]any{"policy": unknown}, wantUnknown: "policy is unknown"},
	})
}
