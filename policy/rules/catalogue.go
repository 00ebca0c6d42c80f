package rules

// Checkable says how far a catalogue control can be checked from a stack's declared inputs.
type Checkable string

// How far a control can be checked, as the catalogue classes it.
const (
	FullyStatic  Checkable = "yes"
	PartlyStatic Checkable = "partly"
	RuntimeOnly  Checkable = "no (run time only)"
)

// Control is one row of Table A of the platform team's FSBP catalogue: the FSBP v1.0.0 controls that apply
// to the resource types this program declares or may declare through config, each mapped to pulumi-aws v6
// inputs (status 2026-11-23). The rules that implement a control name it in their Controls; Note says why a
// runtime-only control cannot be checked before deployment. What a partly static control leaves to run time
// is in its rules' Exceptions.
type Control struct {
	Control, Title string
	Static         Checkable
	Note           string
}

// Catalogue is Table A, in the catalogue's order. docs/policy.md's catalogue table and count are generated
// from it and from the rules (policy/offline checks them).
var Catalogue = []Control{
	{Control: "EC2.2", Title: "VPC default SG allows no in/out traffic", Static: FullyStatic},
	{Control: "EC2.6", Title: "VPC flow logging enabled in all VPCs", Static: FullyStatic},
	{Control: "EC2.10", Title: "EC2 uses VPC endpoint for EC2 service", Static: FullyStatic},
	{Control: "EC2.55", Title: "VPC interface endpoint for ECR API", Static: FullyStatic},
	{Control: "EC2.56", Title: "VPC interface endpoint for Docker Registry", Static: FullyStatic},
	{Control: "EC2.57", Title: "VPC interface endpoint for Systems Manager", Static: FullyStatic},
	{Control: "EC2.58", Title: "VPC interface endpoint for SSM Incident Manager Contacts", Static: FullyStatic},
	{Control: "EC2.60", Title: "VPC interface endpoint for SSM Incident Manager", Static: FullyStatic},
	{Control: "EC2.15", Title: "Subnets don't auto-assign public IPs", Static: FullyStatic},
	{Control: "EC2.16", Title: "Unused network ACLs removed", Static: PartlyStatic},
	{Control: "EC2.18", Title: "SGs allow unrestricted ingress only on authorized ports", Static: FullyStatic},
	{Control: "EC2.19", Title: "SGs don't allow unrestricted access to high-risk ports", Static: FullyStatic},
	{Control: "EC2.21", Title: "NACLs don't allow 0.0.0.0/0 to 22/3389", Static: PartlyStatic},
	{Control: "EC2.20", Title: "Both Site-to-Site VPN tunnels are UP", Static: RuntimeOnly,
		Note: "Tunnel state is run time; the program alarms on each tunnel's TunnelState metric, and alarm-has-actions keeps those alarms wired to the operations topic."},
	{Control: "EC2.171", Title: "VPN connections have logging enabled", Static: FullyStatic},
	{Control: "EC2.23", Title: "Transit Gateway doesn't auto-accept VPC attachments", Static: FullyStatic},
	{Control: "EC2.172", Title: "VPC Block Public Access blocks IGW traffic", Static: PartlyStatic},
	{Control: "EC2.180", Title: "ENIs have source/destination check enabled", Static: PartlyStatic},
	{Control: "EC2.170", Title: "Launch templates use IMDSv2", Static: FullyStatic},
	{Control: "EC2.8", Title: "EC2 instances use IMDSv2", Static: FullyStatic},
	{Control: "EC2.181", Title: "Launch templates encrypt attached EBS volumes", Static: FullyStatic},
	{Control: "EC2.3", Title: "Attached EBS volumes encrypted at rest", Static: PartlyStatic},
	{Control: "EC2.7", Title: "EBS default encryption enabled", Static: PartlyStatic},
	{Control: "EC2.25", Title: "Launch templates don't assign public IPs", Static: FullyStatic},
	{Control: "EC2.9", Title: "EC2 instances have no public IPv4", Static: FullyStatic},
	{Control: "EC2.17", Title: "EC2 instances don't use multiple ENIs", Static: PartlyStatic},
	{Control: "EC2.24", Title: "No paravirtual instance types", Static: PartlyStatic},
	{Control: "EC2.4", Title: "Stopped instances removed after N days", Static: RuntimeOnly,
		Note: "How long an instance has been stopped is run time; the Auto Scaling group replaces stopped hosts."},
	{Control: "AutoScaling.1", Title: "ASGs with a load balancer use ELB health checks", Static: FullyStatic},
	{Control: "AutoScaling.2", Title: "ASG covers multiple AZs", Static: FullyStatic},
	{Control: "AutoScaling.6", Title: "ASG uses multiple instance types in multiple AZs", Static: FullyStatic},
	{Control: "AutoScaling.9", Title: "ASG uses EC2 launch templates", Static: FullyStatic},
	{Control: "ECS.1", Title: "Task definitions: secure networking modes and user definitions", Static: FullyStatic},
	{Control: "ECS.2", Title: "ECS services don't auto-assign public IPs", Static: FullyStatic},
	{Control: "ECS.3", Title: "Task definitions don't share host PID namespace", Static: FullyStatic},
	{Control: "ECS.4", Title: "Containers run non-privileged", Static: FullyStatic},
	{Control: "ECS.5", Title: "Containers limited to read-only root filesystem", Static: FullyStatic},
	{Control: "ECS.8", Title: "Secrets not passed as container env vars", Static: FullyStatic},
	{Control: "ECS.9", Title: "Task definitions have a logging configuration", Static: FullyStatic},
	{Control: "ECS.12", Title: "ECS clusters use Container Insights", Static: FullyStatic},
	{Control: "ECS.16", Title: "ECS task sets don't auto-assign public IPs", Static: FullyStatic},
	{Control: "ELB.1", Title: "ALB redirects HTTP → HTTPS", Static: FullyStatic},
	{Control: "ELB.4", Title: "ALB drops invalid HTTP headers", Static: FullyStatic},
	{Control: "ELB.5", Title: "ALB access logging enabled", Static: FullyStatic},
	{Control: "ELB.6", Title: "Load balancer deletion protection", Static: FullyStatic},
	{Control: "ELB.12", Title: "ALB desync mitigation defensive/strictest", Static: FullyStatic},
	{Control: "ELB.13", Title: "Load balancer spans multiple AZs", Static: FullyStatic},
	{Control: "ELB.17", Title: "Listeners use recommended security policies", Static: FullyStatic},
	{Control: "ELB.18", Title: "Listeners use secure protocols", Static: FullyStatic},
	{Control: "ECR.1", Title: "Private repos have image scanning configured", Static: FullyStatic},
	{Control: "ECR.2", Title: "Private repos have tag immutability", Static: FullyStatic},
	{Control: "ECR.3", Title: "Repos have ≥1 lifecycle policy", Static: FullyStatic},
	{Control: "RDS.2", Title: "DB instance not publicly accessible", Static: FullyStatic},
	{Control: "RDS.3", Title: "DB instance encrypted at rest", Static: FullyStatic},
	{Control: "RDS.4", Title: "Cluster/DB snapshots encrypted", Static: PartlyStatic},
	{Control: "RDS.1", Title: "RDS snapshots private", Static: RuntimeOnly,
		Note: "Snapshot sharing is run time; the program shares no snapshot."},
	{Control: "RDS.5", Title: "DB instance Multi-AZ", Static: FullyStatic},
	{Control: "RDS.6", Title: "Enhanced monitoring configured", Static: FullyStatic},
	{Control: "RDS.8", Title: "DB instance deletion protection", Static: FullyStatic},
	{Control: "RDS.9", Title: "DB instance publishes logs to CloudWatch Logs", Static: FullyStatic},
	{Control: "RDS.36", Title: "RDS for PostgreSQL publishes logs to CloudWatch Logs", Static: FullyStatic},
	{Control: "RDS.10", Title: "IAM authentication configured", Static: FullyStatic},
	{Control: "RDS.11", Title: "Automatic backups enabled", Static: FullyStatic},
	{Control: "RDS.13", Title: "Auto minor version upgrade", Static: FullyStatic},
	{Control: "RDS.17", Title: "Copy tags to snapshots", Static: FullyStatic},
	{Control: "RDS.20", Title: "Event subscriptions cover critical instance events", Static: FullyStatic},
	{Control: "RDS.21", Title: "Event subscription for critical parameter-group events", Static: FullyStatic},
	{Control: "RDS.22", Title: "Event subscription for critical DB security-group events", Static: FullyStatic},
	{Control: "RDS.23", Title: "Not using engine default port", Static: FullyStatic},
	{Control: "RDS.25", Title: "Custom administrator username", Static: FullyStatic},
	{Control: "RDS.46", Title: "Not in public subnets with routes to an IGW", Static: FullyStatic},
	{Control: "S3.1", Title: "Account-level S3 Block Public Access", Static: PartlyStatic},
	{Control: "S3.8", Title: "Bucket-level Block Public Access", Static: FullyStatic},
	{Control: "S3.2", Title: "Buckets block public read", Static: PartlyStatic},
	{Control: "S3.3", Title: "Buckets block public write", Static: PartlyStatic},
	{Control: "S3.5", Title: "Buckets require SSL", Static: FullyStatic},
	{Control: "S3.6", Title: "Bucket policies restrict access by other accounts", Static: FullyStatic},
	{Control: "S3.9", Title: "Server access logging enabled", Static: FullyStatic},
	{Control: "S3.12", Title: "ACLs not used for user access", Static: FullyStatic},
	{Control: "S3.13", Title: "Lifecycle configuration", Static: FullyStatic},
	{Control: "KMS.1", Title: "Customer-managed IAM policies don't allow decrypt on all keys", Static: FullyStatic},
	{Control: "KMS.2", Title: "Inline policies don't allow decrypt on all keys", Static: FullyStatic},
	{Control: "KMS.3", Title: "KMS keys not unintentionally deleted", Static: PartlyStatic},
	{Control: "KMS.5", Title: "KMS keys not publicly accessible", Static: FullyStatic},
	{Control: "IAM.1", Title: "IAM policies don't allow full \"*\" admin", Static: FullyStatic},
	{Control: "IAM.21", Title: "Customer-managed policies don't use service wildcards", Static: FullyStatic},
	{Control: "IAM.2", Title: "IAM users have no policies attached", Static: FullyStatic},
	{Control: "SecretsManager.1", Title: "Secrets have automatic rotation", Static: FullyStatic},
	{Control: "SecretsManager.4", Title: "Secrets rotated within N days", Static: PartlyStatic},
	{Control: "SecretsManager.2", Title: "Rotation succeeds", Static: RuntimeOnly,
		Note: "Whether a rotation succeeded is run time."},
	{Control: "SecretsManager.3", Title: "Unused secrets removed", Static: RuntimeOnly,
		Note: "When a secret was last read is run time."},
	{Control: "SSM.1", Title: "EC2 instances managed by Systems Manager", Static: PartlyStatic},
	{Control: "SSM.2", Title: "Managed instances patch-compliant", Static: PartlyStatic},
	{Control: "SSM.3", Title: "Managed instances association-compliant", Static: RuntimeOnly,
		Note: "Association compliance is run time; ssm-patching checks that the patch tasks and associations exist."},
	{Control: "SSM.4", Title: "SSM documents not public", Static: FullyStatic},
	{Control: "SSM.7", Title: "SSM documents block-public-sharing setting enabled", Static: PartlyStatic},
	{Control: "SSM.6", Title: "SSM Automation logs to CloudWatch", Static: PartlyStatic},
	{Control: "Backup.1", Title: "Backup recovery points encrypted at rest", Static: PartlyStatic},
}
