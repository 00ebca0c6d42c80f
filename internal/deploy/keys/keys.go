// Package keys declares the customer-managed KMS keys of the components, all with the same safe settings.
package keys

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
)

// deletionWindowDays is the longest window AWS allows: a key scheduled for deletion by mistake can be
// recovered for a month, and everything it encrypted with it.
const deletionWindowDays = 30

// New declares a symmetric key with yearly rotation and an alias/<name> alias. With no policy, the key
// keeps AWS's default policy: the account administers it and IAM policies grant its use.
func New(ctx *pulumi.Context, name, description string, policy pulumi.StringInput, opts ...pulumi.ResourceOption) (*kms.Key, error) {
	key, err := kms.NewKey(ctx, name, &kms.KeyArgs{
		Description:          pulumi.String(description),
		EnableKeyRotation:    pulumi.Bool(true),
		DeletionWindowInDays: pulumi.Int(deletionWindowDays),
		Policy:               policy,
	}, opts...)
	if err != nil {
		return nil, err
	}
	_, err = kms.NewAlias(ctx, name, &kms.AliasArgs{
		Name:        pulumi.String("alias/" + name),
		TargetKeyId: key.KeyId,
	}, opts...)
	return key, err
}

// AccountAdministers is the key-policy statement of AWS's default policy: the account administers the key
// and its IAM policies decide who uses it. A custom key policy starts with it, then grants services.
func AccountAdministers(partition, accountID string) iamdoc.Statement {
	return iamdoc.Statement{
		"Sid":       "AccountAdministers",
		"Effect":    "Allow",
		"Principal": map[string]any{"AWS": iamdoc.AccountRoot(partition, accountID)},
		"Action":    "kms:*",
		"Resource":  "*",
	}
}

// Admins is the key administration a component receives as wiring: the foundation's administrator roles
// (an output: the deploying role is resolved at deployment) and its break-glass role.
type Admins struct {
	// Roles are the administrator role ARNs (foundation.Baseline.KeyAdministratorARNs). Required.
	Roles pulumi.StringArrayInput
	// BreakGlass alone may destroy keys (foundation.Baseline.BreakGlassRoleARN). Optional.
	BreakGlass string
}

// Render builds a key policy once the account and the administrators are known: build receives both, and
// any outputs given in more, resolved, in order.
func (a Admins) Render(account pulumi.StringInput, build func(admins Administration, account string, more []any) (string, error), more ...any) pulumi.StringOutput {
	inputs := append([]any{account, a.Roles}, more...)
	return pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		return build(Administration{Roles: v[1].([]string), BreakGlass: a.BreakGlass}, v[0].(string), v[2:])
	}).(pulumi.StringOutput)
}

// Valid says whether the wiring is complete, for the components' argument checks.
func (a Admins) Valid() bool { return a.Roles != nil }
