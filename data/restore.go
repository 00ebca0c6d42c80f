package data

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// RestoreRoleName is the logical name of the restore role of the Backup component called backup: the keys
// of the resources it restores, declared before it, name it by this (keys.RolePattern).
func RestoreRoleName(backup string) string { return backup + "-restore" }

// Restore actions: the RDS and S3 parts of AWS's AWSBackupServiceRolePolicyForRestores and
// AWSBackupServiceRolePolicyForS3Restore (AWS managed policy reference), without the other services'.
var (
	rdsRestoreActions = []string{"rds:DescribeDBInstances", "rds:DescribeDBSnapshots", "rds:ListTagsForResource", "rds:AddTagsToResource",
		"rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBInstanceToPointInTime", "rds:DeleteDBInstance"}
	s3RestoreBucketActions = []string{"s3:CreateBucket", "s3:ListBucketVersions", "s3:ListBucket", "s3:GetBucketVersioning",
		"s3:GetBucketLocation", "s3:PutBucketVersioning", "s3:PutBucketOwnershipControls", "s3:GetBucketOwnershipControls"}
	s3RestoreObjectActions = []string{"s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:PutObjectVersionAcl", "s3:GetObjectVersionAcl",
		"s3:GetObjectTagging", "s3:PutObjectTagging", "s3:GetObjectAcl", "s3:PutObjectAcl", "s3:ListMultipartUploadParts"}
)

// RestorePolicy is the restore role's own policy: restore RDS instances and S3 objects in this account
// (regions: the stack's and the DR region's), never delete the backed-up database (a restore makes a new
// instance; RDS's DeleteDBInstance is there for AWS Backup to clean up a failed one), and no object deletes.
// It holds no KMS statement: the keys' own policies grant it their use (only through RDS, S3 and AWS Backup).
func RestorePolicy(partition, account string, regions, resources []string) (string, error) {
	var rds, databases []string
	for _, region := range regions {
		rds = append(rds, fmt.Sprintf("arn:%s:rds:%s:%s:*", partition, region, account))
	}
	for _, arn := range resources {
		if strings.HasPrefix(arn, "arn:"+partition+":rds:") {
			databases = append(databases, arn)
		}
	}
	thisAccount := map[string]any{"StringEquals": map[string]any{"aws:ResourceAccount": account}}
	statements := []iamdoc.Statement{
		{"Sid": "RestoreDatabasesInThisAccount", "Effect": "Allow", "Action": rdsRestoreActions, "Resource": rds},
		{"Sid": "RestoreBucketsOfThisAccount", "Effect": "Allow", "Action": s3RestoreBucketActions,
			"Resource": "arn:" + partition + ":s3:::*", "Condition": thisAccount},
		{"Sid": "RestoreObjectsOfThisAccount", "Effect": "Allow", "Action": s3RestoreObjectActions,
			"Resource": "arn:" + partition + ":s3:::*/*", "Condition": thisAccount},
	}
	if len(databases) > 0 {
		statements = append(statements, iamdoc.Statement{"Sid": "NeverDeleteTheBackedUpDatabase", "Effect": "Deny",
			"Action": "rds:DeleteDBInstance", "Resource": databases})
	}
	return iamdoc.JSON(statements...)
}

// restoreRole is the role operators pass to start-restore-job (--iam-role-arn): apart from the backup
// role, so the role that runs every scheduled job cannot create resources, and the role that restores
// holds no backup permission. Like the backup role, its trust has no condition: AWS Backup sends no source
// keys when it assumes a service role (iamdoc.AssumeRole; rule iam-trust-source-conditions).
func restoreRole(ctx *pulumi.Context, name string, args *BackupArgs, parent pulumi.ResourceOption) (*iam.Role, error) {
	roleName := RestoreRoleName(name)
	role, err := iam.NewRole(ctx, roleName, &iam.RoleArgs{
		Description:      pulumi.String("Runs the restore jobs of " + name + " (aws backup start-restore-job --iam-role-arn)"),
		AssumeRolePolicy: iamdoc.AssumeRole("backup.amazonaws.com", args.AccountID),
	}, parent)
	if err != nil {
		return nil, err
	}
	regions := []string{args.Region}
	if args.DRProvider != nil {
		regions = append(regions, args.Settings.DRRegion)
	}
	inputs := append([]any{args.AccountID}, resourceInputs(args.Resources)...)
	policy := pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		var arns []string
		for _, r := range v[1:] {
			arns = append(arns, r.(string))
		}
		return RestorePolicy(args.Partition, v[0].(string), regions, arns)
	}).(pulumi.StringOutput)
	_, err = iam.NewRolePolicy(ctx, roleName, &iam.RolePolicyArgs{Role: role.Name, Policy: policy}, parent)
	return role, err
}

// resourceInputs are the backed-up resources' ARNs as pulumi.All inputs.
func resourceInputs(resources []pulumi.StringInput) []any {
	out := make([]any, len(resources))
	for i, r := range resources {
		out[i] = r
	}
	return out
}
