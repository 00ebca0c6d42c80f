package config

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/hybrid/patching"
)

// computeSection is the hybridcloud:compute object: it holds the settings of two components, the cluster and
// its services, which the decoder reads side by side (embedded structs are flattened).
type computeSection struct {
	compute.ClusterSettings
	compute.ServicesSettings
}

// Limits of hybridcloud:compute that only a stack file's values need.
const maxInstanceTypes = 5

var (
	// instanceTypePattern splits an instance type into family letters, generation and attributes
	// ("m7i.large": m, 7, i); a 'g' attribute is Graviton (arm64), which the x86_64 AMI cannot boot.
	instanceTypePattern = regexp.MustCompile(`^([a-z]+)(\d+)([a-z-]*)\.([a-z0-9]+)$`)
	// amiPattern is an EC2 image id, 8 or 17 hex digits: the hosts' and the EC2 File Gateway's.
	amiPattern         = regexp.MustCompile(`^ami-([0-9a-f]{8}|[0-9a-f]{17})$`)
	certificatePattern = regexp.MustCompile(`^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+$`)
)

// compute reads hybridcloud:compute into the cluster's and the services' settings. The management section's
// patch baselines cover the groups the hosts' patch groups must be among, and its activations are the
// servers' registration path, which ECS Anywhere hosts must not share.
func (p *parser) compute(raw []byte, env Environment, m Management) (compute.ClusterSettings, compute.ServicesSettings) {
	patchGroups := m.patchGroups()
	key := p.key("compute")
	s := computeSection{compute.DefaultClusterSettings(), compute.DefaultServicesSettings()}
	s.Services = serviceDefaults(raw)
	p.decode(key, raw, &s)

	c := s.ClusterSettings
	p.protect(key+".protect", c.Protect, env)
	p.hosts(key, c)
	p.retention(key+".logRetentionDays", c.LogRetentionDays)
	switch lb := c.LoadBalancer; {
	case lb.CertificateARN == "" && env == Prod:
		p.fail(key+".alb.certificateArn", "required in prod: without a certificate the load balancer serves plain HTTP")
	case lb.CertificateARN != "" && !certificatePattern.MatchString(lb.CertificateARN):
		p.fail(key+".alb.certificateArn", "%q is not an ACM certificate ARN", lb.CertificateARN)
	}
	if c.LoadBalancer.AccessLogRetentionDays < 1 {
		p.fail(key+".alb.accessLogRetentionDays", "required: a positive number of days")
	}
	c.Anywhere = p.anywhere(key+".ecsAnywhere", c.Anywhere, m)
	p.patchGroup(key+".patchGroup", c.PatchGroup, patchGroups)

	services := s.ServicesSettings
	// One retention and one protect flag in the stack file cover the cluster and its services.
	services.LogRetentionDays, services.Protect = c.LogRetentionDays, c.Protect
	if keep := services.ECR.KeepImages; keep < 1 || keep > compute.MaxKeepImages {
		p.fail(key+".ecr.keepImages", "%d is outside 1-%d", keep, compute.MaxKeepImages)
	}
	p.services(key+".services", services.Services, c.Anywhere, p.imageCache(key+".imageCache.upstreams", c.ImageCache))
	return c, services
}

// imageCache checks the pull-through cache's upstreams (keyed by repository prefix): a supported registry,
// once, with a credential exactly where ECR needs one; the credential's token is a secret field, which the
// decoder checks is not in plain text. It returns the prefixes of the valid upstreams by registry host.
func (p *parser) imageCache(key string, s compute.ImageCacheSettings) map[string]string {
	prefixes := map[string]string{}
	byHost := map[string]string{}
	for _, prefix := range slices.Sorted(maps.Keys(s.Upstreams)) {
		ukey, u := key+"."+prefix, s.Upstreams[prefix]
		if err := spec.CheckCachePrefix(prefix); err != nil {
			p.fail(ukey, "%v", err)
		}
		up, err := spec.LookupUpstream(u.Registry)
		if err != nil {
			p.fail(ukey+".registry", "%v", err)
			continue
		}
		if other, dup := byHost[up.Host]; dup {
			p.fail(ukey+".registry", "%s is cached under %q already: one prefix per registry", up.Host, other)
			continue
		}
		byHost[up.Host], prefixes[prefix] = prefix, up.Host
		if err := up.CheckCredential(u.Username != "" || u.AccessToken != ""); err != nil {
			p.fail(ukey, "%v", err)
		} else if up.Credential && u.Username == "" {
			p.fail(ukey+".username", "required with the accessToken")
		} else if up.Credential && u.AccessToken == "" {
			p.fail(ukey+".accessToken", "required: set it with %s", setCommand(ukey+".accessToken"))
		}
	}
	return prefixes
}

// serviceDefaults starts every service named under services in raw from compute.DefaultService, so the
// keys a service leaves out keep their defaults when the decoder fills it in. A value that is not an object
// of objects gets no defaults: the decoder reports it.
func serviceDefaults(raw []byte) map[string]compute.Service {
	var section map[string]json.RawMessage
	var services map[string]json.RawMessage
	if json.Unmarshal(raw, &section) != nil || json.Unmarshal(section["services"], &services) != nil {
		return nil
	}
	out := make(map[string]compute.Service, len(services))
	for name := range services {
		out[name] = compute.DefaultService()
	}
	return out
}

