package keys

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// Actions of a key's duties. Administration leaves out kms:Create* (which includes CreateGrant) and every
// cryptographic action, so an administrator cannot use the key or grant itself its use (KMS developer guide,
// "Default key policy": "kms:Create* allows kms:CreateAlias and kms:CreateGrant").
var (
	administrationActions = []string{
		"kms:CreateAlias", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
		"kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
		"kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
	}
	// UseActions are what a user of a symmetric key needs to encrypt and decrypt.
	UseActions = []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"}
	// grantActions let an AWS service keep using the key for a resource it manages (an RDS instance, an
	// EBS volume, an ECR repository), only on an AWS resource's behalf.
	grantActions = []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}
	// destructiveActions make everything the key encrypted unreadable; only the break-glass role may.
	destructiveActions = []string{"kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DeleteImportedKeyMaterial"}
)

// Policy is a key policy that separates duties. Administrators manage the key and cannot use it; users use
// it only through the AWS services named; AWS service principals use it under the conditions AWS documents;
// nothing delegates the key to IAM policies, so no IAM policy in the account, however broad, reaches it.
type Policy struct {
	// Account is the AWS account id, the account users call from (kms:CallerAccount) unless a user names
	// another. Required.
	Account string
	// Administrators manage the key: its policy, rotation, tags, alias and deletion. Required. The deploying
	// role must be among them, or the next deployment cannot update the key (and KMS refuses a policy that
	// would lock the caller out). They may also let AWS services create grants for resources they deploy
	// (RDS, ECR and AWS Backup do so on the caller's behalf), never use the key themselves.
	Administrators []string
	// Users use the key for cryptography. Optional.
	Users []User
	// Services are AWS service principals that use the key themselves (CloudWatch Logs, SNS publishers).
	// Optional.
	Services []Service
	// BreakGlass, when set, is the only principal that may schedule the key's deletion or disable it: one
	// compromised administrator cannot then destroy what the key protects. Optional.
	BreakGlass string
}

// Administration is who administers the stack's keys, as the foundation resolves it: the administrator
// roles (the deploying role among them) and the optional break-glass role. Components receive it as wiring
// and pass it to every key policy they build.
type Administration struct {
	Roles      []string
	BreakGlass string
}

// User grants roles cryptographic use of the key through AWS services.
type User struct {
	// Sid names the statement. Required, unique in the policy.
	Sid string
	// Principals are the IAM role ARNs. KMS refuses a key policy naming a principal that does not exist, so
	// roles declared after the key are named by PrincipalPatterns instead. One of the two is required.
	Principals []string
	// PrincipalPatterns match the users' role ARNs (aws:PrincipalArn, ArnLike) under Principal "*", held to
	// this account by kms:CallerAccount: for roles declared after the key (RolePattern). Optional.
	PrincipalPatterns []string
	// Actions default to UseActions; a reader needs only kms:Decrypt.
	Actions []string
	// ViaServices are the service endpoints the key is used through ("s3.us-east-1.amazonaws.com").
	// Required unless Direct.
	ViaServices []string
	// Direct users call KMS themselves, as AWS documents for them: the SSM agent decrypting Session Manager
	// and ECS Exec channels, EC2 Auto Scaling's service-linked role for the volumes it creates. Their
	// statement has no kms:ViaService condition.
	Direct bool
	// Conditions are added to the kms:ViaService and kms:CallerAccount ones (an encryption context, say).
	Conditions map[string]any
	// Grants also lets the users create grants for AWS resources (kms:GrantIsForAWSResource), which
	// services such as EBS through Auto Scaling need.
	Grants bool
	// CallerAccount is the account the users call from when it is not the key's (kms:CallerAccount): a
	// separate backup account copying what the key encrypts. Default: Policy.Account.
	CallerAccount string
}

// Service grants an AWS service principal use of the key.
type Service struct {
	// Sid names the statement. Required, unique in the policy.
	Sid string
	// Principals are the service principals ("logs.us-east-1.amazonaws.com"). Required.
	Principals []string
	// Actions the service takes on the key. Required.
	Actions []string
	// Conditions limit the use to this account's resources (aws:SourceAccount, an encryption context).
	// Required: AWS documents one for every service this program lets use a key.
	Conditions map[string]any
}

