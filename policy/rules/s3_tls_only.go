package rules

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// S3TLSOnly requires a bucket policy that denies requests not made over TLS.
var S3TLSOnly = Rule{
	ID: "s3-tls-only", Control: "S3.5", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Bucket policies deny every request with aws:SecureTransport = false.",
	Types:       []string{s3Policy},
	Resource: func(r Resource, f *Findings) {
		doc, known := text(r.Get("policy"))
		if !known {
			f.Unknown(r, "policy")
			return
		}
		if !deniesInsecureTransport(doc) {
			f.Fail(r, "policy has no Deny statement with Condition Bool aws:SecureTransport = \"false\"")
		}
	},
}

const secureTransportFalse = "false"

// deniesInsecureTransport says whether a bucket policy document denies requests with
// aws:SecureTransport = false.
func deniesInsecureTransport(doc string) bool {
	type statement struct {
		Effect    string                    `json:"Effect"`
		Condition map[string]map[string]any `json:"Condition"`
	}
	var p struct {
		Statement []statement `json:"Statement"`
	}
	if json.Unmarshal([]byte(doc), &p) != nil {
		return false
	}
	return slices.ContainsFunc(p.Statement, func(s statement) bool {
		return s.Effect == "Deny" && strings.EqualFold(fmt.Sprint(s.Condition["Bool"]["aws:SecureTransport"]), secureTransportFalse)
	})
}
