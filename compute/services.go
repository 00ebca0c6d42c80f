package compute

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute/spec"
)

// ServicesType is the type token of the services component.
const ServicesType = "hybridcloud:compute:Services"

// ServicesArgs configures Services: their own settings, and the wiring from the cluster and the data tier.
type ServicesArgs struct {
	// Settings are the services' own settings. Required.
	Settings ServicesSettings
	// Cluster is where the services run and what their load balancer routes are added to. Required.
	Cluster *Cluster
	// Database is the database a service with Database connects to, each as its own role. Required when a
	// service has Database.
	Database *DatabaseEndpoint
	// FileBucketARN is the file bucket and FileBucketKeyARN its KMS key. Required when a service has file
	// access.
	FileBucketARN    pulumi.StringInput
	FileBucketKeyARN pulumi.StringInput
	// Repositories, by service, are existing repositories a service with an ImageTag pulls from instead of
	// declaring its own: a DR region's replicas of the primary's, which ECR replication creates. Optional.
	Repositories map[string]Repository
}

// Repository is an existing ECR repository: its URL (images are URL:tag) and ARN (the pull permission).
type Repository struct {
	URL, ARN pulumi.StringOutput
}

// DatabaseEndpoint is the database the services connect to with IAM database authentication. The master
// secret is not here: it stays with operators.
type DatabaseEndpoint struct {
	// Address and Port are where the instance listens; Name is the database in it. Required.
	Address pulumi.StringInput
	Port    pulumi.IntInput
	Name    string
	// ResourceID is the instance's resource id (DbiResourceId, "db-…"), which rds-db:connect grants name.
	// Required.
	ResourceID pulumi.StringInput
}

// complete says whether every field is set.
func (d *DatabaseEndpoint) complete() bool {
	return d != nil && d.Address != nil && d.Port != nil && d.Name != "" && d.ResourceID != nil
}

// Services is every configured service of a cluster.
type Services struct {
	pulumi.ResourceState

	// RepositoryURLs maps each service that has its own ECR repository (ImageTag) to the repository's URL,
	// where CI pushes its images; a service with an Image from elsewhere has no entry.
	RepositoryURLs map[string]pulumi.StringOutput
	// DeployedTaskDefinitions are the task definition each service runs after the up, by service: the
	// revision it declared, or the up fails (deployedRevision).
	DeployedTaskDefinitions map[string]pulumi.StringOutput
}

// namedService is a service with the name it is keyed by.
type namedService struct {
	Name string
	Service
}

// list returns the services in name order, so every run declares them in the same order.
func (s ServicesSettings) list() []namedService {
	out := make([]namedService, 0, len(s.Services))
	for _, name := range slices.Sorted(maps.Keys(s.Services)) {
		out = append(out, namedService{Name: name, Service: s.Services[name]})
	}
	return out
}

// DatabaseServices are the names of the services with Database, sorted: each has its own database role
// (dbuser.Name), which make db-bootstrap creates.
func (s ServicesSettings) DatabaseServices() []string {
	var out []string
	for _, svc := range s.list() {
		if svc.Database {
			out = append(out, svc.Name)
		}
	}
	return out
}

// validate checks that the args are complete and consistent, and that the names derived from name fit
// AWS; config checks the values a stack file gives (sizes, image references, variables, secrets).
func (a *ServicesArgs) validate(name string) error {
	if a.Cluster == nil {
		return errors.New("a cluster is required")
	}
	var errs []error
	if a.Settings.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("a log retention is required"))
	}
	for _, svc := range a.Settings.list() {
		if err := a.validateService(name, svc); err != nil {
			errs = append(errs, fmt.Errorf("service %q: %w", svc.Name, err))
		}
	}
	return errors.Join(errs...)
}

