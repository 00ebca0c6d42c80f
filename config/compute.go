package config

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/compute"
)

// Compute is the validated hybridcloud:compute section: the ECS cluster, its hosts, load balancer, image
// repositories, ECS Anywhere and the services.
type Compute struct {
	// Hosts size the EC2 container instances.
	Hosts compute.HostSettings
	// LoadBalancer configures the internal load balancer.
	LoadBalancer compute.LoadBalancerSettings
	// Anywhere configures ECS Anywhere for the data centre's hosts.
	Anywhere compute.AnywhereSettings
	// KeepImages is how many images each ECR repository keeps.
	KeepImages int
	// LogRetentionDays is how long service and ECS Exec logs are kept.
	LogRetentionDays int
	// Protect keeps the access-log bucket, the repositories and the log groups through a destroy and turns
	// on the load balancer's deletion protection; required in prod.
	Protect bool
	// HostPatchGroup and AnywherePatchGroup are the Patch Group tags of the EC2 hosts and of the ECS
	// Anywhere hosts (through the activation's tags), so the patch window covers them; "" leaves them out.
	HostPatchGroup, AnywherePatchGroup string
	// Services are the containerised applications.
	Services []compute.Service
}

type computeInput struct {
	InstanceTypes    []string       `json:"instanceTypes"`
	Hosts            *hostsInput    `json:"hosts"`
	TargetCapacity   *int           `json:"targetCapacity"`
	RootVolumeGiB    *int           `json:"rootVolumeGiB"`
	LogRetentionDays int            `json:"logRetentionDays"`
	ALB              albInput       `json:"alb"`
	ECR              ecrInput       `json:"ecr"`
	EcsAnywhere      anywhereInput  `json:"ecsAnywhere"`
	Services         []serviceInput `json:"services"`
	Protect          *bool          `json:"protect"`
	PatchGroup       string         `json:"patchGroup"`
}

type hostsInput struct {
	Min     int `json:"min"`
	Max     int `json:"max"`
	Desired int `json:"desired"`
}

type albInput struct {
	CertificateArn         string `json:"certificateArn"`
	AccessLogRetentionDays int    `json:"accessLogRetentionDays"`
}

type ecrInput struct {
	KeepImages *int `json:"keepImages"`
}

type anywhereInput struct {
	Enabled bool `json:"enabled"`
	activationInput
	PatchGroup string `json:"patchGroup"`
}

type serviceInput struct {
	Name                   string            `json:"name"`
	Image                  string            `json:"image"`
	ImageTag               string            `json:"imageTag"`
	CPU                    int               `json:"cpu"`
	Memory                 int               `json:"memory"`
	Port                   int               `json:"port"`
	HealthCheckPath        string            `json:"healthCheckPath"`
	DesiredCount           int               `json:"desiredCount"`
	MinCount               int               `json:"minCount"`
	MaxCount               int               `json:"maxCount"`
	TargetCPUPercent       *int              `json:"targetCpuPercent"`
	Environment            map[string]string `json:"environment"`
	Secrets                map[string]string `json:"secrets"`
	OnPrem                 bool              `json:"onPrem"`
	Files                  string            `json:"files"`
	Database               bool              `json:"database"`
	Exec                   bool              `json:"exec"`
	ReadonlyRootFilesystem *bool             `json:"readonlyRootFilesystem"`
}

// Defaults and limits of hybridcloud:compute.
const (
	defaultTargetCapacity   = 100
	defaultRootVolumeGiB    = 30 // the ECS-optimized AMI's own size
	maxRootVolumeGiB        = 16384
	defaultKeepImages       = 30
	maxKeepImages           = 1000
	defaultTargetCPUPercent = 70
	maxInstanceTypes        = 5
	minTaskCPU, maxTaskCPU  = 128, 196608 // ECS task-level CPU units on EC2
	minTaskMemoryMiB        = 128
	// minMemoryPerVCPU catches swapped or mistyped sizes: a task reserving a vCPU with less than 512 MiB is
	// almost always cpu and memory the wrong way round.
	minMemoryPerVCPU = 512
	maxServiceName   = 24
	// maxHealthCheckPath is the longest path a target group probes.
	maxHealthCheckPath = 1024
)

