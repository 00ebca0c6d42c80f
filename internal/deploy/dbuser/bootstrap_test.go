package dbuser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBootstrapGivesEachServiceAnIAMOnlyLoginAndItsOwnSchema(t *testing.T) {
	sql, err := Bootstrap("app", []string{"policy-portal", "claims-api"})
	require.NoError(t, err)
	for _, role := range []string{"svc_claims_api", "svc_policy_portal"} {
		for _, want := range []string{
			"WHERE rolname = '" + role + "') THEN\n    CREATE ROLE " + role + " LOGIN;",
			"ALTER ROLE " + role + " WITH LOGIN PASSWORD NULL;",
			"GRANT rds_iam TO " + role + ";",
			"GRANT CONNECT, TEMPORARY ON DATABASE app TO " + role + ";",
			"CREATE SCHEMA IF NOT EXISTS " + role + ";",
			"REVOKE ALL ON SCHEMA " + role + " FROM PUBLIC;",
			"GRANT USAGE, CREATE ON SCHEMA " + role + " TO " + role + ";",
		} {
			assert.Contains(t, sql, want, role)
		}
	}
	assert.Contains(t, sql, "REVOKE ALL ON DATABASE app FROM PUBLIC;", "no other role connects")
	assert.Less(t, strings.Index(sql, "-- claims-api"), strings.Index(sql, "-- policy-portal"), "sorted, so the text is stable")
	assert.True(t, strings.HasPrefix(strings.SplitN(sql, "\nBEGIN;", 2)[1], "\n"), "one transaction")
	assert.True(t, strings.HasSuffix(sql, "COMMIT;\n"))
	for _, never := range []string{"SUPERUSER", "rds_superuser", "CREATEROLE", "CREATEDB", "PASSWORD '", "DROP "} {
		assert.NotContains(t, sql, never)
	}
}

func TestBootstrapWithoutServicesOnlyClosesTheDatabase(t *testing.T) {
	sql, err := Bootstrap("app", nil)
	require.NoError(t, err)
	assert.NotContains(t, sql, "CREATE ROLE")
	assert.Contains(t, sql, "REVOKE ALL ON DATABASE app FROM PUBLIC;")
}

func TestBootstrapRefusesNamesThatWouldNeedQuoting(t *testing.T) {
	for name, c := range map[string]struct {
		database string
		services []string
		want     string
	}{
		"a database name with a quote": {"app'; DROP TABLE x; --", nil, "is not an unquoted PostgreSQL identifier"},
		"an upper-case database":       {"App", nil, "is not an unquoted PostgreSQL identifier"},
		"a service with a space":       {"app", []string{"claims api"}, `service "claims api": role "svc_claims api"`},
		"a service listed twice":       {"app", []string{"a", "a"}, `service "a" listed twice`},
	} {
		_, err := Bootstrap(c.database, c.services)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), c.want, name)
	}
}
