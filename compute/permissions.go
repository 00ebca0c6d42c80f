package compute

import (
	"cmp"
	"slices"
	"strings"

	"github.com/insurance/hybridcloud/compute/spec"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// executionAccess is what the ECS agent needs, as the task's execution role, to start one service's task.
type executionAccess struct {
	// RepositoryARN is the service's ECR repository; "" for an image pulled through the cache.
	RepositoryARN string
	// CachedRepositoryARN is the pull-through cache repository of the service's upstream image; "" for an
	// image of the service's own repository.
	CachedRepositoryARN string
	// LogGroupARN is the service's log group.
	LogGroupARN string
	// Secrets are the secret ARNs of the container definition (valueFrom), database ones included.
	Secrets []string
	// DatabaseKeyARN encrypts the database secret; "" when the service has no database access.
	DatabaseKeyARN string
	// Region is where the secrets live, for the key's via-service condition.
	Region string
}

// executionStatements grant exactly that: pull from its repository, write to its log group, read its
// secrets and nothing else.
func executionStatements(a executionAccess) []iamdoc.Statement {
	var out []iamdoc.Statement
	if a.RepositoryARN != "" {
		// GetAuthorizationToken has no resource-level permissions; the pull actions are scoped.
		out = append(out,
			iamdoc.Allow([]string{"ecr:GetAuthorizationToken"}, "*"),
			iamdoc.Allow([]string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}, a.RepositoryARN),
		)
	}
	if a.CachedRepositoryARN != "" {
		// The first pull of an image creates its cached repository and imports the image from upstream:
		// both need permissions beyond a pull (ECR User Guide, "IAM permissions required to sync an upstream
		// registry"), scoped to the image's own repository.
		out = append(out,
			iamdoc.Allow([]string{"ecr:GetAuthorizationToken"}, "*"),
			iamdoc.Allow([]string{"ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
				"ecr:BatchImportUpstreamImage", "ecr:CreateRepository"}, a.CachedRepositoryARN),
		)
	}
	out = append(out, iamdoc.Allow([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, a.LogGroupARN+":*"))

	var secrets, parameters []string
	for _, arn := range a.Secrets {
		if isParameterARN(arn) {
			parameters = append(parameters, arn)
		} else {
			secrets = append(secrets, secretARN(arn))
		}
	}
	if secrets = sortedUnique(secrets); len(secrets) > 0 {
		out = append(out, iamdoc.Allow([]string{"secretsmanager:GetSecretValue"}, secrets...))
	}
	if parameters = sortedUnique(parameters); len(parameters) > 0 {
		out = append(out, iamdoc.Allow([]string{"ssm:GetParameters"}, parameters...))
	}
	if a.DatabaseKeyARN != "" {
		// The database secret is encrypted with the database's own key: decrypt only through Secrets Manager.
		s := iamdoc.Allow([]string{"kms:Decrypt"}, a.DatabaseKeyARN)
		s["Condition"] = map[string]any{"StringEquals": map[string]any{"kms:ViaService": "secretsmanager." + a.Region + ".amazonaws.com"}}
		out = append(out, s)
	}
	return out
}

// taskAccess is what one service's application may do, as the task role.
type taskAccess struct {
	// Files is the access to the file bucket; BucketARN and BucketKeyARN are set unless it is FilesNone.
	Files                   spec.FileAccess
	BucketARN, BucketKeyARN string
	// Exec allows ECS Exec sessions, logged to ExecLogGroupARN and encrypted with ExecKeyARN.
	Exec                        bool
	ExecLogGroupARN, ExecKeyARN string
}

// taskStatements grant the application its file and ECS Exec access; nil when it needs none.
func taskStatements(a taskAccess) ([]iamdoc.Statement, error) {
	var out []iamdoc.Statement
	switch a.Files {
	case spec.FilesNone:
	case spec.FilesRead:
		out = append(out,
			iamdoc.Allow([]string{"s3:ListBucket"}, a.BucketARN),
			iamdoc.Allow([]string{"s3:GetObject"}, a.BucketARN+"/*"),
			iamdoc.Allow([]string{"kms:Decrypt"}, a.BucketKeyARN),
		)
	case spec.FilesWrite:
		out = append(out,
			iamdoc.Allow([]string{"s3:ListBucket"}, a.BucketARN),
			iamdoc.Allow([]string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}, a.BucketARN+"/*"),
			iamdoc.Allow([]string{"kms:Decrypt", "kms:GenerateDataKey"}, a.BucketKeyARN),
		)
	default:
		return nil, a.Files.Check()
	}
	if a.Exec {
		// The SSM message channels and log-group discovery have no resource-level permissions.
		out = append(out,
			iamdoc.Allow([]string{"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"}, "*"),
			iamdoc.Allow([]string{"logs:DescribeLogGroups"}, "*"),
			iamdoc.Allow([]string{"logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"}, a.ExecLogGroupARN+":*"),
			iamdoc.Allow([]string{"kms:Decrypt"}, a.ExecKeyARN),
		)
	}
	return out, nil
}

// isParameterARN says whether arn names an SSM parameter rather than a Secrets Manager secret.
func isParameterARN(arn string) bool { return strings.Contains(arn, ":parameter/") }

// secretARN is the secret a Secrets Manager valueFrom reads: the ARN without the optional
// :json-key:version-stage:version-id that ECS accepts after it (arn:partition:secretsmanager:region:account:secret:name).
func secretARN(valueFrom string) string {
	parts := strings.SplitN(valueFrom, ":", 8)
	if len(parts) < 7 {
		return valueFrom
	}
	return strings.Join(parts[:7], ":")
}

// sortedUnique sorts s and drops duplicates, so generated documents and resources never depend on order.
func sortedUnique[T cmp.Ordered](s []T) []T {
	slices.Sort(s)
	return slices.Compact(s)
}
