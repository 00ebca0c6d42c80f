// Package ecrtemplate declares the role ECR assumes to create repositories from a repository creation
// template that encrypts with a customer-managed key (pull-through cache and replication templates alike).
// ECR needs such a role whenever a template names a KMS key or resource tags (ECR User Guide, "Create an IAM
// role for repository creation templates"). The key's policy must name the role too, since the program's
// keys do not delegate to IAM: keys.RolePattern(partition, account, name) matches it.
package ecrtemplate

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// RoleArgs configure a creation role.
type RoleArgs struct {
	// Description says which templates use the role. Required.
	Description string
	// AccountID is the role's account, for its trust. Required.
	AccountID pulumi.StringInput
	// RepositoryARNs are the repositories (ARN patterns) the templates create. Required.
	RepositoryARNs pulumi.StringArrayInput
	// KeyARN is the key the templates encrypt with, and KeyRegion its region (the templates'). Required.
	KeyARN    pulumi.StringInput
	KeyRegion string
	// Replication adds ecr:ReplicateImage, which a replication template's role needs (ECR User Guide,
	// "Create a custom policy for repository creation templates").
	Replication bool
}

// Statements are the role's permissions: create and tag only the given repositories, and let ECR create
// the repository's grant on the key, for an AWS resource only, through ECR in the key's region; nothing
// else on the key (ECR User Guide, "Create a custom policy for repository creation templates": CreateGrant,
// RetireGrant, DescribeKey).
func Statements(repositoryARNs []string, keyARN, keyRegion string, replication bool) []iamdoc.Statement {
	actions := []string{"ecr:CreateRepository", "ecr:TagResource"}
	if replication {
		actions = append(actions, "ecr:ReplicateImage")
	}
	viaECR := map[string]any{"kms:ViaService": "ecr." + keyRegion + ".amazonaws.com"}
	grant := iamdoc.Allow([]string{"kms:CreateGrant"}, keyARN)
	grant["Condition"] = map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}, "StringEquals": viaECR}
	use := iamdoc.Allow([]string{"kms:RetireGrant", "kms:DescribeKey"}, keyARN)
	use["Condition"] = map[string]any{"StringEquals": viaECR}
	create := iamdoc.Allow(actions, repositoryARNs...)
	create["Sid"], grant["Sid"], use["Sid"] = "CreateTheTemplatesRepositories", "GrantECRTheKeyForThem", "DescribeTheKeyThroughECR"
	return []iamdoc.Statement{create, grant, use}
}

// KeyUser is the statement of the key's policy that lets the creation roles named (logical names, matched
// with keys.RolePattern) do what Statements allows, through ECR in region only.
func KeyUser(partition, account, region string, roles []string) keys.User {
	return keys.User{
		Sid: "ECRCreatesRepositoriesFromTemplates", PrincipalPatterns: keys.RolePatterns(partition, account, roles),
		Actions: []string{"kms:DescribeKey", "kms:RetireGrant"}, ViaServices: []string{"ecr." + region + ".amazonaws.com"},
		Grants: true,
	}
}

// RepositoryARN is the ARN of a repository (or a pattern of them) in an account's registry of a region.
func RepositoryARN(partition, region, account, repository string) string {
	return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + repository
}

// NewRole declares the role and its policy. A template must depend on the returned policy: ECR checks the
// role when the template is created.
func NewRole(ctx *pulumi.Context, name string, args RoleArgs, opts ...pulumi.ResourceOption) (*iam.Role, *iam.RolePolicy, error) {
	role, err := iam.NewRole(ctx, name, &iam.RoleArgs{
		Description:      pulumi.String(args.Description),
		AssumeRolePolicy: iamdoc.AssumeRole("ecr.amazonaws.com", args.AccountID),
	}, opts...)
	if err != nil {
		return nil, nil, err
	}
	doc := pulumi.All(args.RepositoryARNs, args.KeyARN).ApplyT(func(v []any) (string, error) {
		return iamdoc.JSON(Statements(v[0].([]string), v[1].(string), args.KeyRegion, args.Replication)...)
	}).(pulumi.StringOutput)
	policy, err := iam.NewRolePolicy(ctx, name, &iam.RolePolicyArgs{Role: role.Name, Policy: doc}, opts...)
	return role, policy, err
}
