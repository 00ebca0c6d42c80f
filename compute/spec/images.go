package spec

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// Upstream is a registry an ECR pull-through cache rule can cache, as ECR supports it (ECR User Guide,
// "Sync an upstream registry with an Amazon ECR private registry"; CreatePullThroughCacheRule's
// upstreamRegistryUrl).
type Upstream struct {
	// Host is the registry as image references name it ("docker.io", "ghcr.io").
	Host string
	// URL is the rule's upstreamRegistryUrl.
	URL string
	// Credential says whether ECR needs a Secrets Manager credential for it (true) or refuses one (false).
	Credential bool
	// aliases are other hosts references use for the same registry.
	aliases []string
}

// DockerHub is Docker Hub: references without a registry ("nginx:1.27") are Docker Hub's.
const DockerHub = "docker.io"

// Upstreams are the registries the program can cache. Azure Container Registry (a per-registry host) and
// cross-account ECR (an IAM role, not a secret) are left out.
var Upstreams = []Upstream{
	{Host: DockerHub, URL: "registry-1.docker.io", Credential: true, aliases: []string{"registry-1.docker.io", "index.docker.io"}},
	{Host: "ghcr.io", URL: "ghcr.io", Credential: true},
	{Host: "registry.gitlab.com", URL: "registry.gitlab.com", Credential: true},
	{Host: "quay.io", URL: "quay.io"},
	{Host: "public.ecr.aws", URL: "public.ecr.aws"},
	{Host: "registry.k8s.io", URL: "registry.k8s.io"},
}

// LookupUpstream finds a supported upstream by the host references use.
func LookupUpstream(host string) (Upstream, error) {
	for _, u := range Upstreams {
		if u.Host == host || slices.Contains(u.aliases, host) {
			return u, nil
		}
	}
	hosts := make([]string, 0, len(Upstreams))
	for _, u := range Upstreams {
		hosts = append(hosts, u.Host)
	}
	return Upstream{}, fmt.Errorf("%q is not a registry ECR's pull-through cache supports here (want one of %s)", host, strings.Join(hosts, ", "))
}

// CheckCredential checks that a credential is given exactly where ECR needs one.
func (u Upstream) CheckCredential(given bool) error {
	switch {
	case u.Credential && !given:
		return fmt.Errorf("ECR caches %s only with a credential (username and accessToken)", u.Host)
	case !u.Credential && given:
		return fmt.Errorf("ECR caches %s without a credential and takes none", u.Host)
	}
	return nil
}

// cachePrefixPattern is ECR's ecrRepositoryPrefix (2-30 characters), without nested segments.
var cachePrefixPattern = regexp.MustCompile(`^[a-z0-9]+(?:[._-][a-z0-9]+)*$`)

// CheckCachePrefix checks a pull-through cache rule's repository prefix; "ROOT" names ECR's default
// creation template and cannot be a prefix.
func CheckCachePrefix(prefix string) error {
	if len(prefix) < 2 || len(prefix) > 30 || !cachePrefixPattern.MatchString(prefix) || prefix == "ROOT" {
		return fmt.Errorf("%q is not an ECR repository prefix (2-30 lower-case letters and digits, separated by ., _ or -)", prefix)
	}
	return nil
}

// ImageRef is an image reference split as a registry reads it.
type ImageRef struct {
	// Host is the registry (DockerHub when the reference names none).
	Host string
	// Path is the repository in the registry ("library/nginx" for Docker Hub's official "nginx").
	Path string
	// Version is ":tag" or "@sha256:…".
	Version string
}

var (
	refTagPattern    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)
	refDigestPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
	refPathPattern   = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$`)
)

// ParseImage splits a reference as users write it ("nginx:1.27", "docker.io/library/nginx:1.27",
// "ghcr.io/org/app@sha256:…"), the way Docker normalises one: the first segment is a registry when it has
// a "." or ":" or is localhost. It must be pinned to a tag other than latest, or to a digest.
func ParseImage(ref string) (ImageRef, error) {
	name, version := ref, ""
	if n, digest, ok := strings.Cut(ref, "@"); ok {
		if !refDigestPattern.MatchString(digest) {
			return ImageRef{}, fmt.Errorf("%q: %q is not a sha256 digest", ref, digest)
		}
		name, version = n, "@"+digest
	} else if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		tag := ref[i+1:]
		switch {
		case tag == "latest":
			return ImageRef{}, fmt.Errorf("%q: \"latest\" is not a version; pin a version tag or a digest", ref)
		case !refTagPattern.MatchString(tag):
			return ImageRef{}, fmt.Errorf("%q: %q is not an image tag", ref, tag)
		}
		name, version = ref[:i], ":"+tag
	}
	if version == "" {
		return ImageRef{}, fmt.Errorf("%q has no tag: pin a version tag or a digest (like nginx:1.27)", ref)
	}
	host, path := DockerHub, name
	if first, rest, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		host, path = first, rest
	}
	if u, err := LookupUpstream(host); err == nil && u.Host == DockerHub {
		host = DockerHub
		if !strings.Contains(path, "/") {
			path = "library/" + path // Docker Hub's official images
		}
	}
	if !refPathPattern.MatchString(path) {
		return ImageRef{}, fmt.Errorf("%q: %q is not a repository name", ref, path)
	}
	return ImageRef{Host: host, Path: path, Version: version}, nil
}

// CacheRepository is the repository the pull-through cache keeps the image in: prefix/path.
func (r ImageRef) CacheRepository(prefix string) string { return prefix + "/" + r.Path }

// CacheImage is the image as the hosts pull it through the cache of registry (the account's
// <account>.dkr.ecr.<region>.amazonaws.com).
func (r ImageRef) CacheImage(registry, prefix string) string {
	return registry + "/" + r.CacheRepository(prefix) + r.Version
}

// ErrNoUpstream says that an image's registry has no pull-through cache rule.
var ErrNoUpstream = errors.New("no pull-through cache rule caches its registry")

// ResolveImage finds the cache prefix of ref's registry among prefixes (prefix → upstream host).
func ResolveImage(ref string, prefixes map[string]string) (ImageRef, string, error) {
	r, err := ParseImage(ref)
	if err != nil {
		return ImageRef{}, "", err
	}
	for _, prefix := range slices.Sorted(maps.Keys(prefixes)) { // config allows one prefix per registry
		if prefixes[prefix] == r.Host {
			return r, prefix, nil
		}
	}
	return ImageRef{}, "", fmt.Errorf("%q is from %s: %w", ref, r.Host, ErrNoUpstream)
}
