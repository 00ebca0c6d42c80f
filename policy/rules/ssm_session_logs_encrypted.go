package rules

import "encoding/json"

// SsmSessionLogsEncrypted requires Session Manager to log every session to an encrypted log group, so the
// one shell operators use instead of SSH is audited.
var SsmSessionLogsEncrypted = Rule{
	ID: "ssm-session-logs-encrypted", Controls: []string{"B44"}, Severity: Medium,
	Description: "Session Manager preferences (documentType Session) log to a CloudWatch log group with cloudWatchEncryptionEnabled, and encrypt S3 logs if any.",
	Remediation: "set inputs.cloudWatchLogGroupName with cloudWatchEncryptionEnabled true (and s3EncryptionEnabled true with an s3BucketName)",
	Types:       []string{ssmDocument},
	Reads:       map[string][]string{ssmDocument: {"documentType", "content"}},
	Resource: func(r Resource, f *Findings) {
		typ, known := text(r.Get("documentType"))
		if !known {
			f.Unknown(r, "documentType")
		}
		if typ != "Session" {
			return
		}
		doc, known := text(r.Get("content"))
		if !known {
			f.Unknown(r, "content")
			return
		}
		var c struct {
			Inputs struct {
				CloudWatchLogGroupName      string `json:"cloudWatchLogGroupName"`
				CloudWatchEncryptionEnabled bool   `json:"cloudWatchEncryptionEnabled"`
				S3BucketName                string `json:"s3BucketName"`
				S3EncryptionEnabled         bool   `json:"s3EncryptionEnabled"`
			} `json:"inputs"`
		}
		if err := json.Unmarshal([]byte(doc), &c); err != nil {
			f.Fail(r, "content is not JSON Session Manager preferences: %v", err)
			return
		}
		in := c.Inputs
		switch {
		case in.CloudWatchLogGroupName == "":
			f.Fail(r, "content inputs.cloudWatchLogGroupName is unset; sessions would not be logged")
		case !in.CloudWatchEncryptionEnabled:
			f.Fail(r, "content inputs.cloudWatchEncryptionEnabled is false; want true")
		}
		if in.S3BucketName != "" && !in.S3EncryptionEnabled {
			f.Fail(r, "content inputs.s3EncryptionEnabled is false with s3BucketName %q; want true", in.S3BucketName)
		}
	},
}
