package rules

// EcrLifecyclePolicy requires a lifecycle policy on every repository, so old images (and their known
// vulnerabilities) expire instead of piling up.
var EcrLifecyclePolicy = Rule{
	ID: "ecr-lifecycle-policy", Controls: []string{"ECR.3"}, Severity: Low,
	Description: "Every ECR repository has a lifecycle policy (matched by the policy's repository, known or by dependency at preview).",
	Remediation: "declare an aws:ecr/lifecyclePolicy for the repository",
	Reads:       map[string][]string{ecrLifecyclePolicy: {"repository"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, repo := range ofType(rs, ecrRepository) {
			if !referenced(rs, "repository", repo, ecrLifecyclePolicy) {
				f.Fail(repo, "no %s has repository = this repository", ecrLifecyclePolicy)
			}
		}
	},
}