// validateService checks one service's settings and that the wiring it uses is there.
func (a *ServicesArgs) validateService(name string, svc namedService) error {
	var errs []error
	add := func(field string, err error) {
		if err != nil {
			errs = append(errs, fieldError(field, err))
		}
	}
	if svc.Name == "" {
		errs = append(errs, errors.New("a name is required"))
	}
	if role := name + "-" + svc.Name + "-execution"; !spec.FitsAutoname(role, spec.IAMRoleNameMax) {
		errs = append(errs, fmt.Errorf("role name %q plus Pulumi's suffix is longer than IAM's %d characters", role, spec.IAMRoleNameMax))
	}
	add("", spec.CheckImageSource(svc.Image, svc.ImageTag))
	if svc.Image != "" {
		_, _, err := spec.ResolveImage(svc.Image, a.Cluster.placement.cachePrefixes)
		add("Image", err)
	}
	if svc.CPU <= 0 || svc.MemoryMiB <= 0 {
		errs = append(errs, errors.New("CPU and MemoryMiB are required"))
	}
	add("Port", spec.CheckPort(svc.Port))
	add(spec.CheckCounts([3]string{"MinCount", "DesiredCount", "MaxCount"}, "task", svc.MinCount, svc.DesiredCount, svc.MaxCount))
	add("TargetCPUPercent", spec.CheckPercent(svc.TargetCPUPercent))
	add("HealthCheckPath", spec.CheckHealthCheckPath(svc.OnPrem, svc.HealthCheckPath))
	add("", spec.CheckExecRoot(svc.Exec, svc.ReadonlyRoot()))
	add("", spec.CheckPlacement(svc.OnPrem, a.Cluster.placement.anywhere))
	if svc.ImageTag != "" && a.Settings.ECR.KeepImages < 1 {
		errs = append(errs, errors.New("it has its own repository: ECR.KeepImages must be at least 1"))
	}
	if svc.Database && !a.Database.complete() {
		errs = append(errs, errors.New("it uses the database: Database with its address, port, name and resource id is required"))
	}
	reach, _, err := svc.Files.Grants()
	add("Files", err)
	add("FilesPrefix", spec.CheckFilesPrefix(svc.Files, svc.FilesPrefix))
	if reach && (a.FileBucketARN == nil || a.FileBucketKeyARN == nil) {
		errs = append(errs, errors.New("it uses the file bucket: FileBucketARN and FileBucketKeyARN are required"))
	}
	return errors.Join(errs...)
}

// NewServices declares every service: its repository, logs, roles, task definition, ECS service and
// autoscaling, plus a target group and listener rule for those in AWS.
func NewServices(ctx *pulumi.Context, name string, args *ServicesArgs, opts ...pulumi.ResourceOption) (*Services, error) {
	if args == nil {
		return nil, fmt.Errorf("compute: services %s: args are required", name)
	}
	if err := args.validate(name); err != nil {
		return nil, fmt.Errorf("compute: services %s: %w", name, err)
	}
	s := &Services{RepositoryURLs: map[string]pulumi.StringOutput{}, DeployedTaskDefinitions: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource(ServicesType, name, s, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(s)

	services := args.Settings.list()
	if err := openServicePorts(ctx, name, services, args.Cluster.placement, parent); err != nil {
		return nil, err
	}
	for _, svc := range services {
		if err := s.declareService(ctx, name, svc, args, parent); err != nil {
			return nil, err
		}
	}

	// The deployed revisions are registered so their check runs in every up.
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{"repositoryUrls": pulumi.ToStringMapOutput(s.RepositoryURLs),
		"deployedTaskDefinitions": pulumi.ToStringMapOutput(s.DeployedTaskDefinitions)}); err != nil {
		return nil, err
	}
	return s, nil
}

// servicePorts are the distinct container ports of the services behind the load balancer, sorted.
func servicePorts(services []namedService) []int {
	var ports []int
	for _, s := range services {
		if !s.OnPrem {
			ports = append(ports, s.Port)
		}
	}
	return sortedUnique(ports)
}

// openServicePorts lets the load balancer reach the tasks on each service port, and nothing else.
func openServicePorts(ctx *pulumi.Context, name string, services []namedService, p placement, parent pulumi.ResourceOption) error {
	for _, port := range servicePorts(services) {
		n := strconv.Itoa(port)
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-tasks-"+n+"-from-alb", &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           p.taskSecurityGroupID,
			Description:               pulumi.String("Container port " + n + " from the load balancer"),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			ReferencedSecurityGroupId: p.albSecurityGroupID,
		}, parent); err != nil {
			return err
		}
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-alb-"+n+"-to-tasks", &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId:           p.albSecurityGroupID,
			Description:               pulumi.String("Container port " + n + " of the tasks"),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			ReferencedSecurityGroupId: p.taskSecurityGroupID,
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
