// Package compute runs the platform's containers: one ECS cluster for both halves of the hybrid estate.
//
// Cluster (hybridcloud:compute:Cluster) declares the ECS cluster with Container Insights and logged,
// encrypted ECS Exec; EC2 container instances from the ECS-optimized Amazon Linux 2023 AMI (resolved from
// its public SSM parameter) in an Auto Scaling group across the private app subnets, with IMDSv2, no public
// IP and KMS-encrypted gp3 root volumes; a capacity provider with managed scaling and termination
// protection as the cluster's default strategy; an internal Application Load Balancer with access logs,
// HTTPS (TLS 1.3/1.2) when a certificate is given; the hosts', tasks' and load balancer's security groups;
// and, when enabled, ECS Anywhere: the on-premises hosts' role and a bounded SSM activation. It takes the
// VPC's ids and CIDRs, the stack's log key and typed settings, and exports the cluster, security group,
// load balancer and listener ids and the ECS Anywhere activation and registration command (secrets).
//
// Services (hybridcloud:compute:Services) declares each configured service: an ECR repository (immutable
// tags, scan on push, KMS, lifecycle), a KMS-encrypted log group, an execution role and a task role with
// least privilege (its own repository, log group and secrets; the database secret and file bucket only
// when asked), a task definition and an ECS service with a circuit breaker and CPU target tracking. Services
// in AWS run on the capacity provider behind a target group and listener rule; services on premises run
// EXTERNAL on ECS Anywhere hosts. It exports the repositories' URLs.
package compute
