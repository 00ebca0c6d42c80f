// Package keys declares the customer-managed KMS keys of the components, all with the same safe settings.
package keys

import (
	"fmt"

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
		"Principal": map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, accountID)},
		"Action":    "kms:*",
		"Resource":  "*",
	}
}
