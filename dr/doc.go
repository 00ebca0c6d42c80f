// Package dr builds what a disaster-recovery region holds beyond AWS Backup's copies, per Strategy: the
// database's cross-region read replica (Replica), the file bucket's and the registry's replication into the
// DR region (Replication), and the private hosted zone of the internal names a failover moves (Names).
//
// It takes wiring only (ids, ARNs, the DR region's provider as a resource option); the DR VPC, the DR Transit
// Gateway (hybrid.DRTransit) and the DR compute are the other packages' components, which platform/dr.go
// declares under the DR region's provider. It exports the replica's ARN and address, the DR bucket's
// replication rule and the zone's id and names. docs/dr.md is the runbook.
package dr
