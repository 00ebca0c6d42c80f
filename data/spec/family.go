package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// MinPostgresMajor is the oldest PostgreSQL major version RDS still offers (standard support).
const MinPostgresMajor = 13

// ParameterGroupFamily returns the RDS parameter-group family of a PostgreSQL engine version: the family
// follows the major version only ("16.4" -> "postgres16"), so a minor upgrade keeps the parameter group.
func ParameterGroupFamily(engineVersion string) (string, error) {
	majorText, _, _ := strings.Cut(engineVersion, ".")
	major, err := strconv.Atoi(majorText)
	if err != nil || major < 0 || majorText != strconv.Itoa(major) {
		return "", fmt.Errorf("engine version %q does not start with a PostgreSQL major version (like 16)", engineVersion)
	}
	if major < MinPostgresMajor {
		return "", fmt.Errorf("PostgreSQL %d is older than %d, the oldest major version RDS supports", major, MinPostgresMajor)
	}
	return "postgres" + strconv.Itoa(major), nil
}

// Parameters are the PostgreSQL parameters every parameter group of the platform sets, the primary's and a
// replica's alike: TLS only, and every connection logged, for the audit trail an insurer must keep.
var Parameters = [][2]string{{"rds.force_ssl", "1"}, {"log_connections", "1"}, {"log_disconnections", "1"}}
