package compute

import (
	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/activation"
)

// ClusterSettings are the cluster's own settings: its hosts, load balancer, ECS Anywhere, log retention and
// protection. They share the hybridcloud:compute object with ServicesSettings.
type ClusterSettings struct {
	// InstanceTypes are x86_64 instance types (the AMI is the x86_64 ECS-optimized one). The first is the
	// launch template's; more turn on an on-demand mixed-instances policy, in the listed order of preference,
	// so a shortage of one type in an AZ does not stop a scale-out. Required, 1 to 5.
	InstanceTypes []string `json:"instanceTypes"`
	// AMIID pins the hosts' AMI (an x86_64 ECS-optimized Amazon Linux 2023 image): changing it is the one way
	// a new AMI reaches the hosts, through an instance refresh (docs/operations.md, "AMI updates"). Optional:
	// "" takes the recommended AMI (AmiParameter) when the launch template is created and keeps it, ignoring
	// the parameter's later changes, so no unrelated `pulumi up` rolls the hosts.
	AMIID string `json:"amiId"`
	// Hosts bound the Auto Scaling group. Required.
	Hosts HostCounts `json:"hosts"`
	// TargetCapacityPercent is the managed-scaling target: 100 (DefaultTargetCapacityPercent) packs hosts
	// full, the cheapest; lower keeps spare hosts, so new tasks start without waiting for an instance.
	// 1-100.
	TargetCapacityPercent int `json:"targetCapacity"`
	// RootVolumeGiB is the encrypted gp3 root volume, where images and container layers live. Default and
	// minimum AMIRootVolumeGiB, the AMI's own size; at most MaxRootVolumeGiB.
	RootVolumeGiB int `json:"rootVolumeGiB"`
	// LogRetentionDays is how long ECS Exec session logs are kept, and (config gives the services the same
	// value) service logs: a CloudWatch Logs retention value. Required.
	LogRetentionDays int `json:"logRetentionDays"`
	// LoadBalancer configures the internal load balancer's listener and access logs. Required.
	LoadBalancer LoadBalancerSettings `json:"alb"`
	// Anywhere configures ECS Anywhere for the hosts that stay in the data centre. Default off.
	Anywhere AnywhereSettings `json:"ecsAnywhere"`
	// ImageCache caches public registries' images in the account's ECR, so services run Docker Hub (and other
	// upstream) images with no internet egress from the hosts. Optional: without upstreams, services run only
	// the stack's own images (imageTag).
	ImageCache ImageCacheSettings `json:"imageCache"`
	// PatchGroup is the EC2 hosts' patch group (their spec.PatchGroupTag tag), so a patch baseline reports
	// their compliance: the patch window only scans it (no install, no reboot of a host running tasks); the
	// hosts are patched by a new AMI and its instance refresh. Optional: "" leaves them in none.
	PatchGroup string `json:"patchGroup"`
	// Protect turns on the load balancer's deletion protection, pulumi protect on the access-log bucket and
	// the cluster key, keeps the exec log group through a destroy, and stops a destroy from force-deleting
	// hosts that still run tasks. Default true; required in prod. Off (dev), a destroy removes everything.
	Protect bool `json:"protect"`
}

// HostCounts bound the hosts of the Auto Scaling group: 0 <= Min <= Desired <= Max, Max >= 1.
type HostCounts struct {
	// Min and Max bound the group, and managed scaling moves it between them.
	Min int `json:"min"`
	Max int `json:"max"`
	// Desired is only the initial size: ECS managed scaling owns it afterwards (Pulumi ignores its drift).
	Desired int `json:"desired"`
}

// LoadBalancerSettings configure the internal Application Load Balancer.
type LoadBalancerSettings struct {
	// CertificateARN is the ACM certificate of the HTTPS listener. Optional; without it the listener is
	// plain HTTP on port 80, which only dev may accept (config refuses it in prod).
	CertificateARN string `json:"certificateArn"`
	// AccessLogRetentionDays is how long access logs stay in their bucket. Required, positive.
	AccessLogRetentionDays int `json:"accessLogRetentionDays"`
}

