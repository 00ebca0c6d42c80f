package rules

import (
	"slices"
	"strings"
)

// defaultDeniedManagedPolicies are the AWS-managed policies no role of the program may hold, unless policy
// config changes the list: administrator and power-user access, full S3 and IAM access, and the ECS
// container-instance policy whose ECS, ECR and Logs actions apply to every resource of the account.
var defaultDeniedManagedPolicies = []string{"AmazonEC2ContainerServiceforEC2Role", "AdministratorAccess", "PowerUserAccess",
	"AmazonS3FullAccess", "IAMFullAccess"}

// deniedPoliciesKey is the policy config property that replaces the deny list.
const deniedPoliciesKey = "deniedManagedPolicies"

// IamDeniedManagedPolicies refuses AWS-managed policies that give far more than a role of the platform
// needs, wherever they are attached: a role's managedPolicyArns, a role policy attachment or a policy
// attachment.
var IamDeniedManagedPolicies = Rule{
	ID: "iam-denied-managed-policies", Controls: []string{"custom (issue 21)", "AwsSolutions-IAM4"}, Severity: High,
	Description: "No role has an AWS-managed policy (arn:aws:iam::aws:policy/…) on the deny list attached (managedPolicyArns, aws:iam/rolePolicyAttachment, aws:iam/policyAttachment with roles). The list is policy config deniedManagedPolicies (policy names); it defaults to AmazonEC2ContainerServiceforEC2Role, AdministratorAccess, PowerUserAccess, AmazonS3FullAccess, IAMFullAccess.",
	Remediation: "replace the managed policy with a customer-managed policy scoped to the stack's resources",
	Types:       []string{iamRole, iamRolePolicyAttach, iamPolicyAttachment},
	Reads:       map[string][]string{iamRole: {"managedPolicyArns"}, iamRolePolicyAttach: {"policyArn"}, iamPolicyAttachment: {"policyArn", "roles"}},
	Config: map[string]map[string]any{deniedPoliciesKey: {"type": "array", "items": map[string]any{"type": "string"},
		"default": anySlice(defaultDeniedManagedPolicies)}},
	Resource: func(r Resource, f *Findings) {
		denied := deniedPolicies(r.Config)
		path := "policyArn"
		if r.Type == iamRole {
			path = "managedPolicyArns"
		}
		if r.Type == iamPolicyAttachment {
			if roles, _ := items(r.Get("roles")); len(roles) == 0 {
				return
			}
		}
		v := r.Get(path)
		arns, known := texts(v)
		if v.IsString() {
			arns = []string{v.AsString()}
		}
		if !known {
			f.Unknown(r, path)
		}
		for _, arn := range arns {
			if name, managed := awsManagedPolicy(arn); managed && slices.Contains(denied, name) {
				f.Fail(r, "%s attaches the AWS-managed %s, which is on the deny list", path, arn)
			}
		}
	},
}

// awsManagedPolicy returns the name of an AWS-managed policy ARN (any partition, any path).
func awsManagedPolicy(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[2] != "iam" || parts[4] != "aws" || !strings.HasPrefix(parts[5], "policy/") {
		return "", false
	}
	return parts[5][strings.LastIndex(parts[5], "/")+1:], true
}

// deniedPolicies reads the deny list from policy config, or the default.
func deniedPolicies(config map[string]any) []string {
	list, ok := config[deniedPoliciesKey].([]any)
	if !ok {
		return defaultDeniedManagedPolicies
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
