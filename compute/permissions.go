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
	// RepositoryARN is the service's ECR repository; "" for an image pulled from elsewhere.
	RepositoryARN string
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
	// Files is the access to the file bucket under FilesPrefix; BucketARN and BucketKeyARN are set unless
	// it is FilesNone. Region is the bucket's, for the key's via-service condition.
	Files                   spec.FileAccess
	FilesPrefix             string
	BucketARN, BucketKeyARN string
	Region                  string
	// Exec allows ECS Exec sessions, logged to ExecLogGroupARN and encrypted with ExecKeyARN.
	Exec                        bool
	ExecLogGroupARN, ExecKeyARN string
}

// taskStatements grant the application its file and ECS Exec access; nil when it needs none. File access
// is its own prefix only: listing under it, reading, and with write putting objects, never deleting them
// (a put over an existing key makes a new version; the bucket keeps the old ones from all but the
// break-glass role). The bucket key is used only through S3.
func taskStatements(a taskAccess) ([]iamdoc.Statement, error) {
	var out []iamdoc.Statement
	reach, write, err := a.Files.Grants()
	if err != nil {
		return nil, err
	}
	if reach {
		list := iamdoc.Allow([]string{"s3:ListBucket"}, a.BucketARN)
		list["Sid"] = "ListOwnPrefix"
		list["Condition"] = map[string]any{"StringLike": map[string]any{"s3:prefix": a.FilesPrefix + "*"}}
		objects, keyUse := []string{"s3:GetObject"}, []string{"kms:Decrypt"}
		if write {
			objects, keyUse = append(objects, "s3:PutObject"), append(keyUse, "kms:GenerateDataKey")
		}
		own := iamdoc.Allow(objects, a.BucketARN+"/"+a.FilesPrefix+"*")
		own["Sid"] = "OwnPrefixObjects"
		key := iamdoc.Allow(keyUse, a.BucketKeyARN)
		key["Sid"] = "BucketKeyThroughS3"
		key["Condition"] = map[string]any{"StringEquals": map[string]any{"kms:ViaService": "s3." + a.Region + ".amazonaws.com"}}
		out = append(out, list, own, key)
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