// AnywhereSettings configure ECS Anywhere for the hosts that stay in the data centre.
type AnywhereSettings struct {
	// Enabled declares the on-premises hosts' role and an SSM activation. Default false: no service can
	// then run on premises. The other fields count only when it is on.
	Enabled bool `json:"enabled"`
	// Hosts are the data-centre hosts that run EXTERNAL tasks, by host name: the inventory the activation's
	// registration limit is sized to (RegistrationLimit), so a leaked code registers no more machines than
	// the stack lists. Required when enabled: 1 to activation.MaxRegistrations names, none also a server of a
	// management activation (a host registers with one activation). Adding or removing a host replaces the
	// activation (a new id and code); hosts already registered stay.
	Hosts []string `json:"hosts"`
	// RotationDays is how often the activation renews itself (activation.Expiry): 1 to
	// activation.MaxRotationDays, default activation.DefaultRotationDays. The first deployment of a new
	// window replaces the activation (a new id and code for new hosts); hosts already registered stay.
	RotationDays int `json:"rotationDays"`
	// PatchGroup is the patch group the hosts join: it is put on the activation as the spec.PatchGroupTag
	// tag, which SSM gives every host it registers. The patch window drains these hosts' container instances
	// before patching them, one host at a time: keep the group to ECS Anywhere hosts. Optional.
	PatchGroup string `json:"patchGroup"`
	// HostOS are the OS families of the hosts, one registration command each. Not a stack-file key: config
	// derives it from the patch baseline that covers PatchGroup. Default: spec.HostLinux.
	HostOS []spec.HostOS `json:"-"`
}

// RegistrationLimit is how many hosts may register with the activation's code: one per listed host.
func (a AnywhereSettings) RegistrationLimit() int { return len(a.Hosts) }

// ImageCacheSettings configure the ECR pull-through cache: one rule per upstream registry.
type ImageCacheSettings struct {
	// Upstreams are keyed by the ECR repository prefix their images are cached under
	// (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/...), one per registry (spec.CheckCachePrefix).
	Upstreams map[string]CacheUpstream `json:"upstreams"`
}

// CacheUpstream is one upstream registry of the cache.
type CacheUpstream struct {
	// Registry is the registry's host as image references name it: one of spec.Upstreams ("docker.io",
	// "ghcr.io", "registry.gitlab.com", "quay.io", "public.ecr.aws", "registry.k8s.io"). Required.
	Registry string `json:"registry"`
	// Username and AccessToken (a secret) authenticate ECR to the registry: required for those that need a
	// credential (Docker Hub, GitHub, GitLab), refused for the others (spec.Upstream.CheckCredential). A Docker
	// Hub token lifts the anonymous pull-rate limit; a read-only personal access token is enough.
	Username    string `json:"username"`
	AccessToken string `json:"accessToken" secret:"text"`
}

// Defaults and limits of ClusterSettings.
const (
	// DefaultTargetCapacityPercent packs hosts full.
	DefaultTargetCapacityPercent = 100
	// AMIRootVolumeGiB is the ECS-optimized AMI's own root volume: the default and the smallest root.
	AMIRootVolumeGiB = 30
	// MaxRootVolumeGiB is the largest gp3 volume.
	MaxRootVolumeGiB = 16384
)

// DefaultClusterSettings are the settings a stack file starts from.
func DefaultClusterSettings() ClusterSettings {
	return ClusterSettings{
		TargetCapacityPercent: DefaultTargetCapacityPercent,
		RootVolumeGiB:         AMIRootVolumeGiB,
		Anywhere:              AnywhereSettings{RotationDays: activation.DefaultRotationDays},
		Protect:               true,
	}
}

// ServicesSettings are the services' own settings: the services by name and how their repositories keep
// images. They share the hybridcloud:compute object with ClusterSettings, which the services' retention and
// protection follow.
type ServicesSettings struct {
	// Services are the containerised applications, keyed by name: the name prefixes every resource of the
	// service, its IAM roles (64 characters at most) among them, and names its route /<name>. Optional (none:
	// nothing is declared but the component).
	Services map[string]Service `json:"services"`
	// ECR configures the repositories of the services that use ImageTag.
	ECR ECRSettings `json:"ecr"`
	// LogRetentionDays is how long service logs are kept: a CloudWatch Logs retention value. Required.
	// Config sets it from the cluster's (hybridcloud:compute.logRetentionDays).
	LogRetentionDays int `json:"-"`
	// Protect keeps the repositories (pulumi protect, no force-delete of images) and the log groups through
	// a destroy. Default true; config sets it from the cluster's (hybridcloud:compute.protect).
	Protect bool `json:"-"`
}

// ECRSettings configure the services' own image repositories.
type ECRSettings struct {
	// KeepImages is how many untagged images each repository keeps; older untagged ones expire, tagged images
	// never do (a service may run any of them). Default DefaultKeepImages,
	// at most MaxKeepImages; required (at least 1) when a service has its own repository.
	KeepImages int `json:"keepImages"`
}

