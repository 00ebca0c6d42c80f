package compute

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/dbuser"
	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// declareExecutionRole declares the role ECS uses to start the service's tasks, with exactly the access
// executionStatements grants.
// executionRefs are the resources an execution role is scoped to: the service's own repository or its
// pull-through cache repository ("" when the image comes from the other), and its log group.
type executionRefs struct {
	repositoryARN, cachedRepositoryARN, logGroupARN pulumi.StringOutput
}

func declareExecutionRole(ctx *pulumi.Context, prefix string, svc namedService, refs executionRefs, args *ServicesArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	p := args.Cluster.placement
	role, err := iam.NewRole(ctx, prefix+executionRoleSuffix, &iam.RoleArgs{
		Description:      pulumi.String("Starts " + prefix + " tasks: image pull, logs, secrets"),
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("ecs-tasks.amazonaws.com", p.accountID, p.taskSource()),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	doc := pulumi.All(refs.repositoryARN, refs.logGroupARN, refs.cachedRepositoryARN).ApplyT(func(v []any) (string, error) {
		secrets := make([]string, 0, len(svc.Secrets))
		for _, arn := range svc.Secrets {
			secrets = append(secrets, arn)
		}
		return iamdoc.JSON(executionStatements(executionAccess{
			RepositoryARN: v[0].(string), CachedRepositoryARN: v[2].(string), LogGroupARN: v[1].(string), Secrets: secrets,
		})...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, prefix+"-execution", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	if err != nil {
		return nil, nil, err
	}
	return role, policy, nil
}

// declareTaskRole declares the application's own role, with the file, database and ECS Exec access
// taskStatements grants; a service that needs none gets a role with no permissions (and a nil policy).
func declareTaskRole(ctx *pulumi.Context, prefix string, svc namedService, args *ServicesArgs, parent pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	p := args.Cluster.placement
	role, err := iam.NewRole(ctx, prefix+taskRoleSuffix, &iam.RoleArgs{
		Description:      pulumi.String("The " + prefix + " application"),
		AssumeRolePolicy: iamdoc.AssumeRoleFrom("ecs-tasks.amazonaws.com", p.accountID, p.taskSource()),
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	files, _, err := svc.Files.Grants()
	if err != nil {
		return nil, nil, err
	}
	if !files && !svc.Exec && !svc.Database {
		return role, nil, nil
	}
	bucket, bucketKey := pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if files {
		bucket, bucketKey = orEmpty(args.FileBucketARN), orEmpty(args.FileBucketKeyARN)
	}
	dbResource := pulumi.String("").ToStringOutput()
	if svc.Database {
		dbResource = args.Database.ResourceID.ToStringOutput()
	}
	doc := pulumi.All(bucket, bucketKey, p.execLogGroupARN, p.execKeyARN, p.accountID, dbResource).ApplyT(func(v []any) (string, error) {
		var dbUser string
		if svc.Database {
			dbUser = dbUserARN(p.partition, p.region, v[4].(string), v[5].(string), dbuser.Name(svc.Name))
		}
		statements, err := taskStatements(taskAccess{
			Files: svc.Files, FilesPrefix: svc.FilesPrefix, BucketARN: v[0].(string), BucketKeyARN: v[1].(string), Region: p.region,
			Exec: svc.Exec, ExecLogGroupARN: v[2].(string), ExecKeyARN: v[3].(string),
			DatabaseUserARN: dbUser,
		})
		if err != nil {
			return "", err
		}
		return iamdoc.JSON(statements...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, prefix+"-task", &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, parent)
	return role, policy, err
}

// taskRoleSuffix and executionRoleSuffix name a service's roles after the service.
const (
	taskRoleSuffix      = "-task"
	executionRoleSuffix = "-execution"
)

// ExecutionRoleName is the logical name of a service's execution role in the Services component
// servicesName, for the database key's policy (the execution role reads the database secret).
func ExecutionRoleName(servicesName, service string) string {
	return servicesName + "-" + service + executionRoleSuffix
}

// TaskRoleName is the logical name of a service's task role in the Services component servicesName, for the
// key policies written before the role exists (ClusterArgs.ExecTaskRoles, the file bucket's key users).
func TaskRoleName(servicesName, service string) string {
	return servicesName + "-" + service + taskRoleSuffix
}

// taskSource is what ECS acts for when it assumes a service's roles: this account's ECS in the region (ECS
// developer guide, "Amazon ECS task IAM role": aws:SourceArn arn:aws:ecs:<region>:<account>:* beside
// aws:SourceAccount).
func (p placement) taskSource() pulumi.StringOutput {
	return pulumi.Sprintf("arn:%s:ecs:%s:%s:*", p.partition, p.region, p.accountID)
}