var (
	// instanceTypePattern splits an instance type into family letters, generation and attributes
	// ("m7i.large": m, 7, i); a 'g' attribute is Graviton (arm64), which the x86_64 AMI cannot boot.
	instanceTypePattern = regexp.MustCompile(`^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$`)
	certificatePattern  = regexp.MustCompile(`^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+$`)
	serviceNamePattern  = regexp.MustCompile(`^[a-z]([a-z0-9-]*[a-z0-9])?$`)
	imageTagPattern     = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)
	digestPattern       = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	envNamePattern      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	healthPattern       = regexp.MustCompile(`^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$`)
	secretArnPattern    = regexp.MustCompile(`^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@!-]+(:[^:]*:[^:]*:[^:]*)?|ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9/_.-]+)$`)
	// secretLookingWords in an environment variable's name mean its value belongs in secrets.
	secretLookingWords = []string{"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"}
)

// compute validates hybridcloud:compute. patchGroups are the groups the management section's patch
// baselines cover, which the hosts' patch groups must be among.
func (p *parser) compute(in computeInput, env Environment, patchGroups []string) Compute {
	key := p.key("compute")
	out := Compute{
		Hosts: compute.HostSettings{
			InstanceTypes:         in.InstanceTypes,
			TargetCapacityPercent: defaultTargetCapacity,
			RootVolumeGiB:         defaultRootVolumeGiB,
		},
		LoadBalancer:     compute.LoadBalancerSettings{CertificateArn: in.ALB.CertificateArn, AccessLogRetentionDays: in.ALB.AccessLogRetentionDays},
		KeepImages:       defaultKeepImages,
		LogRetentionDays: in.LogRetentionDays,
		Protect:          p.protectInput(key+".protect", in.Protect, env),
	}
	p.hosts(key, in, &out.Hosts)
	p.retention(key+".logRetentionDays", in.LogRetentionDays)

	switch {
	case in.ALB.CertificateArn == "" && env == Prod:
		p.fail(key+".alb.certificateArn", "required in prod: without a certificate the load balancer serves plain HTTP")
	case in.ALB.CertificateArn != "" && !certificatePattern.MatchString(in.ALB.CertificateArn):
		p.fail(key+".alb.certificateArn", "%q is not an ACM certificate ARN", in.ALB.CertificateArn)
	}
	if in.ALB.AccessLogRetentionDays < 1 {
		p.fail(key+".alb.accessLogRetentionDays", "required: a positive number of days")
	}
	if in.ECR.KeepImages != nil {
		out.KeepImages = *in.ECR.KeepImages
	}
	if out.KeepImages < 1 || out.KeepImages > maxKeepImages {
		p.fail(key+".ecr.keepImages", "%d is outside 1-%d", out.KeepImages, maxKeepImages)
	}
	out.Anywhere = p.anywhere(key+".ecsAnywhere", in.EcsAnywhere)
	out.HostPatchGroup = p.patchGroup(key+".patchGroup", in.PatchGroup, patchGroups)
	if in.EcsAnywhere.Enabled {
		out.AnywherePatchGroup = p.patchGroup(key+".ecsAnywhere.patchGroup", in.EcsAnywhere.PatchGroup, patchGroups)
	}

	seen := map[string]int{}
	for i, s := range in.Services {
		skey := indexed(key+".services", i)
		if j, dup := seen[s.Name]; dup && s.Name != "" {
			p.fail(skey+".name", "%q is already services[%d]'s name", s.Name, j)
		}
		seen[s.Name] = i
		svc := p.service(skey, s)
		if svc.OnPrem && !out.Anywhere.Enabled {
			p.fail(skey+".onPrem", "on-premises services need ecsAnywhere.enabled")
		}
		out.Services = append(out.Services, svc)
	}
	return out
}

func (p *parser) hosts(key string, in computeInput, out *compute.HostSettings) {
	switch {
	case len(in.InstanceTypes) == 0:
		p.fail(key+".instanceTypes", "required: at least one instance type")
	case len(in.InstanceTypes) > maxInstanceTypes:
		p.fail(key+".instanceTypes", "%d given, at most %d", len(in.InstanceTypes), maxInstanceTypes)
	}
	seen := map[string]bool{}
	for i, t := range in.InstanceTypes {
		m := instanceTypePattern.FindStringSubmatch(t)
		switch {
		case m == nil:
			p.fail(indexed(key+".instanceTypes", i), "%q is not an instance type (like m7i.large)", t)
		case strings.Contains(m[3], "g"):
			p.fail(indexed(key+".instanceTypes", i), "%q is Graviton (arm64); the hosts run the x86_64 ECS-optimized AMI", t)
		case seen[t]:
			p.fail(indexed(key+".instanceTypes", i), "%q is listed twice", t)
		}
		seen[t] = true
	}

	if in.Hosts == nil {
		p.fail(key+".hosts", "required: {min, max, desired}")
	} else {
		h := *in.Hosts
		out.MinSize, out.MaxSize, out.DesiredCapacity = h.Min, h.Max, h.Desired
		p.counts(key+".hosts", [3]string{"min", "desired", "max"}, "host", h.Min, h.Desired, h.Max)
	}
	if in.TargetCapacity != nil {
		out.TargetCapacityPercent = *in.TargetCapacity
	}
	if out.TargetCapacityPercent < 1 || out.TargetCapacityPercent > 100 {
		p.fail(key+".targetCapacity", "%d%% is outside 1-100", out.TargetCapacityPercent)
	}
	if in.RootVolumeGiB != nil {
		out.RootVolumeGiB = *in.RootVolumeGiB
	}
	if out.RootVolumeGiB < defaultRootVolumeGiB || out.RootVolumeGiB > maxRootVolumeGiB {
		p.fail(key+".rootVolumeGiB", "%d GiB is outside %d-%d (the AMI needs %d)", out.RootVolumeGiB, defaultRootVolumeGiB, maxRootVolumeGiB, defaultRootVolumeGiB)
	}
}

