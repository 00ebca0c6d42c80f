// Package data builds the stateful tier, four components that each take their own settings (settings.go,
// decoded by config) and, as wiring, ids, keys and providers from the rest of the stack:
//
//   - Database (hybridcloud:data:Database): RDS PostgreSQL in the data subnets with its own KMS key, a
//     master password RDS keeps in Secrets Manager, a TLS-only parameter group, Enhanced Monitoring and
//     encrypted export log groups, admitting PostgreSQL from the ECS hosts and tasks and on premises only.
//     It exports the address, port, instance ARN, secret ARN, key ARN and security group.
//   - Files (hybridcloud:data:Files): the file bucket (SSE-KMS with its own key, versioned, private, TLS
//     only, Intelligent-Tiering, EventBridge notifications) and its access-log bucket. It exports the
//     bucket's name and ARN, its key and the log bucket.
//   - FileGateway (hybridcloud:data:FileGateway): the S3 File Gateway that fills the bucket from the data
//     centre, a VM there or an EC2 instance it declares, activated, with its cache disk, a role scoped to
//     its shares' prefixes and the NFS shares. It exports the gateway ARN and each share's mount command and fstab line.
//   - Backup (hybridcloud:data:Backup): AWS Backup vaults in the stack's region, the DR region and, with
//     a vault account, a separate backup account (through its provider), the plan, the selection of
//     exactly the database and the bucket (by ARN), the backup and restore roles, and job-failure
//     notifications to the operations topic. It exports the vaults, the plan and the restore role.
//
// The pure planning they share with config and the reports (parameter-group family, gateway modes and
// activation, AWS Backup's cold-storage rule) is in package spec, which links no Pulumi.
package data
