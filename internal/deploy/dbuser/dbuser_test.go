package dbuser

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNamesAreUnquotedPostgresIdentifiersOfTheService(t *testing.T) {
	identifier := regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)
	for service, want := range map[string]string{"claims-api": "svc_claims_api", "a": "svc_a", "policy-portal-2": "svc_policy_portal_2"} {
		got := Name(service)
		assert.Equal(t, want, got)
		assert.Regexp(t, identifier, got)
	}
	assert.NotEqual(t, Name("claims-api"), Name("claims-apis"), "distinct services, distinct roles")
}