// counts checks a minimum, desired and maximum count, whose fields (in that order) sit under key:
// 0 <= min <= desired <= max, and at least one of what at the maximum.
func (p *parser) counts(key string, fields [3]string, what string, lo, desired, hi int) {
	minField, desiredField, maxField := fields[0], fields[1], fields[2]
	switch {
	case lo < 0:
		p.fail(key+"."+minField, "%d is negative", lo)
	case hi < 1:
		p.fail(key+"."+maxField, "%d: at least one %s is needed", hi, what)
	case lo > hi:
		p.fail(key, "%s %d is greater than %s %d", minField, lo, maxField, hi)
	case desired < lo || desired > hi:
		p.fail(key+"."+desiredField, "%d is outside %s..%s (%d-%d)", desired, minField, maxField, lo, hi)
	}
}

// anywhere validates ECS Anywhere: when enabled, its activation is checked like every activation, against
// the parser's clock, so a stale expiry fails before `pulumi up` does.
func (p *parser) anywhere(key string, in anywhereInput) compute.AnywhereSettings {
	if !in.Enabled {
		return compute.AnywhereSettings{}
	}
	a := p.activation(key, in.activationInput)
	return compute.AnywhereSettings{Enabled: true, RegistrationLimit: a.RegistrationLimit, ExpiresAt: a.ExpiresOn}
}

// patchGroup checks that a Patch Group is one a patch baseline covers; a group no baseline has would leave
// its hosts unpatched without a word.
func (p *parser) patchGroup(key, group string, patchGroups []string) string {
	if group == "" || len(patchGroups) == 0 { // no baselines: the management section's own error says so
		return group
	}
	if !slices.Contains(patchGroups, group) {
		p.fail(key, "%q is in no patch baseline's patchGroups (hybridcloud:management.patchBaselines)", group)
	}
	return group
}

func (p *parser) service(key string, in serviceInput) compute.Service {
	out := compute.Service{
		Name: in.Name, Image: in.Image, ImageTag: in.ImageTag,
		CPU: in.CPU, MemoryMiB: in.Memory, Port: in.Port, HealthCheckPath: in.HealthCheckPath,
		DesiredCount: in.DesiredCount, MinCount: in.MinCount, MaxCount: in.MaxCount,
		TargetCPUPercent: defaultTargetCPUPercent,
		Environment:      in.Environment, Secrets: in.Secrets,
		OnPrem: in.OnPrem, Files: compute.FilesNone, Database: in.Database, Exec: in.Exec,
		// Read-only unless ECS Exec is on: its SSM agent must write to the container's root.
		ReadonlyRootFilesystem: !in.Exec,
	}
	if len(in.Name) > maxServiceName || !serviceNamePattern.MatchString(in.Name) {
		p.fail(key+".name", "%q is not a service name (lower-case letters, digits and '-', at most %d characters)", in.Name, maxServiceName)
	}

	switch {
	case in.Image == "" && in.ImageTag == "":
		p.fail(key, "set image (a pinned reference) or imageTag (a tag in the service's own repository)")
	case in.Image != "" && in.ImageTag != "":
		p.fail(key, "set image or imageTag, not both")
	case in.ImageTag == "latest" || strings.HasSuffix(in.Image, ":latest"):
		p.fail(key, "\"latest\" is not a version: tags are immutable, deploy a version tag or a digest")
	case in.ImageTag != "" && !imageTagPattern.MatchString(in.ImageTag):
		p.fail(key+".imageTag", "%q is not an image tag", in.ImageTag)
	case in.Image != "" && !pinned(in.Image):
		p.fail(key+".image", "%q is not an image pinned to a tag or digest (like registry/name:1.2.3)", in.Image)
	}

	p.sizes(key, in.CPU, in.Memory)
	if in.Port < 1 || in.Port > 65535 {
		p.fail(key+".port", "%d is outside 1-65535", in.Port)
	}
	switch {
	case in.OnPrem && in.HealthCheckPath != "":
		p.fail(key+".healthCheckPath", "on-premises services have no load balancer to probe them")
	case !in.OnPrem && (len(in.HealthCheckPath) > maxHealthCheckPath || !healthPattern.MatchString(in.HealthCheckPath)):
		p.fail(key+".healthCheckPath", "%q is not a path the load balancer can probe (like /health)", in.HealthCheckPath)
	}

	p.counts(key, [3]string{"minCount", "desiredCount", "maxCount"}, "task", in.MinCount, in.DesiredCount, in.MaxCount)
	if in.TargetCPUPercent != nil {
		out.TargetCPUPercent = *in.TargetCPUPercent
	}
	if out.TargetCPUPercent < 1 || out.TargetCPUPercent > 100 {
		p.fail(key+".targetCpuPercent", "%d%% is outside 1-100", out.TargetCPUPercent)
	}

	if in.Files != "" {
		files, err := compute.ParseFileAccess(in.Files)
		if err != nil {
			p.fail(key+".files", "%v", err)
		}
		out.Files = files
	}
	if in.ReadonlyRootFilesystem != nil {
		out.ReadonlyRootFilesystem = *in.ReadonlyRootFilesystem
		if in.Exec && out.ReadonlyRootFilesystem {
			p.fail(key+".readonlyRootFilesystem", "ECS Exec (exec: true) does not work on a read-only root file system: its SSM agent writes there; drop exec or this")
		}
	}
	p.variables(key, in)
	return out
}

