package spec

import (
	"errors"
	"fmt"
	"regexp"
)

// PatchGroupTag is the tag Systems Manager Patch Manager reads a node's patch group from: the cluster puts
// it on its hosts and on its ECS Anywhere activation (which passes it to the hosts it registers).
const PatchGroupTag = "Patch Group"

// Names of the variables a service with database access gets: where the database is and the role it logs
// in as. There is no password: the service signs an IAM authentication token with its task role.
const (
	DatabaseHostVar = "DB_HOST"
	DatabasePortVar = "DB_PORT"
	DatabaseNameVar = "DB_NAME"
	DatabaseUserVar = "DB_USER"
)

// DatabaseVars are those variables' names, which a service's own environment and secrets may not use.
var DatabaseVars = []string{DatabaseHostVar, DatabasePortVar, DatabaseNameVar, DatabaseUserVar}

// CheckCounts checks a minimum, desired and maximum count of what ("host", "task"): 0 <= min <= desired <=
// max, and max >= 1. names are what the caller calls the three bounds (config: its stack-file keys, a
// component: its fields), so the message speaks the caller's language. It returns the name of the bound at
// fault with the error, or "" when min and max contradict each other.
func CheckCounts(names [3]string, what string, lo, desired, hi int) (string, error) {
	minName, desiredName, maxName := names[0], names[1], names[2]
	switch {
	case lo < 0:
		return minName, fmt.Errorf("%d is negative", lo)
	case hi < 1:
		return maxName, fmt.Errorf("%d: at least one %s is needed", hi, what)
	case lo > hi:
		return "", fmt.Errorf("%s %d is greater than %s %d", minName, lo, maxName, hi)
	case desired < lo || desired > hi:
		return desiredName, fmt.Errorf("%d is outside %s..%s (%d-%d)", desired, minName, maxName, lo, hi)
	}
	return "", nil
}

// CheckPercent checks a percentage target: 1 to 100.
func CheckPercent(percent int) error {
	if percent < 1 || percent > 100 {
		return fmt.Errorf("%d%% is outside 1-100", percent)
	}
	return nil
}

// CheckPort checks a TCP port: 1 to 65535.
func CheckPort(port int) error {
	if port < 1 || port > 65535 {
		return fmt.Errorf("%d is outside 1-65535", port)
	}
	return nil
}

// CheckImageSource checks that a service names its image exactly one way: a full reference pinned
// elsewhere (image), or a tag in the service's own repository (imageTag).
func CheckImageSource(image, tag string) error {
	switch {
	case image == "" && tag == "":
		return errors.New("set image (a pinned reference) or imageTag (a tag in the service's own repository)")
	case image != "" && tag != "":
		return errors.New("set image or imageTag, not both")
	}
	return nil
}

// CheckExecRoot checks that ECS Exec is not asked of a container with a read-only root file system: the
// SSM agent ECS Exec injects writes there, and AWS does not support the pair.
func CheckExecRoot(exec, readonlyRoot bool) error {
	if exec && readonlyRoot {
		return errors.New("ECS Exec does not work on a read-only root file system (its SSM agent writes there): turn off exec or readonlyRootFilesystem")
	}
	return nil
}

// maxHealthCheckPath is the longest path a target group probes.
const maxHealthCheckPath = 1024

var healthPattern = regexp.MustCompile(`^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$`)

// CheckHealthCheckPath checks what the load balancer probes: a path for a service in AWS, nothing for one
// on premises (no load balancer reaches it).
func CheckHealthCheckPath(onPrem bool, path string) error {
	switch {
	case onPrem && path != "":
		return errors.New("on-premises services have no load balancer to probe them")
	case !onPrem && (len(path) > maxHealthCheckPath || !healthPattern.MatchString(path)):
		return fmt.Errorf("%q is not a path the load balancer can probe (like /health)", path)
	}
	return nil
}

// CheckPlacement checks that a service on premises has somewhere to run: ECS Anywhere on its cluster.
func CheckPlacement(onPrem, anywhere bool) error {
	if onPrem && !anywhere {
		return errors.New("on-premises services need ECS Anywhere on the cluster (ecsAnywhere.enabled)")
	}
	return nil
}

// DeploymentPercents are the rolling-deployment bounds of a service (minimum healthy, maximum, as % of
// desired). In AWS a deployment starts new tasks before stopping old ones. On premises each host serves a
// service on a fixed port, so there is no room for extra tasks: half are replaced at a time, and a service
// that may run a single task is briefly down (ECS rounds the minimum up, so 50% of one task would never
// progress).
func DeploymentPercents(onPrem bool, minCount int) (minHealthy, maximum int) {
	switch {
	case !onPrem:
		return 100, 200
	case minCount <= 1:
		return 0, 100
	default:
		return 50, 100
	}
}
