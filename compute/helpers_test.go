package compute

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
)

// Type tokens the tests look for.
const (
	typeCluster          = "aws:ecs/cluster:Cluster"
	typeCapacityProvider = "aws:ecs/capacityProvider:CapacityProvider"
	typeClusterProviders = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
	typeService          = "aws:ecs/service:Service"
	typeTaskDefinition   = "aws:ecs/taskDefinition:TaskDefinition"
	typeLaunchTemplate   = "aws:ec2/launchTemplate:LaunchTemplate"
	typeGroup            = "aws:autoscaling/group:Group"
	typeLoadBalancer     = "aws:lb/loadBalancer:LoadBalancer"
	typeListener         = "aws:lb/listener:Listener"
	typeListenerRule     = "aws:lb/listenerRule:ListenerRule"
	typeTargetGroup      = "aws:lb/targetGroup:TargetGroup"
	typeRepository       = "aws:ecr/repository:Repository"
	typeLifecyclePolicy  = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
	typeIngress          = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	typeEgress           = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	typeSecurityGroup    = "aws:ec2/securityGroup:SecurityGroup"
	typeActivation       = "aws:ssm/activation:Activation"
	typeRole             = "aws:iam/role:Role"
	typeRolePolicy       = "aws:iam/rolePolicy:RolePolicy"
	typeLogGroup         = "aws:cloudwatch/logGroup:LogGroup"
	typeScalingTarget    = "aws:appautoscaling/target:Target"
	typeScalingPolicy    = "aws:appautoscaling/policy:Policy"
	typeBucket           = "aws:s3/bucketV2:BucketV2"
	typeBucketPolicy     = "aws:s3/bucketPolicy:BucketPolicy"
	typeKey              = "aws:kms/key:Key"
)

const (
	testCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
	testSecret      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:claims/api-key-AbCdEf"
	testDBSecret    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123-AbCdEf"
	testDBKey       = "arn:aws:kms:us-east-1:123456789012:key/db"
	testBucket      = "arn:aws:s3:::claims-files"
	testBucketKey   = "arn:aws:kms:us-east-1:123456789012:key/files"
	testOnPremCIDR  = "172.20.0.0/16"
)

// testNow is the clock activation expiries are chosen against.
var testNow = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// testClusterArgs are a prod-like cluster: HTTPS, protected, ECS Anywhere on, two instance types.
func testClusterArgs() *ClusterArgs {
	return &ClusterArgs{
		VpcID:           pulumi.String("vpc-1"),
		VpcCIDR:         netip.MustParsePrefix("10.10.0.0/16"),
		AppSubnetIDs:    pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b"), pulumi.String("subnet-c")},
		OnPremisesCIDRs: []netip.Prefix{netip.MustParsePrefix(testOnPremCIDR)},
		LogsKeyArn:      pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		AccountID:       pulumi.String("123456789012"),
		Region:          "us-east-1",
		Partition:       "aws",
		Hosts: HostSettings{
			InstanceTypes: []string{"m7i.large", "m6i.large"},
			MinSize:       3, DesiredCapacity: 3, MaxSize: 9,
			TargetCapacityPercent: 80,
			RootVolumeGiB:         50,
		},
		LoadBalancer:     LoadBalancerSettings{CertificateArn: testCertificate, AccessLogRetentionDays: 365},
		Anywhere:         AnywhereSettings{Enabled: true, RegistrationLimit: 4, ExpiresAt: testNow.AddDate(0, 0, 20)},
		LogRetentionDays: 365,
		Protect:          true,
		InstanceTags:     map[string]string{"Environment": "prod"},
	}
}

// testServices are one service in AWS with database and read access to files and its own repository,
// and one on premises with write access, ECS Exec and an external image.
func testServices() []Service {
	return []Service{
		{
			Name: "claims-api", ImageTag: "1.4.2", CPU: 512, MemoryMiB: 1024, Port: 8080, HealthCheckPath: "/health",
			DesiredCount: 2, MinCount: 2, MaxCount: 6, TargetCPUPercent: 60,
			Environment: map[string]string{"LOG_LEVEL": "info"},
			Secrets:     map[string]string{"API_SIGNING_KEY": testSecret},
			Files:       FilesRead, Database: true, ReadonlyRootFilesystem: true,
		},
		{
			Name: "scanner", Image: "registry.corp.example/scanner:2.0.1", CPU: 256, MemoryMiB: 512, Port: 9000,
			DesiredCount: 1, MinCount: 1, MaxCount: 2, TargetCPUPercent: 70,
			OnPrem: true, Files: FilesWrite, Exec: true,
		},
	}
}

// testServicesArgs wires testServices to the data tier's test ARNs.
func testServicesArgs() *ServicesArgs {
	return &ServicesArgs{
		Services:            testServices(),
		KeepImages:          30,
		LogRetentionDays:    365,
		DatabaseSecretArn:   pulumi.String(testDBSecret),
		DatabaseKeyArn:      pulumi.String(testDBKey),
		FileBucketArn:       pulumi.String(testBucket),
		FileBucketKmsKeyArn: pulumi.String(testBucketKey),
	}
}

// deployed is what one run declared and the components it returned.
type deployed struct {
	res      *plan.Result
	cluster  *Cluster
	services *Services
}

// declare declares a cluster "c" and, when services is not nil, services "s" on it, under mocks.
func declare(cluster *ClusterArgs, services *ServicesArgs, mode plan.Mode) (deployed, error) {
	var d deployed
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		// Invokes need an explicit provider, as the default one is disabled; children inherit it.
		provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		if d.cluster, err = NewCluster(ctx, "c", cluster, pulumi.Provider(provider)); err != nil {
			return err
		}
		if services == nil {
			return nil
		}
		services.Cluster = d.cluster
		d.services, err = NewServices(ctx, "s", services, pulumi.Provider(provider))
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, mode)
	d.res = res
	return d, err
}

// run is declare for arguments that must be valid.
func run(t *testing.T, cluster *ClusterArgs, services *ServicesArgs, mode plan.Mode) deployed {
	t.Helper()
	d, err := declare(cluster, services, mode)
	require.NoError(t, err)
	return d
}

// one returns the only resource of typ named name.
func one(t *testing.T, res *plan.Result, typ, name string) map[string]any {
	t.Helper()
	r, ok := res.Named(typ, name)
	require.True(t, ok, "no %s named %s", typ, name)
	return r.Props()
}

// hasPrefix says whether s starts with any of prefixes.
func hasPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
