package rules

// EcrImmutableTags makes tags immutable so a deployed tag always means the same image.
var EcrImmutableTags = Rule{
	ID: "ecr-immutable-tags", Controls: []string{"ECR.2", "PCP aws-ecr-repository-disallow-mutable-image"}, Severity: Medium,
	Description: "ECR repositories have imageTagMutability = \"IMMUTABLE\".",
	Remediation: "set imageTagMutability \"IMMUTABLE\" and push a new tag for every build",
	Types:       []string{ecrRepository},
	Reads:       map[string][]string{ecrRepository: {"imageTagMutability"}},
	Resource: func(r Resource, f *Findings) {
		requireOneOf(r, f, []string{"IMMUTABLE"}, "MUTABLE", "imageTagMutability")
	},
}
