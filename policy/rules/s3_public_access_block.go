package rules

// publicAccessFlags are the four settings of a public access block.
var publicAccessFlags = []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"}

// S3PublicAccessBlock requires all four public-access-block flags.
var S3PublicAccessBlock = Rule{
	ID: "s3-public-access-block", Controls: []string{"S3.8", "AwsSolutions-S2"}, Severity: High,
	Description: "Bucket public access blocks set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets.",
	Remediation: "set all four flags true",
	Types:       []string{s3PublicAccessBlock},
	Reads:       map[string][]string{s3PublicAccessBlock: publicAccessFlags},
	Resource: func(r Resource, f *Findings) {
		for _, k := range publicAccessFlags {
			requireTrue(r, f, k)
		}
	},
}