func (p Policy) validate() error {
	var errs []error
	if p.Account == "" || len(p.Administrators) == 0 {
		errs = append(errs, errors.New("an account and at least one administrator are required"))
	}
	var sids []string
	for _, u := range p.Users {
		if u.Sid == "" || len(u.Principals)+len(u.PrincipalPatterns) == 0 || len(u.ViaServices) == 0 && !u.Direct {
			errs = append(errs, fmt.Errorf("user %q: a Sid, principals and the services it uses the key through are required", u.Sid))
		}
		sids = append(sids, u.Sid)
	}
	for _, s := range p.Services {
		if s.Sid == "" || len(s.Principals) == 0 || len(s.Actions) == 0 || len(s.Conditions) == 0 {
			errs = append(errs, fmt.Errorf("service %q: a Sid, principals, actions and conditions are required", s.Sid))
		}
		sids = append(sids, s.Sid)
	}
	for i, sid := range sids {
		if slices.Index(sids, sid) < i {
			errs = append(errs, fmt.Errorf("statement %q is named twice", sid))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("keys: policy: %w", err)
	}
	return nil
}

// JSON renders the policy document.
func (p Policy) JSON() (string, error) {
	if err := p.validate(); err != nil {
		return "", err
	}
	admins := map[string]any{"AWS": p.Administrators}
	statements := []iamdoc.Statement{
		{"Sid": "KeyAdministration", "Effect": "Allow", "Principal": admins, "Action": administrationActions, "Resource": "*"},
		{"Sid": "AdministratorsLetAWSServicesUseTheKeyForTheirResources", "Effect": "Allow", "Principal": admins,
			"Action": grantActions, "Resource": "*",
			"Condition": map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}}},
	}
	for _, u := range p.Users {
		statements = append(statements, u.statements(p.Account)...)
	}
	for _, s := range p.Services {
		statements = append(statements, iamdoc.Statement{
			"Sid": s.Sid, "Effect": "Allow", "Principal": map[string]any{"Service": s.Principals},
			"Action": s.Actions, "Resource": "*", "Condition": s.Conditions,
		})
	}
	if p.BreakGlass != "" {
		statements = append(statements, iamdoc.Statement{
			"Sid": "OnlyBreakGlassDestroysTheKey", "Effect": "Deny", "Principal": map[string]any{"AWS": "*"},
			"Action": destructiveActions, "Resource": "*",
			"Condition": map[string]any{"ArnNotEquals": map[string]any{"aws:PrincipalArn": p.BreakGlass}},
		})
	}
	return iamdoc.JSON(statements...)
}

func (u User) statements(account string) []iamdoc.Statement {
	actions := u.Actions
	if len(actions) == 0 {
		actions = UseActions
	}
	if u.CallerAccount != "" {
		account = u.CallerAccount
	}
	via := map[string]any{"kms:CallerAccount": account}
	if !u.Direct {
		via["kms:ViaService"] = u.ViaServices
	}
	condition := map[string]any{"StringEquals": via}
	for k, v := range u.Conditions {
		condition[k] = v
	}
	var principal any = map[string]any{"AWS": u.Principals}
	if len(u.PrincipalPatterns) > 0 {
		principal = map[string]any{"AWS": "*"}
		like, _ := condition["ArnLike"].(map[string]any)
		like = maps.Clone(like)
		if like == nil {
			like = map[string]any{}
		}
		like["aws:PrincipalArn"] = append(slices.Clone(u.Principals), u.PrincipalPatterns...)
		condition["ArnLike"] = like
	}
	out := []iamdoc.Statement{{"Sid": u.Sid, "Effect": "Allow", "Principal": principal, "Action": actions, "Resource": "*", "Condition": condition}}
	if u.Grants {
		grants := map[string]any{"Bool": map[string]any{"kms:GrantIsForAWSResource": true}, "StringEquals": via}
		if like, ok := condition["ArnLike"].(map[string]any); ok && len(u.PrincipalPatterns) > 0 {
			grants["ArnLike"] = map[string]any{"aws:PrincipalArn": like["aws:PrincipalArn"]}
		}
		out = append(out, iamdoc.Statement{
			"Sid": u.Sid + "Grants", "Effect": "Allow", "Principal": principal, "Action": grantActions, "Resource": "*",
			"Condition": grants,
		})
	}
	return out
}

// RolePattern matches the ARN of a role Pulumi names after its logical name (name-<random suffix>), for a
// key policy written before the role exists.
func RolePattern(partition, account, name string) string {
	return fmt.Sprintf("arn:%s:iam::%s:role/%s-*", partition, account, name)
}

// RolePatterns is RolePattern for each of names.
func RolePatterns(partition, account string, names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, RolePattern(partition, account, n))
	}
	return out
}
