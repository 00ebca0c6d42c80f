// Package compute runs the platform's containers: one ECS cluster for both halves of the hybrid estate.
//
// Cluster (hybridcloud:compute:Cluster) declares the ECS cluster with Container Insights and logged,
// encrypted ECS Exec; EC2 container instances from the ECS-optimized Amazon Linux 2023 AMI (resolved from
// its public SSM parameter) in an Auto Scaling group across the private app subnets, with IMDSv2, no public
// IP and KMS-encrypted gp3 root volumes; a capacity provider with managed scaling and termination
// protection as the cluster's default strategy; an internal Application Load Balancer with access logs (in
// a child component, hybridcloud:compute:AccessLogs) and HTTPS (TLS 1.3/1.2) when a certificate is given;
// the hosts', tasks' and load balancer's security groups; and, when enabled, ECS Anywhere: the on-premises
// hosts' role and a bounded SSM activation. It takes its ClusterSettings and, as wiring, the VPC's id,
// CIDR and app subnets, the on-premises CIDRs, the stack's logs key, identity and tags. It exports the
// cluster, security group, load balancer, listener and key identifiers and, only with ECS Anywhere, the
// activation and its registration command (secrets).
//
// Services (hybridcloud:compute:Services) declares each service of its ServicesSettings, keyed by name: an
// ECR repository (immutable tags, scan on push, KMS, lifecycle) for a service built here, a KMS-encrypted
// log group, an execution role and a task role with least privilege (its own repository, log group and
// secrets; its own database role by IAM authentication and the file bucket only when asked), a task
// definition and an ECS service with a circuit breaker and CPU target tracking. Services in AWS run on the
// capacity provider behind a target group and listener rule; services on premises run EXTERNAL on ECS
// Anywhere hosts. It takes the Cluster and, as wiring, the database endpoint (address, port, name, resource
// id) and the file bucket with its key, and exports the repositories' URLs.
//
// The rules both config and the components apply, and the names AWS limits, are in the pure package spec.
// The big argument literals are built by plain functions (launchTemplateArgs, groupArgs, serviceArgs,
// taskDefinitionArgs, targetGroupArgs) that tests assert without mocks.
package compute
