// Package dbuser names the PostgreSQL login role of each service that uses the database, in one place: the
// services' IAM policies (rds-db:connect on the role), their DB_USER variable and the bootstrap SQL that
// creates the roles must agree on it.
package dbuser

import "strings"

// Name is the database role of a service: "svc_" and the service name with '-' as '_', an unquoted
// PostgreSQL identifier (service names are lower-case letters, digits and '-', at most 24 characters).
func Name(service string) string {
	return "svc_" + strings.ReplaceAll(service, "-", "_")
}
