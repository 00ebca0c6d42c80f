// Package deploy holds what an AWS account needs before the first `pulumi up` of the program: the IAM
// actions each resource type and provider function the program declares needs (Types and Invokes, one
// entry per type token, split into create, read, update and delete), and the IAM policy documents
// generated from them: the deployer's policies (everything, for the role that runs `pulumi up`) and the
// preview policies (read only, for the role a pull request's `pulumi preview` runs with). cmd/deployerpolicy
// writes them into this folder; a test in platform fails when a type in either stack's plan has no entry
// or when the JSON here differs from what the table generates.
//
// The folder also holds the GitHub OIDC trust policies of the two preview roles (github-oidc-trust-*.json),
// which are kept by hand; README.md says what each condition does.
package deploy