// Defaults and limits of ServicesSettings.
const (
	// DefaultKeepImages keeps a month of daily builds.
	DefaultKeepImages = 30
	// MaxKeepImages is the most images a lifecycle rule may keep.
	MaxKeepImages = 1000
	// DefaultTargetCPUPercent leaves a service headroom for a burst while autoscaling adds tasks.
	DefaultTargetCPUPercent = 70
)

// DefaultServicesSettings are the settings a stack file starts from.
func DefaultServicesSettings() ServicesSettings {
	return ServicesSettings{ECR: ECRSettings{KeepImages: DefaultKeepImages}, Protect: true}
}

// Service is one containerised application: a task definition, an ECS service and its autoscaling. Services
// in AWS also get a target group and a listener rule on the load balancer (path /<name> and /<name>/*). Its
// name is its key in ServicesSettings.Services.
type Service struct {
	// Image is a full image reference pinned to a tag or digest, for images built elsewhere. Exactly one of
	// Image and ImageTag is set (spec.CheckImageSource).
	Image string `json:"image"`
	// ImageTag is a tag in the service's own ECR repository (tags are immutable: one tag, one image).
	ImageTag string `json:"imageTag"`
	// CPU (units, 1024 per vCPU) and MemoryMiB reserve the task's share of a host. Required.
	CPU       int `json:"cpu"`
	MemoryMiB int `json:"memory"`
	// Port is the container port: the target group's port in AWS, the host port on premises. Required.
	Port int `json:"port"`
	// HealthCheckPath is what the load balancer probes. Required in AWS; on premises there is no load
	// balancer, and no path (spec.CheckHealthCheckPath).
	HealthCheckPath string `json:"healthCheckPath"`
	// DesiredCount is the initial task count; autoscaling moves it between MinCount and MaxCount.
	// Required: 0 <= min <= desired <= max, max >= 1 (spec.CheckCounts).
	DesiredCount int `json:"desiredCount"`
	MinCount     int `json:"minCount"`
	MaxCount     int `json:"maxCount"`
	// TargetCPUPercent is the average CPU the autoscaling policy keeps the service at, 1-100. Default
	// DefaultTargetCPUPercent.
	TargetCPUPercent int `json:"targetCpuPercent"`
	// Environment is plain configuration. Never credentials: those go in Secrets.
	Environment map[string]string `json:"environment"`
	// Secrets maps an environment variable to the ARN of a Secrets Manager secret (optionally with
	// :json-key:version-stage:version-id) or an SSM parameter; only the execution role may read them.
	Secrets map[string]string `json:"secrets"`
	// OnPrem runs the service on ECS Anywhere hosts in the data centre (EXTERNAL, bridge networking); its
	// cluster needs ECS Anywhere. Default false: in AWS, behind the load balancer.
	OnPrem bool `json:"onPrem"`
	// Files is the service's access to the file bucket. Default spec.FilesNone.
	Files spec.FileAccess `json:"files"`
	// FilesPrefix is the key prefix of the file bucket the service reaches ("claims/", a share's prefix):
	// it lists, reads and (with write) writes only under it. Required with file access.
	FilesPrefix string `json:"filesPrefix"`
	// Database lets the service log in to the database as its own role (dbuser.Name), with IAM database
	// authentication: rds-db:connect on its task role, and spec.DatabaseVars (host, port, database, user)
	// in its environment; no password. The role exists once `make db-bootstrap` has run
	// (docs/operations.md). Default false.
	Database bool `json:"database"`
	// Exec allows ECS Exec into the service's containers, logged and encrypted by the cluster. Default
	// false: a shell in production is a break-glass tool.
	Exec bool `json:"exec"`
	// ReadonlyRootFilesystem mounts the container's root read-only (FSBP ECS.5); an image that must write
	// outside /tmp needs it off. Default (unset): read-only unless Exec, since the SSM agent ECS Exec injects
	// writes to the root and AWS does not support ECS Exec on a read-only root; set true with Exec is
	// refused (spec.CheckExecRoot). A pointer, because the default depends on Exec.
	ReadonlyRootFilesystem *bool `json:"readonlyRootFilesystem"`
}

// DefaultService is what a service the stack file names starts from.
func DefaultService() Service {
	return Service{TargetCPUPercent: DefaultTargetCPUPercent, Files: spec.FilesNone}
}

// ReadonlyRoot says whether the container's root file system is read-only: as set, else unless Exec.
func (s Service) ReadonlyRoot() bool {
	if s.ReadonlyRootFilesystem != nil {
		return *s.ReadonlyRootFilesystem
	}
	return !s.Exec
}