// sizes checks a task's CPU units and memory: positive, inside ECS's limits, and memory not below what
// the CPU implies.
func (p *parser) sizes(key string, cpu, memory int) {
	switch {
	case cpu <= 0:
		p.fail(key+".cpu", "%d is not positive", cpu)
	case cpu < minTaskCPU || cpu > maxTaskCPU:
		p.fail(key+".cpu", "%d CPU units is outside %d-%d", cpu, minTaskCPU, maxTaskCPU)
	}
	minMemory := max(minTaskMemoryMiB, cpu*minMemoryPerVCPU/1024)
	switch {
	case memory <= 0:
		p.fail(key+".memory", "%d is not positive", memory)
	case memory < minMemory:
		p.fail(key+".memory", "%d MiB is below the minimum for %d CPU units (%d MiB: at least %d MiB, and %d MiB per vCPU)",
			memory, cpu, minMemory, minTaskMemoryMiB, minMemoryPerVCPU)
	}
}

// variables checks environment variables and secrets: valid names, no credentials in plain text, secrets
// by ARN only, and no name set twice.
func (p *parser) variables(key string, in serviceInput) {
	for _, name := range slices.Sorted(maps.Keys(in.Environment)) {
		vkey := key + ".environment." + name
		if !envNamePattern.MatchString(name) {
			p.fail(vkey, "%q is not an environment variable name", name)
		}
		upper := strings.ToUpper(name)
		for _, word := range secretLookingWords {
			if strings.Contains(upper, word) {
				p.fail(vkey, "looks like a credential (%s): pass it in secrets as an ARN, never in plain text", word)
				break
			}
		}
	}
	reserved := map[string]bool{}
	if in.Database {
		reserved[compute.DatabaseUsernameVar], reserved[compute.DatabasePasswordVar] = true, true
	}
	for _, name := range slices.Sorted(maps.Keys(in.Secrets)) {
		skey := key + ".secrets." + name
		switch arn := in.Secrets[name]; {
		case !envNamePattern.MatchString(name):
			p.fail(skey, "%q is not an environment variable name", name)
		case reserved[name]:
			p.fail(skey, "is set from the database secret (database: true)")
		case !secretArnPattern.MatchString(arn):
			p.fail(skey, "%q is not a Secrets Manager secret or SSM parameter ARN", arn)
		}
		if _, dup := in.Environment[name]; dup {
			p.fail(skey, "is also in environment")
		}
	}
}

// pinned says whether an image reference names one image: a digest, or a tag on its last path segment
// (a registry's ":port" does not count).
func pinned(image string) bool {
	if strings.ContainsAny(image, " \t\n") {
		return false
	}
	if name, digest, ok := strings.Cut(image, "@"); ok {
		return name != "" && digestPattern.MatchString(digest)
	}
	last := image[strings.LastIndex(image, "/")+1:]
	repo, tag, ok := strings.Cut(last, ":")
	return ok && repo != "" && imageTagPattern.MatchString(tag)
}
