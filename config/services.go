package config

import (
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/compute/spec"
)

// Limits of a service in hybridcloud:compute.services.
const (
	minTaskCPU, maxTaskCPU = 128, 196608 // ECS task-level CPU units on EC2
	minTaskMemoryMiB       = 128
	// minMemoryPerVCPU catches swapped or mistyped sizes: a task reserving a vCPU with less than 512 MiB is
	// almost always cpu and memory the wrong way round. ECS on EC2 would accept it, so only config checks.
	minMemoryPerVCPU = 512
	// maxServiceName keeps the longest role name a service prefixes within IAM's 64 characters.
	maxServiceName = 24
)

var (
	serviceNamePattern = regexp.MustCompile(`^[a-z]([a-z0-9-]*[a-z0-9])?$`)
	imageTagPattern    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)
	envNamePattern     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	secretArnPattern   = regexp.MustCompile(`^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@!-]+(:[^:]*:[^:]*:[^:]*)?|ssm:[a-z0-9-]+:\d{12}:parameter/[A-Za-z0-9/_.-]+)$`)
	// secretLookingWords in an environment variable's name mean its value belongs in secrets.
	secretLookingWords = []string{"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL"}
)

// services checks every service under key (hybridcloud:compute.services), each keyed by its name. anywhere
// says whether the cluster runs ECS Anywhere, which services on premises need.
// cachePrefixes map each image-cache prefix to its upstream's host, which images may come from.
// On premises (bridge networking, a static host port) a host runs one task of a service: two services may not
// share a host port, and a service cannot run more tasks than ECS Anywhere lists hosts.
func (p *parser) services(key string, services map[string]compute.Service, anywhere compute.AnywhereSettings, cachePrefixes map[string]string) {
	ports := map[int]string{}
	for _, name := range slices.Sorted(maps.Keys(services)) {
		s := services[name]
		p.service(key+"."+name, name, s, anywhere.Enabled, cachePrefixes)
		if !s.OnPrem || !anywhere.Enabled {
			continue
		}
		if other, taken := ports[s.Port]; taken {
			p.fail(key+"."+name+".port", "%d is %q's host port too: on premises each service needs its own (bridge networking, static host ports)", s.Port, other)
		} else {
			ports[s.Port] = name
		}
		limit := anywhere.RegistrationLimit()
		switch {
		case s.DesiredCount > limit:
			p.fail(key+"."+name+".desiredCount", "%d tasks need %d hosts, and ecsAnywhere.hosts lists %d: one task per host on its static port", s.DesiredCount, s.DesiredCount, limit)
		case s.MaxCount > limit:
			p.warn(key+"."+name+".maxCount", "autoscaling to %d tasks needs %d hosts; ecsAnywhere.hosts lists %d", s.MaxCount, s.MaxCount, limit)
		}
	}
}

// service checks one service: its name, image, sizes, port, health check, counts, access and variables.
func (p *parser) service(key, name string, s compute.Service, anywhere bool, cachePrefixes map[string]string) {
	if len(name) > maxServiceName || !serviceNamePattern.MatchString(name) {
		p.fail(key, "%q is not a service name (lower-case letters, digits and '-', at most %d characters)", name, maxServiceName)
	}
	p.image(key, s, cachePrefixes)
	p.sizes(key, s.CPU, s.MemoryMiB)
	if err := spec.CheckPort(s.Port); err != nil {
		p.fail(key+".port", "%v", err)
	}
	if err := spec.CheckHealthCheckPath(s.OnPrem, s.HealthCheckPath); err != nil {
		p.fail(key+".healthCheckPath", "%v", err)
	}
	if field, err := spec.CheckCounts([3]string{"minCount", "desiredCount", "maxCount"}, "task", s.MinCount, s.DesiredCount, s.MaxCount); err != nil {
		p.fail(subkey(key, field), "%v", err)
	}
	if err := spec.CheckPercent(s.TargetCPUPercent); err != nil {
		p.fail(key+".targetCpuPercent", "%v", err)
	}
	if err := s.Files.Check(); err != nil {
		p.fail(key+".files", "%v", err)
	}
	if err := spec.CheckFilesPrefix(s.Files, s.FilesPrefix); err != nil {
		p.fail(key+".filesPrefix", "%v", err)
	}
	if err := spec.CheckExecRoot(s.Exec, s.ReadonlyRoot()); err != nil {
		p.fail(key+".readonlyRootFilesystem", "%v", err)
	}
	if err := spec.CheckPlacement(s.OnPrem, anywhere); err != nil {
		p.fail(key+".onPrem", "%v", err)
	}
	p.variables(key, s)
}

// image checks where a service's image comes from: one immutable tag of its own repository, or a pinned
// reference to a registry the pull-through cache has a rule for (the hosts reach no other registry);
// never "latest".
func (p *parser) image(key string, s compute.Service, cachePrefixes map[string]string) {
	switch err := spec.CheckImageSource(s.Image, s.ImageTag); {
	case err != nil:
		p.fail(key, "%v", err)
	case s.ImageTag == "latest" || strings.HasSuffix(s.Image, ":latest"):
		p.fail(key, "\"latest\" is not a version: tags are immutable, deploy a version tag or a digest")
	case s.ImageTag != "" && !imageTagPattern.MatchString(s.ImageTag):
		p.fail(key+".imageTag", "%q is not an image tag", s.ImageTag)
	case s.Image != "":
		_, _, err := spec.ResolveImage(s.Image, cachePrefixes)
		switch {
		case errors.Is(err, spec.ErrNoUpstream):
			p.fail(key+".image", "%v: add the registry to imageCache.upstreams, or push the image to the service's own repository and set imageTag", err)
		case err != nil:
			p.fail(key+".image", "%v", err)
		}
	}
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
func (p *parser) variables(key string, s compute.Service) {
	reserved := map[string]bool{}
	if s.Database {
		for _, name := range spec.DatabaseVars {
			reserved[name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Environment)) {
		vkey := key + ".environment." + name
		if !envNamePattern.MatchString(name) {
			p.fail(vkey, "%q is not an environment variable name", name)
		}
		if reserved[name] {
			p.fail(vkey, "is set from the database endpoint (database: true)")
		}
		upper := strings.ToUpper(name)
		for _, word := range secretLookingWords {
			if strings.Contains(upper, word) {
				p.fail(vkey, "looks like a credential (%s): pass it in secrets as an ARN, never in plain text", word)
				break
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.Secrets)) {
		skey := key + ".secrets." + name
		switch arn := s.Secrets[name]; {
		case !envNamePattern.MatchString(name):
			p.fail(skey, "%q is not an environment variable name", name)
		case reserved[name]:
			p.fail(skey, "is set from the database endpoint (database: true)")
		case !secretArnPattern.MatchString(arn):
			p.fail(skey, "%q is not a Secrets Manager secret or SSM parameter ARN", arn)
		}
		if _, dup := s.Environment[name]; dup {
			p.fail(skey, "is also in environment")
		}
	}
}
