package rules

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

const ecrLifecyclePolicy = "aws:ecr/lifecyclePolicy:LifecyclePolicy"

// EcrLifecyclePolicy requires a lifecycle policy on every repository, so old images (and their known
// vulnerabilities) expire instead of piling up.
var EcrLifecyclePolicy = Rule{
	ID: "ecr-lifecycle-policy", Control: "ECR.3", Severity: Low, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "Every ECR repository has a lifecycle policy (matched by the policy's repository, known or by dependency at preview).",
	Stack: func(rs []Resource, f *Findings) {
		for _, repo := range ofType(rs, ecrRepository) {
			if !referenced(rs, ecrLifecyclePolicy, "repository", repo) {
				f.Fail(repo, "no %s has repository = this repository", ecrLifecyclePolicy)
			}
		}
	},
}
