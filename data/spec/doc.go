// Package spec is the data tier's pure planning, with no Pulumi in it, so config, the components and the
// reports share one answer: the parameter-group family of a PostgreSQL version (ParameterGroupFamily),
// where a File Gateway runs and how it is activated (GatewayMode, ActivationOf, CheckCacheDisk), how long
// AWS Backup keeps a recovery point in cold storage (CheckColdStorage), and whether the database's backup
// and maintenance windows suit RDS (CheckDatabaseWindows). Table tests cover it.
package spec
