package compute

import (
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan/token"
)

// dependsOnMocks records each resource's explicit DependsOn URNs, which the plan harness does not keep (it
// records the dependencies of each input property only), so this one test runs its own mocks.
type dependsOnMocks struct {
	mu     sync.Mutex
	deps   map[string][]string // type token::logical name -> URNs it depends on
	ignore map[string][]string // type token::logical name -> inputs whose changes it ignores
	inputs map[string]resource.PropertyMap
}

func (m *dependsOnMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	m.deps[args.TypeToken+"::"+args.Name] = args.RegisterRPC.GetDependencies()
	if m.ignore != nil {
		m.ignore[args.TypeToken+"::"+args.Name] = args.RegisterRPC.GetIgnoreChanges()
		m.inputs[args.TypeToken+"::"+args.Name] = args.Inputs
	}
	m.mu.Unlock()
	return args.Name + "_id", args.Inputs, nil
}

func (m *dependsOnMocks) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.NewPropertyMapFromMap(map[string]any{"value": "ami-0123456789abcdef0", "arn": "arn:aws:iam::127311923021:root"}), nil
}

// Issue 15: a new recommended AMI reaches the hosts only when amiId changes, through the instance refresh.
func TestTheHostsAMIChangesOnlyWhenPinned(t *testing.T) {
	for _, pinned := range []string{"", "ami-0123456789abcdef0"} {
		m := &dependsOnMocks{deps: map[string][]string{}, ignore: map[string][]string{}, inputs: map[string]resource.PropertyMap{}}
		args := testClusterArgs()
		args.Settings.AMIID = pinned
		err := pulumi.RunErr(func(ctx *pulumi.Context) error {
			_, err := NewCluster(ctx, "c", args)
			return err
		}, pulumi.WithMocks("hybridcloud", "test", m), func(info *pulumi.RunInfo) { info.DryRun = true })
		require.NoError(t, err)
		lt := token.EC2LaunchTemplate + "::c-hosts"
		if pinned == "" {
			assert.Equal(t, []string{"imageId"}, m.ignore[lt], "the recommended AMI at creation, then kept")
		} else {
			assert.Empty(t, m.ignore[lt], "a pinned AMI is followed")
			assert.Equal(t, pinned, m.inputs[lt]["imageId"].StringValue())
		}
	}
}

func TestServicesWaitForTheirRolesPermissions(t *testing.T) {
	m := &dependsOnMocks{deps: map[string][]string{}}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		cluster, err := NewCluster(ctx, "c", testClusterArgs(), pulumi.Provider(provider))
		if err != nil {
			return err
		}
		services := testServicesArgs()
		services.Cluster = cluster
		_, err = NewServices(ctx, "s", services, pulumi.Provider(provider))
		return err
	}, pulumi.WithMocks("hybridcloud", "test", m), func(info *pulumi.RunInfo) { info.DryRun = true })
	require.NoError(t, err)

	dependsOn := func(service, typ, name string) bool {
		for _, urn := range m.deps[token.ECSService+"::"+service] {
			if strings.HasSuffix(urn, typ+"::"+name) {
				return true
			}
		}
		return false
	}
	require.Len(t, testServices(), 2)
	for name := range testServices() {
		assert.True(t, dependsOn("s-"+name, token.IAMRolePolicy, "s-"+name+"-execution"), "%s starts only once its execution role can pull and log", name)
		// Both test services have file access, and the scanner ECS Exec: their task roles' permissions.
		assert.True(t, dependsOn("s-"+name, token.IAMRolePolicy, "s-"+name+"-task"), "%s starts only once its task role holds its permissions", name)
	}
	assert.True(t, dependsOn("s-claims-api", token.LBListenerRule, "s-claims-api"), "ECS refuses a target group no listener uses")
	assert.True(t, dependsOn("s-scanner", token.ECRPullThroughCacheRule, "c-cache-ghcr"), "its image's first pull needs the cache rule")
	for _, prefix := range []string{"docker-hub", "ghcr", "ecr-public"} {
		rule := m.deps[token.ECRPullThroughCacheRule+"::c-cache-"+prefix]
		assert.Contains(t, rule, "urn:pulumi:test::hybridcloud::hybridcloud:compute:Cluster$"+token.ECRRepositoryCreationTemplate+"::c-cache-"+prefix,
			"the template exists before a pull can create a repository with ECR's defaults")
	}
	assert.Contains(t, m.deps[token.ECRPullThroughCacheRule+"::c-cache-docker-hub"],
		"urn:pulumi:test::hybridcloud::hybridcloud:compute:Cluster$"+token.SecretsManagerSecretVersion+"::c-cache-docker-hub", "the credential is stored first")
}
