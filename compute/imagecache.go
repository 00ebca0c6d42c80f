package compute

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ecr"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/ecrtemplate"
)

const (
	// cacheSecretPrefix is the name prefix ECR requires of a pull-through cache credential, and the only
	// secrets its service-linked role may read (ECR User Guide, "Creating a pull through cache rule").
	cacheSecretPrefix = "ecr-pullthroughcache/"
	// cacheUntaggedDays is how long a cached image the upstream re-tagged stays: a service runs a tag,
	// so only untagged images expire (issue 15: no lifecycle rule removes an image a service runs).
	cacheUntaggedDays = 14
)

// prefixes maps each cache prefix to its upstream registry's host, for resolving images.
func (s ImageCacheSettings) prefixes() map[string]string {
	out := make(map[string]string, len(s.Upstreams))
	for prefix, u := range s.Upstreams {
		if up, err := spec.LookupUpstream(u.Registry); err == nil {
			out[prefix] = up.Host
		}
	}
	return out
}

// check checks every upstream: its prefix, a supported registry, one prefix per registry, and a credential
// exactly where ECR needs one (both parts of it).
func (s ImageCacheSettings) check() error {
	var errs []error
	seen := map[string]string{}
	for _, prefix := range slices.Sorted(maps.Keys(s.Upstreams)) {
		u := s.Upstreams[prefix]
		fail := func(err error) { errs = append(errs, fmt.Errorf("image cache upstream %q: %w", prefix, err)) }
		if err := spec.CheckCachePrefix(prefix); err != nil {
			fail(err)
		}
		up, err := spec.LookupUpstream(u.Registry)
		if err != nil {
			fail(err)
			continue
		}
		if other, dup := seen[up.Host]; dup {
			fail(fmt.Errorf("%s is cached under %q already", up.Host, other))
		}
		seen[up.Host] = prefix
		if err := up.CheckCredential(u.Username != "" || u.AccessToken != ""); err != nil {
			fail(err)
		} else if up.Credential && (u.Username == "" || u.AccessToken == "") {
			fail(errors.New("a credential needs both username and accessToken"))
		}
	}
	return errors.Join(errs...)
}

// needsCredentials says whether an upstream needs a credential, which the cluster key then encrypts.
func (s ImageCacheSettings) needsCredentials() bool {
	for _, u := range s.Upstreams {
		if up, err := spec.LookupUpstream(u.Registry); err == nil && up.Credential {
			return true
		}
	}
	return false
}

// cacheCredential is the secret's JSON, in the keys ECR reads (ECR User Guide, "Storing your upstream
// repository credentials in an AWS Secrets Manager secret").
func cacheCredential(u CacheUpstream) (string, error) {
	b, err := json.Marshal(map[string]string{"username": u.Username, "accessToken": u.AccessToken})
	return string(b), err
}

// cacheLifecyclePolicy expires only untagged cached images: tags a service runs are never expired.
func cacheLifecyclePolicy() (string, error) {
	b, err := json.Marshal(map[string]any{"rules": []map[string]any{{
		"rulePriority": 1,
		"description":  "Expire images the upstream re-tagged away",
		"selection":    map[string]any{"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": cacheUntaggedDays},
		"action":       map[string]any{"type": "expire"},
	}}})
	return string(b), err
}

