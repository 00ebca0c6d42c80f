package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCoveredType(t *testing.T) {
	cases := []struct {
		typ  string
		want bool
	}{
		{"aws:rds/instance:Instance", true},
		{"aws:ec2/route:Route", true},
		{"hybridcloud:network:Vpc", true},
		{"aws:ec2/instance:Instance", true},
		{"aws:lambda/function:Function", false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, CoveredType(tc.typ), tc.typ)
	}
}

func TestReviewedTypesHaveNoRule(t *testing.T) {
	for _, typ := range reviewedTypes {
		for _, r := range All() {
			assert.NotContains(t, r.Types, typ, "%s has rule %s: take it off reviewedTypes", typ, r.ID)
		}
	}
}
