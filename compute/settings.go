package compute

import (
	"fmt"
	"time"
)

// HostSettings size the EC2 container instances of the cluster's Auto Scaling group.
type HostSettings struct {
	// InstanceTypes are x86_64 instance types (the AMI is the x86_64 ECS-optimized one). The first is the
	// launch template's; more turn on a mixed-instances policy, so a shortage of one type in an AZ does not
	// stop a scale-out. Required.
	InstanceTypes []string
	// MinSize and MaxSize bound the group; DesiredCapacity is only the initial size, since ECS managed
	// scaling owns it afterwards. Required: 0 <= min <= desired <= max, max >= 1.
	MinSize, MaxSize, DesiredCapacity int
	// TargetCapacityPercent is the managed-scaling target: 100 packs hosts full (cheapest), lower keeps
	// spare hosts so new tasks start without waiting for an instance. Required, 1-100.
	TargetCapacityPercent int
	// RootVolumeGiB is the encrypted gp3 root volume (images and container layers live there). Required,
	// at least the AMI's 30 GiB.
	RootVolumeGiB int
}

// LoadBalancerSettings configure the internal Application Load Balancer.
type LoadBalancerSettings struct {
	// CertificateArn is the ACM certificate of the HTTPS listener. Optional; without it the listener is
	// plain HTTP, which only dev may accept (the config refuses it in prod).
	CertificateArn string
	// AccessLogRetentionDays is how long access logs stay in their bucket. Required, positive.
	AccessLogRetentionDays int
}

// AnywhereSettings configure ECS Anywhere for the hosts that stay in the data centre.
type AnywhereSettings struct {
	// Enabled declares the on-premises hosts' role and an SSM activation. Default false: no on-premises
	// services can then run.
	Enabled bool
	// RegistrationLimit is how many hosts may register with the activation (1-1000). Required when enabled;
	// keep it at the number of hosts expected, so a leaked code registers nothing else.
	RegistrationLimit int
	// ExpiresAt is when the activation stops accepting hosts: at most 30 days after creation (AWS's limit).
	// Required when enabled. Changing it replaces the activation (a new code); registered hosts stay.
	ExpiresAt time.Time
	// HostTags are put on the activation, and SSM gives them to every host it registers (their Patch
	// Group, say). Optional.
	HostTags map[string]string
}

// FileAccess is what a service may do with the file bucket.
type FileAccess string

// File access levels.
const (
	// FilesNone grants nothing on the bucket.
	FilesNone FileAccess = "none"
	// FilesRead grants listing and reading objects, and decrypting them.
	FilesRead FileAccess = "read"
	// FilesWrite adds writing and deleting objects, and encrypting them.
	FilesWrite FileAccess = "write"
)

// ParseFileAccess reads a file access level.
func ParseFileAccess(s string) (FileAccess, error) {
	switch f := FileAccess(s); f {
	case FilesNone, FilesRead, FilesWrite:
		return f, nil
	default:
		return "", fmt.Errorf("unknown file access %q (want %q, %q or %q)", s, FilesNone, FilesRead, FilesWrite)
	}
}

// Service is one containerised application: a task definition, an ECS service and its autoscaling. Services
// in AWS also get a target group and a listener rule on the load balancer (path /<name> and /<name>/*).
type Service struct {
	// Name names the service, its family, log group and route. Required: lower-case letters, digits, '-'.
	Name string
	// Image is a full image reference pinned to a tag or digest, for images built elsewhere. Exactly one of
	// Image and ImageTag is set.
	Image string
	// ImageTag is a tag in the service's own ECR repository (tags are immutable: one tag, one image).
	ImageTag string
	// CPU (units, 1024 per vCPU) and MemoryMiB reserve the task's share of a host. Required.
	CPU, MemoryMiB int
	// Port is the container port: the target group's port in AWS, the host port on premises. Required.
	Port int
	// HealthCheckPath is what the load balancer probes. Required in AWS; on premises there is no load
	// balancer.
	HealthCheckPath string
	// DesiredCount is the initial task count; autoscaling moves it between MinCount and MaxCount.
	DesiredCount, MinCount, MaxCount int
	// TargetCPUPercent is the average CPU the autoscaling policy keeps the service at. Required, 1-100.
	TargetCPUPercent int
	// Environment is plain configuration. Never credentials: those go in Secrets.
	Environment map[string]string
	// Secrets maps an environment variable to the ARN of a Secrets Manager secret (optionally with
	// :json-key:version-stage:version-id) or an SSM parameter; only the execution role may read them.
	Secrets map[string]string
	// OnPrem runs the service on ECS Anywhere hosts in the data centre (EXTERNAL, bridge networking).
	OnPrem bool
	// Files is the service's access to the file bucket. Default FilesNone.
	Files FileAccess
	// Database gives the service the database master credentials as DB_USERNAME and DB_PASSWORD.
	Database bool
	// Exec allows ECS Exec into the service's containers, logged and encrypted by the cluster. Default
	// false: a shell in production is a break-glass tool.
	Exec bool
	// ReadonlyRootFilesystem mounts the container's root read-only (FSBP ECS.5); an image that must write
	// outside volumes needs it off. It excludes Exec: the SSM agent ECS Exec injects writes to the
	// container's root file system, and AWS does not support ECS Exec on a read-only root.
	ReadonlyRootFilesystem bool
}