// declareImageCache declares, per upstream: the credential's secret (encrypted with the cluster key), the
// pull-through cache rule, and a repository creation template that gives cached repositories the stack's
// controls (KMS, lifecycle, tags); and scan on push for the registry. Cached repositories stay MUTABLE: ECR
// keeps a cached tag in step with the upstream only while tags are mutable (ECR User Guide, "Sync an
// upstream registry"); pin a digest for an image that must never change. It returns the rules, which a
// service's first pull needs.
func (c *Cluster) declareImageCache(ctx *pulumi.Context, name string, keyARN pulumi.StringOutput, args *ClusterArgs, parent pulumi.ResourceOption) ([]pulumi.Resource, error) {
	s := args.Settings.ImageCache
	if len(s.Upstreams) == 0 {
		return nil, nil
	}
	lifecycle, err := cacheLifecyclePolicy()
	if err != nil {
		return nil, err
	}
	prefixes := slices.Sorted(maps.Keys(s.Upstreams))
	role, rolePolicy, err := declareCreationRole(ctx, name, prefixes, keyARN, args, parent)
	if err != nil {
		return nil, err
	}
	var rules []pulumi.Resource
	for _, prefix := range prefixes {
		u := s.Upstreams[prefix]
		up, err := spec.LookupUpstream(u.Registry)
		if err != nil {
			return nil, err
		}
		res := name + "-cache-" + prefix
		ruleArgs := &ecr.PullThroughCacheRuleArgs{EcrRepositoryPrefix: pulumi.String(prefix), UpstreamRegistryUrl: pulumi.String(up.URL)}
		var ruleOpts []pulumi.ResourceOption
		if up.Credential {
			secret, version, err := declareCacheSecret(ctx, res, u, keyARN, parent)
			if err != nil {
				return nil, err
			}
			ruleArgs.CredentialArn = secret.Arn
			ruleOpts = append(ruleOpts, pulumi.DependsOn([]pulumi.Resource{version}))
		}
		template, err := ecr.NewRepositoryCreationTemplate(ctx, res, &ecr.RepositoryCreationTemplateArgs{
			Prefix:             pulumi.String(prefix),
			Description:        pulumi.String("Repositories the " + prefix + " pull-through cache creates"),
			AppliedFors:        pulumi.StringArray{pulumi.String("PULL_THROUGH_CACHE")},
			CustomRoleArn:      role.Arn,
			ImageTagMutability: pulumi.String("MUTABLE"),
			EncryptionConfigurations: ecr.RepositoryCreationTemplateEncryptionConfigurationArray{
				ecr.RepositoryCreationTemplateEncryptionConfigurationArgs{EncryptionType: pulumi.String("KMS"), KmsKey: keyARN},
			},
			LifecyclePolicy: pulumi.String(lifecycle),
			// The provider's default tags do not reach repositories ECR creates.
			ResourceTags: pulumi.ToStringMap(args.InstanceTags),
		}, parent, pulumi.DependsOn([]pulumi.Resource{rolePolicy}))
		if err != nil {
			return nil, err
		}
		// A pull creates the cached repository: the template must exist first, or the repository gets ECR's
		// defaults (AES256, no lifecycle) and keeps them.
		rule, err := ecr.NewPullThroughCacheRule(ctx, res, ruleArgs, append(ruleOpts, parent, pulumi.DependsOn([]pulumi.Resource{template}))...)
		if err != nil {
			return nil, err
		}
		rules = append(rules, rule)
	}
	// Scan on push for every repository of the registry, cached ones included: the creation template has no
	// scanning setting. A registry has one scanning configuration (per region), so this one is account-wide.
	if _, err := ecr.NewRegistryScanningConfiguration(ctx, name+"-scanning", &ecr.RegistryScanningConfigurationArgs{
		ScanType: pulumi.String("BASIC"),
		Rules: ecr.RegistryScanningConfigurationRuleArray{ecr.RegistryScanningConfigurationRuleArgs{
			ScanFrequency: pulumi.String("SCAN_ON_PUSH"),
			RepositoryFilters: ecr.RegistryScanningConfigurationRuleRepositoryFilterArray{
				ecr.RegistryScanningConfigurationRuleRepositoryFilterArgs{Filter: pulumi.String("*"), FilterType: pulumi.String("WILDCARD")},
			},
		}},
	}, parent); err != nil {
		return nil, err
	}
	return rules, nil
}

// declareCacheSecret stores an upstream's credential under the name prefix ECR requires, encrypted with the
// cluster key. The value is a Pulumi secret: it never appears in the state or the plan in clear.
func declareCacheSecret(ctx *pulumi.Context, res string, u CacheUpstream, keyARN pulumi.StringOutput, parent pulumi.ResourceOption) (*secretsmanager.Secret, *secretsmanager.SecretVersion, error) {
	value, err := cacheCredential(u)
	if err != nil {
		return nil, nil, err
	}
	// A name prefix: a deleted secret's name stays taken for its recovery window, so a replacement needs
	// a new one.
	secret, err := secretsmanager.NewSecret(ctx, res, &secretsmanager.SecretArgs{
		NamePrefix:  pulumi.String(cacheSecretPrefix + res + "-"),
		Description: pulumi.String("Credential ECR's pull-through cache uses for " + u.Registry),
		KmsKeyId:    keyARN,
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	version, err := secretsmanager.NewSecretVersion(ctx, res, &secretsmanager.SecretVersionArgs{
		SecretId:     secret.ID(),
		SecretString: pulumi.ToSecret(pulumi.String(value)).(pulumi.StringOutput),
	}, parent)
	return secret, version, err
}

// declareCreationRole is the role ECR assumes to create cached repositories with the templates' key, only
// under the cache's prefixes. The cluster key's policy names it (cacheCreationRole).
func declareCreationRole(ctx *pulumi.Context, name string, prefixes []string, keyARN pulumi.StringOutput, args *ClusterArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	arns := args.AccountID.ToStringOutput().ApplyT(func(account string) []string {
		out := make([]string, 0, len(prefixes))
		for _, p := range prefixes {
			out = append(out, ecrtemplate.RepositoryARN(args.Partition, args.Region, account, p+"/*"))
		}
		return out
	}).(pulumi.StringArrayOutput)
	return ecrtemplate.NewRole(ctx, cacheCreationRole(name), ecrtemplate.RoleArgs{
		Description: "ECR creates the " + name + " pull-through cache repositories",
		AccountID:   args.AccountID, RepositoryARNs: arns, KeyARN: keyARN, KeyRegion: args.Region,
	}, parent)
}

// cacheCreationRole is the logical name of the pull-through cache's creation role.
func cacheCreationRole(cluster string) string { return cluster + "-cache" }
