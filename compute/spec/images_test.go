package spec

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImagesAsUsersWriteThemResolveToTheCachedRepository(t *testing.T) {
	prefixes := map[string]string{"docker-hub": DockerHub, "ghcr": "ghcr.io"}
	const registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
	cases := []struct{ ref, repository, image string }{
		{"nginx:1.27", "docker-hub/library/nginx", registry + "/docker-hub/library/nginx:1.27"},
		{"docker.io/library/nginx:1.27", "docker-hub/library/nginx", registry + "/docker-hub/library/nginx:1.27"},
		{"registry-1.docker.io/bitnami/redis:7.4", "docker-hub/bitnami/redis", registry + "/docker-hub/bitnami/redis:7.4"},
		{"ghcr.io/org/app:1.2", "ghcr/org/app", registry + "/ghcr/org/app:1.2"},
		{"ghcr.io/org/app@sha256:" + sixtyFour, "ghcr/org/app", registry + "/ghcr/org/app@sha256:" + sixtyFour},
	}
	for _, tc := range cases {
		r, prefix, err := ResolveImage(tc.ref, prefixes)
		require.NoError(t, err, tc.ref)
		assert.Equal(t, tc.repository, r.CacheRepository(prefix), tc.ref)
		assert.Equal(t, tc.image, r.CacheImage(registry, prefix), tc.ref)
	}
}

const sixtyFour = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestImagesThatAreNotPinnedOrHaveNoCacheAreRefused(t *testing.T) {
	prefixes := map[string]string{"docker-hub": DockerHub}
	cases := map[string]string{
		"nginx":                     "has no tag",
		"nginx:latest":              `"latest" is not a version`,
		"docker.io/library/nginx":   "has no tag",
		"ghcr.io/org/app:1.2":       "no pull-through cache rule caches its registry",
		"gcr.io/project/app:1.0":    "no pull-through cache rule",
		"nginx@sha256:abc":          "is not a sha256 digest",
		"docker.io/Library/NGINX:1": "is not a repository name",
	}
	for ref, want := range cases {
		_, _, err := ResolveImage(ref, prefixes)
		require.Error(t, err, ref)
		assert.Contains(t, err.Error(), want, ref)
	}
}

func TestUpstreamsTakeACredentialExactlyWhereECRNeedsOne(t *testing.T) {
	hub, err := LookupUpstream("docker.io")
	require.NoError(t, err)
	assert.Equal(t, "registry-1.docker.io", hub.URL, "ECR's upstreamRegistryUrl for Docker Hub")
	require.NoError(t, hub.CheckCredential(true))
	assert.ErrorContains(t, hub.CheckCredential(false), "only with a credential")
	quay, err := LookupUpstream("quay.io")
	require.NoError(t, err)
	assert.ErrorContains(t, quay.CheckCredential(true), "takes none")
	_, err = LookupUpstream("gcr.io")
	assert.ErrorContains(t, err, "not a registry ECR's pull-through cache supports")
	for _, p := range []string{"ROOT", "a", "Docker", "docker-hub/x", "-hub"} {
		assert.Error(t, CheckCachePrefix(p), p)
	}
	assert.NoError(t, CheckCachePrefix("docker-hub"))
}
