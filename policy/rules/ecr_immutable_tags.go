package rules

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// EcrImmutableTags makes tags immutable so a deployed tag always means the same image.
var EcrImmutableTags = Rule{
	ID: "ecr-immutable-tags", Control: "ECR.2", Severity: Medium, Enforcement: policyx.EnforcementLevelMandatory,
	Description: "ECR repositories have imageTagMutability = \"IMMUTABLE\".",
	Types:       []string{ecrRepository},
	Resource: func(r Resource, f *Findings) {
		v := r.Get("imageTagMutability")
		s, known := text(v)
		switch {
		case !known:
			f.Unknown(r, "imageTagMutability")
		case s != "IMMUTABLE":
			f.Fail(r, "imageTagMutability is %s; want \"IMMUTABLE\"", show(v))
		}
	},
}
