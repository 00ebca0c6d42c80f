package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// S3PublicAccessBlock requires all four public-access-block flags.
var S3PublicAccessBlock = Rule{
	ID: "s3-public-access-block", Control: "S3.8", Severity: High, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Bucket public access blocks set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets.",
	Types:       []string{s3PublicAccessBlock},
	Resource: func(r Resource, f *Findings) {
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			requireTrue(r, f, k)
		}
	},
}