// hosts checks the EC2 hosts: x86_64 instance types, their counts and sizes.
func (p *parser) hosts(key string, s compute.ClusterSettings) {
	switch {
	case len(s.InstanceTypes) == 0:
		p.fail(key+".instanceTypes", "required: at least one instance type")
	case len(s.InstanceTypes) > maxInstanceTypes:
		p.fail(key+".instanceTypes", "%d given, at most %d", len(s.InstanceTypes), maxInstanceTypes)
	}
	for i, t := range s.InstanceTypes {
		m := instanceTypePattern.FindStringSubmatch(t)
		switch {
		case m == nil:
			p.fail(indexed(key+".instanceTypes", i), "%q is not an instance type (like m7i.large)", t)
		case strings.Contains(m[3], "g"):
			p.fail(indexed(key+".instanceTypes", i), "%q is Graviton (arm64); the hosts run the x86_64 ECS-optimized AMI", t)
		case slices.Index(s.InstanceTypes, t) < i:
			p.fail(indexed(key+".instanceTypes", i), "%q is listed twice", t)
		default:
			// A typo (m7i.lage, m7.large) or an arm64 family without a g (a1), by the dated catalogue.
			p.fact(indexed(key+".instanceTypes", i), p.facts.ECSHostType(t))
		}
	}
	if s.AMIID != "" && !amiPattern.MatchString(s.AMIID) {
		p.fail(key+".amiId", "%q is not an AMI id (ami- and 8 or 17 hexadecimal digits)", s.AMIID)
	}

	h := s.Hosts
	if h == (compute.HostCounts{}) {
		p.fail(key+".hosts", "required: {min, max, desired}")
	} else if field, err := spec.CheckCounts([3]string{"min", "desired", "max"}, "host", h.Min, h.Desired, h.Max); err != nil {
		p.fail(subkey(key+".hosts", field), "%v", err)
	}
	if err := spec.CheckPercent(s.TargetCapacityPercent); err != nil {
		p.fail(key+".targetCapacity", "%v", err)
	}
	if v := s.RootVolumeGiB; v < compute.AMIRootVolumeGiB || v > compute.MaxRootVolumeGiB {
		p.fail(key+".rootVolumeGiB", "%d GiB is outside %d-%d (the AMI needs %d)", v, compute.AMIRootVolumeGiB, compute.MaxRootVolumeGiB, compute.AMIRootVolumeGiB)
	}
}

// subkey is key.field, or key when a check names no field of it.
func subkey(key, field string) string {
	if field == "" {
		return key
	}
	return key + "." + field
}

// anywhere checks ECS Anywhere: when enabled, its activation like every activation, and its patch group like
// the hosts', and derives the hosts' OS family from the baseline of that group.
//
// One path per host: a container host registers only through the ECS Anywhere activation, whose role carries
// both the SSM and the ECS permissions. A host registered first through a management activation keeps that
// role (no ECS permissions), and AWS's installer skips registering an instance that already is, so it never
// joins the cluster. Hence a patch group, and a host, is either a server activation's or ECS Anywhere's,
// never both.
func (p *parser) anywhere(key string, a compute.AnywhereSettings, m Management) compute.AnywhereSettings {
	if !a.Enabled {
		return a
	}
	p.activation(key, a.Hosts, a.RotationDays, m.hostActivations(p.key("management")+".activations"))
	p.patchGroup(key+".patchGroup", a.PatchGroup, m.patchGroups())
	if _, shared := m.Activations[a.PatchGroup]; shared && a.PatchGroup != "" {
		p.fail(key+".patchGroup", "%q is also a server activation (hybridcloud:management.activations): a host "+
			"registered through it has no ECS permissions and the ECS Anywhere installer skips its registration; "+
			"give container hosts their own patch group", a.PatchGroup)
	}
	groups, _ := m.AssignPatchGroups()
	switch system := groups[a.PatchGroup]; system {
	case "":
	case patching.RedHatEnterpriseLinux:
		a.HostOS = []spec.HostOS{spec.HostRHEL}
	case patching.AmazonLinux2, patching.AmazonLinux2023:
		a.HostOS = []spec.HostOS{spec.HostAmazonLinux}
	default:
		p.fail(key+".patchGroup", "%q is patched as %s: this program registers Linux hosts only", a.PatchGroup, system)
	}
	return a
}

// patchGroup checks that a Patch Group is one a patch baseline covers; a group no baseline has would leave
// its hosts unpatched without a word.
func (p *parser) patchGroup(key, group string, patchGroups []string) {
	if group == "" || len(patchGroups) == 0 { // no baselines: the management section's own error says so
		return
	}
	if !slices.Contains(patchGroups, group) {
		p.fail(key, "%q is in no patch baseline's patchGroups (hybridcloud:management.patchBaselines)", group)
	}
}
