package foundation

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/iamdoc"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// LogsKeyPolicy is the key policy of the stack's CloudWatch Logs key: the account administers the key, and
// the Logs service of this region may use it only for this account's log groups.
func LogsKeyPolicy(partition, region, accountID string) (string, error) {
	return iamdoc.JSON(
		keys.AccountAdministers(partition, accountID),
		iamdoc.Statement{
			"Sid":       "CloudWatchLogsUse",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "logs." + region + ".amazonaws.com"},
			"Action":    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			"Resource":  "*",
			"Condition": map[string]any{
				"ArnLike": map[string]any{
					"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:%s:logs:%s:%s:*", partition, region, accountID),
				},
			},
		},
	)
}

// declareLogsKey declares the key every log group of the stack is encrypted with.
func (b *Baseline) declareLogsKey(ctx *pulumi.Context, name string, args *BaselineArgs, opts ...pulumi.ResourceOption) error {
	policy := b.AccountID.ApplyT(func(account string) (string, error) {
		return LogsKeyPolicy(b.Partition, args.Region, account)
	}).(pulumi.StringOutput)
	protect := []pulumi.ResourceOption{pulumi.Protect(args.Settings.Protect), pulumi.RetainOnDelete(args.Settings.Protect)}
	key, err := keys.New(ctx, name+"-logs", "Encrypts the CloudWatch log groups of "+name, policy, append(opts, protect...)...)
	if err != nil {
		return err
	}
	b.LogsKeyARN = key.Arn
	return nil
}
