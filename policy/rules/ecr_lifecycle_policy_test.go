package rules

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEcrLifecyclePolicy(t *testing.T) {
	repo := node(ecrRepository, "prod-services-claims-api", okEcr, nil)
	other := node(ecrRepository, "prod-services-scanner", okEcr, nil)
	policy := node(ecrLifecyclePolicy, "prod-services-claims-api", map[string]any{"repository": unknown, "policy": `{"rules":[]}`}, dependsOn("repository", repo))
	named := node(ecrLifecyclePolicy, "by-name", map[string]any{"repository": "scanner"}, nil)
	other.Props = fixture(ecrRepository, "prod-services-scanner", Prod, map[string]any{"name": "scanner"}).Props
	cases := []struct {
		name string
		rs   []Resource
		want []string
	}{
		{"a repository whose policy comes from it passes, though its name is unknown", []Resource{repo, policy}, nil},
		{"a repository matched by a known name passes", []Resource{other, named}, nil},
		{"a repository without a policy fails", []Resource{repo, other, named}, []string{`Repository "prod-services-claims-api": no aws:ecr/lifecyclePolicy:LifecyclePolicy`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := stackFailures(EcrLifecyclePolicy, tc.rs...)
			assert.Len(t, got, len(tc.want))
			for i := range tc.want {
				if i < len(got) {
					assert.Contains(t, got[i], tc.want[i])
				}
			}
		})
	}
}
