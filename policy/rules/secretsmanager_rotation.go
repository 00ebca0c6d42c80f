package rules

import "strings"

// pullThroughCachePrefix names the secrets ECR reads an upstream registry's credential from.
const pullThroughCachePrefix = "ecr-pullthroughcache/"

// SecretsManagerRotation requires every secret to rotate automatically.
var SecretsManagerRotation = Rule{
	ID: "secretsmanager-rotation", Controls: []string{"SecretsManager.1", "AwsSolutions-SMG4"}, Severity: Medium,
	Description: "Every aws:secretsmanager/secret has an aws:secretsmanager/secretRotation (matched by secretId), except the ECR pull-through cache credentials (names ecr-pullthroughcache/…).",
	Remediation: "declare an aws:secretsmanager/secretRotation with a rotation function and rotationRules",
	Exceptions:  []string{"Secrets named ecr-pullthroughcache/… hold an upstream registry's access token that ECR requires in that secret; only the upstream registry can issue a new one, so no rotation function can rotate it. Rotate it by hand on the upstream's schedule."},
	Reads:       map[string][]string{smSecret: {"name", "namePrefix"}, secretRotation: {"secretId"}},
	Stack: func(rs []Resource, f *Findings) {
		for _, s := range ofType(rs, smSecret) {
			name, _ := text(s.Get("name"))
			prefix, _ := text(s.Get("namePrefix"))
			if strings.HasPrefix(name+prefix, pullThroughCachePrefix) {
				continue
			}
			if !referenced(rs, "secretId", s, secretRotation) {
				f.Fail(s, "no %s has secretId = this secret", secretRotation)
			}
		}
	},
}
