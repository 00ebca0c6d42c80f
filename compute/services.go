package compute

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ServicesArgs configures Services.
type ServicesArgs struct {
	// Cluster is where the services run; its Protect also protects their ECR repositories and keeps their
	// log groups through a destroy. Required.
	Cluster *Cluster
	// Services are the applications. Optional (none: nothing is declared but the component).
	Services []Service
	// KeepImages is how many images each ECR repository keeps (older ones expire). Required when a service
	// uses ImageTag.
	KeepImages int
	// LogRetentionDays is how long the services' logs are kept. Required.
	LogRetentionDays int
	// DatabaseSecretArn is the database's RDS-managed master secret and DatabaseKeyArn the key it is
	// encrypted with. Required when a service has Database.
	DatabaseSecretArn pulumi.StringInput
	DatabaseKeyArn    pulumi.StringInput
	// FileBucketArn is the file bucket and FileBucketKmsKeyArn its key. Required when a service has file
	// access.
	FileBucketArn       pulumi.StringInput
	FileBucketKmsKeyArn pulumi.StringInput
}

// Services is every configured service of a cluster.
type Services struct {
	pulumi.ResourceState

	// RepositoryURLs maps each service that has its own ECR repository (ImageTag) to the repository's URL,
	// where CI pushes its images.
	RepositoryURLs map[string]pulumi.StringOutput
}

func (a *ServicesArgs) validate(name string) error {
	if a.Cluster == nil {
		return errors.New("a cluster is required")
	}
	var errs []error
	if a.LogRetentionDays <= 0 {
		errs = append(errs, errors.New("a log retention is required"))
	}
	seen := map[string]bool{}
	for _, s := range a.Services {
		if role := name + "-" + s.Name + "-execution"; !fitsAutoname(role, iamRoleNameMax) {
			errs = append(errs, fmt.Errorf("service %q: role name %q plus Pulumi's suffix is longer than IAM's %d characters", s.Name, role, iamRoleNameMax))
		}
		if err := s.validate(); err != nil {
			errs = append(errs, fmt.Errorf("service %q: %w", s.Name, err))
		}
		if seen[s.Name] {
			errs = append(errs, fmt.Errorf("service %q is declared twice", s.Name))
		}
		seen[s.Name] = true
		if s.ImageTag != "" && a.KeepImages < 1 {
			errs = append(errs, fmt.Errorf("service %q has its own repository: KeepImages must be at least 1", s.Name))
		}
		if s.Database && (a.DatabaseSecretArn == nil || a.DatabaseKeyArn == nil) {
			errs = append(errs, fmt.Errorf("service %q uses the database: DatabaseSecretArn and DatabaseKeyArn are required", s.Name))
		}
		if s.Files != "" && s.Files != FilesNone && (a.FileBucketArn == nil || a.FileBucketKmsKeyArn == nil) {
			errs = append(errs, fmt.Errorf("service %q uses the file bucket: FileBucketArn and FileBucketKmsKeyArn are required", s.Name))
		}
		if s.OnPrem && !a.Cluster.placement.anywhere {
			errs = append(errs, fmt.Errorf("service %q runs on premises: the cluster needs ECS Anywhere", s.Name))
		}
	}
	return errors.Join(errs...)
}

func (s Service) validate() error {
	var errs []error
	if s.Name == "" {
		errs = append(errs, errors.New("a name is required"))
	}
	if (s.Image == "") == (s.ImageTag == "") {
		errs = append(errs, errors.New("exactly one of Image and ImageTag is required"))
	}
	if s.CPU <= 0 || s.MemoryMiB <= 0 || s.Port < 1 || s.Port > 65535 {
		errs = append(errs, fmt.Errorf("cpu %d, memory %d MiB and port %d: want positive sizes and a port in 1-65535", s.CPU, s.MemoryMiB, s.Port))
	}
	if s.MinCount < 0 || s.MinCount > s.DesiredCount || s.DesiredCount > s.MaxCount || s.MaxCount < 1 {
		errs = append(errs, fmt.Errorf("counts min %d, desired %d, max %d: want 0 <= min <= desired <= max, max >= 1", s.MinCount, s.DesiredCount, s.MaxCount))
	}
	if s.TargetCPUPercent < 1 || s.TargetCPUPercent > 100 {
		errs = append(errs, fmt.Errorf("target CPU %d%%: want 1-100", s.TargetCPUPercent))
	}
	if s.Exec && s.ReadonlyRootFilesystem {
		errs = append(errs, errors.New("ECS Exec needs a writable root file system (its SSM agent writes there): turn ReadonlyRootFilesystem off or Exec off"))
	}
	if !s.OnPrem && s.HealthCheckPath == "" {
		errs = append(errs, errors.New("a health check path is required behind the load balancer"))
	}
	if s.Files != "" {
		if _, err := ParseFileAccess(string(s.Files)); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// NewServices declares every service: its repository, logs, roles, task definition, ECS service and
// autoscaling, plus a target group and listener rule for those in AWS.
func NewServices(ctx *pulumi.Context, name string, args *ServicesArgs, opts ...pulumi.ResourceOption) (*Services, error) {
	if args == nil {
		return nil, errors.New("compute: services args are required")
	}
	if err := args.validate(name); err != nil {
		return nil, fmt.Errorf("compute: services %s: %w", name, err)
	}
	s := &Services{RepositoryURLs: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource("hybridcloud:compute:Services", name, s, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(s)

	if err := openServicePorts(ctx, name, args, parent); err != nil {
		return nil, err
	}
	for _, svc := range args.Services {
		if err := s.declareService(ctx, name, svc, args, parent); err != nil {
			return nil, err
		}
	}

	urls := pulumi.StringMap{}
	for k, v := range s.RepositoryURLs {
		urls[k] = v
	}
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{"repositoryUrls": urls}); err != nil {
		return nil, err
	}
	return s, nil
}

// servicePorts are the distinct container ports of the services behind the load balancer, sorted.
func servicePorts(services []Service) []int {
	var ports []int
	for _, s := range services {
		if !s.OnPrem {
			ports = append(ports, s.Port)
		}
	}
	return sortedUnique(ports)
}

// openServicePorts lets the load balancer reach the tasks on each service port, and nothing else.
func openServicePorts(ctx *pulumi.Context, name string, args *ServicesArgs, parent pulumi.ResourceOption) error {
	c := args.Cluster
	for _, port := range servicePorts(args.Services) {
		p := strconv.Itoa(port)
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-tasks-"+p+"-from-alb", &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           c.TaskSecurityGroupID,
			Description:               pulumi.String("Container port " + p + " from the load balancer"),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			ReferencedSecurityGroupId: c.AlbSecurityGroupID,
		}, parent); err != nil {
			return err
		}
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-alb-"+p+"-to-tasks", &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId:           c.AlbSecurityGroupID,
			Description:               pulumi.String("Container port " + p + " of the tasks"),
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			ReferencedSecurityGroupId: c.TaskSecurityGroupID,
		}, parent); err != nil {
			return err
		}
	}
	return nil
}
