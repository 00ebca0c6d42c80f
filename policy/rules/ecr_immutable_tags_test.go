package rules

import "testing"

func TestEcrImmutableTags(t *testing.T) {
	checkRule(t, EcrImmutableTags, ecrRepository, okEcr, []mutation{
		{name: "immutable tags pass"},
		{name: "mutable tags fail", set: map[string]any{"imageTagMutability": "MUTABLE"}, wantFail: `imageTagMutability is "MUTABLE"`},
	})
}
