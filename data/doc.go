// Package data will build the stateful tier (issue 5): the RDS PostgreSQL database, the file bucket and the
// Storage Gateway NFS shares that fill it. So far it holds only the pure planning its config needs:
// ParameterGroupFamily maps a PostgreSQL engine version to its parameter-group family. The components
// (Database, Files, Gateway) are not written yet.
package data
