package compute

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	testCertificate = "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
	testSecret      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:claims/api-key-AbCdEf"
	testDBSecret    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123-AbCdEf"
	testDBResource  = "db-ABCDEFGHIJKLMNOPQRSTUVWXY0"
	testDBAddress   = "prod.abcdefghijkl.us-east-1.rds.amazonaws.com"
	testBucket      = "arn:aws:s3:::claims-files"
	testBucketKey   = "arn:aws:kms:us-east-1:123456789012:key/files"
	testOnPremCIDR  = "172.20.0.0/16"
	testKeyAdmin    = "arn:aws:iam::123456789012:role/deployer"
	testBreakGlass  = "arn:aws:iam::123456789012:role/break-glass"
	// testClusterKey is the cluster key's ARN under the mocks.
	testClusterKey = "arn:aws:kms:us-east-1:123456789012:c"
	// testExecKey is the ECS Exec key's ARN under the mocks.
	testExecKey = "arn:aws:kms:us-east-1:123456789012:c-exec"
	// testHubToken is the Docker Hub access token of the cache's credential.
	testHubToken = "dckr_pat_test"
)

// testClusterArgs are a prod-like cluster: HTTPS, protected, ECS Anywhere on, two instance types, both
// kinds of hosts in a patch group.
func testClusterArgs() *ClusterArgs {
	return &ClusterArgs{
		Settings: ClusterSettings{
			InstanceTypes:         []string{"m7i.large", "m6i.large"},
			Hosts:                 HostCounts{Min: 3, Desired: 3, Max: 9},
			TargetCapacityPercent: 80,
			RootVolumeGiB:         50,
			LogRetentionDays:      365,
			LoadBalancer:          LoadBalancerSettings{CertificateARN: testCertificate, AccessLogRetentionDays: 365},
			Anywhere:              AnywhereSettings{Enabled: true, Hosts: []string{"ecs-01", "ecs-02", "ecs-03", "ecs-04"}, RotationDays: 14, PatchGroup: "onprem-linux", HostOS: []spec.HostOS{spec.HostRHEL, spec.HostLinux}},
			PatchGroup:            "ecs-hosts",
			ImageCache: ImageCacheSettings{Upstreams: map[string]CacheUpstream{
				"docker-hub": {Registry: "docker.io", Username: "insurer", AccessToken: testHubToken},
				"ghcr":       {Registry: "ghcr.io", Username: "insurer-ci", AccessToken: "ghp_test"},
				"ecr-public": {Registry: "public.ecr.aws"},
			}},
			Protect: true,
		},
		VPCID:                   pulumi.String("vpc-1"),
		VPCCIDR:                 netip.MustParsePrefix("10.10.0.0/16"),
		EndpointSecurityGroupID: pulumi.String("sg-endpoints"),
		S3PrefixListID:          pulumi.String("pl-63a5400a"),
		AppSubnetIDs:            pulumi.StringArray{pulumi.String("subnet-a"), pulumi.String("subnet-b"), pulumi.String("subnet-c")},
		OnPremisesCIDRs:         []netip.Prefix{netip.MustParsePrefix(testOnPremCIDR)},
		LogsKeyARN:              pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		AccountID:               pulumi.String("123456789012"),
		Partition:               "aws",
		Region:                  "us-east-1",
		Now:                     plantest.Now,
		InstanceTags:            map[string]string{"Environment": "prod"},
		KeyAdmins:               keys.Admins{Roles: pulumi.ToStringArray([]string{testKeyAdmin}), BreakGlass: testBreakGlass},
		ExecTaskRoles:           []string{"s-scanner-task"},
		ParameterPath:           "/hybridcloud/prod/",
	}
}

// testServices are one service in AWS with database and read access to files and its own repository,
// and one on premises with write access, ECS Exec and an image from GitHub's registry (through the cache).
func testServices() map[string]Service {
	return map[string]Service{
		"claims-api": {
			ImageTag: "1.4.2", CPU: 512, MemoryMiB: 1024, Port: 8080, HealthCheckPath: "/health",
			DesiredCount: 2, MinCount: 2, MaxCount: 6, TargetCPUPercent: 60,
			Environment: map[string]string{"LOG_LEVEL": "info"},
			Secrets:     map[string]string{"API_SIGNING_KEY": testSecret},
			Files:       spec.FilesRead, FilesPrefix: "claims/", Database: true,
		},
		"scanner": {
			Image: "ghcr.io/insurer/scanner:2.0.1", CPU: 256, MemoryMiB: 512, Port: 9000,
			DesiredCount: 1, MinCount: 1, MaxCount: 2, TargetCPUPercent: 70,
			OnPrem: true, Files: spec.FilesWrite, FilesPrefix: "documents/", Exec: true,
		},
	}
}

// testService is one of testServices with its name.
func testService(name string) namedService {
	return namedService{Name: name, Service: testServices()[name]}
}

// testServicesArgs wires testServices to the data tier's test ARNs.
func testServicesArgs() *ServicesArgs {
	return &ServicesArgs{
		Settings: ServicesSettings{
			Services:         testServices(),
			ECR:              ECRSettings{KeepImages: 30},
			LogRetentionDays: 365,
			Protect:          true,
		},
		Database: &DatabaseEndpoint{
			Address: pulumi.String(testDBAddress), Port: pulumi.Int(5433), Name: "app", ResourceID: pulumi.String(testDBResource),
		},
		FileBucketARN:    pulumi.String(testBucket),
		FileBucketKeyARN: pulumi.String(testBucketKey),
	}
}

// deployed are the components one run declared.
type deployed struct {
	cluster  *Cluster
	services *Services
}

// declare declares a cluster "c" and, when services is not nil, services "s" on it.
func declare(cluster *ClusterArgs, services *ServicesArgs) func(*pulumi.Context, ...pulumi.ResourceOption) (deployed, error) {
	return func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (deployed, error) {
		var d deployed
		var err error
		if d.cluster, err = NewCluster(ctx, "c", cluster, opts...); err != nil || services == nil {
			return d, err
		}
		services.Cluster = d.cluster
		d.services, err = NewServices(ctx, "s", services, opts...)
		return d, err
	}
}

// run plays declare under the mocks for arguments that must be valid.
func run(t *testing.T, cluster *ClusterArgs, services *ServicesArgs, mode plan.Mode) (*plan.Result, deployed) {
	t.Helper()
	return plantest.Run(t, mode, declare(cluster, services))
}

// runErr plays declare for arguments the components must refuse, and returns the error.
func runErr(cluster *ClusterArgs, services *ServicesArgs) error {
	_, _, err := plantest.RunErr(plan.Preview, declare(cluster, services))
	return err
}
