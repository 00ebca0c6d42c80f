package rules

// S3AccountPublicAccessBlock holds the account-wide public access block, where a stack declares it, to all
// four flags.
var S3AccountPublicAccessBlock = Rule{
	ID: "s3-account-public-access-block", Controls: []string{"S3.1"}, Severity: High,
	Description: "Where declared, the account's public access block sets all four flags true.",
	Remediation: "set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true",
	Exceptions:  []string{"An account-level setting (catalogue F3): this program does not declare it; the account baseline stack does. Every bucket of the program has its own block (s3-bucket-controls-present)."},
	Types:       []string{s3AccountPublicAccess},
	Reads:       map[string][]string{s3AccountPublicAccess: publicAccessFlags},
	Resource: func(r Resource, f *Findings) {
		for _, k := range publicAccessFlags {
			requireTrue(r, f, k)
		}
	},
}
