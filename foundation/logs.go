package foundation

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/keys"
)

// LogsKeyPolicy is the key policy of a CloudWatch Logs key: the administrators manage it, and only the Logs
// service of this region may use it, and only for this account's log groups (CloudWatch Logs user guide,
// "Encrypt log data in CloudWatch Logs using AWS KMS": the aws:logs:arn encryption context). Readers of the
// logs need no key permission: the service decrypts for them.
func LogsKeyPolicy(admins keys.Administration, partition, region, accountID string) (string, error) {
	return keys.Policy{
		Account:        accountID,
		Administrators: admins.Roles,
		BreakGlass:     admins.BreakGlass,
		Services: []keys.Service{{
			Sid:        "CloudWatchLogsUse",
			Principals: []string{"logs." + region + ".amazonaws.com"},
			Actions:    []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
			Conditions: map[string]any{"ArnLike": map[string]any{
				"kms:EncryptionContext:aws:logs:arn": fmt.Sprintf("arn:%s:logs:%s:%s:*", partition, region, accountID),
			}},
		}},
	}.JSON()
}

// Logs keys of the stack: audit records apart from application output, so whoever may read or manage the
// application logs does not reach the audit trail.
const (
	// auditLogsKey encrypts flow logs, DNS query logs, VPN tunnel logs, Session Manager and patch logs, RDS
	// exports and the gateway's audit logs.
	auditLogsKey = "-audit-logs"
	// appLogsKey encrypts the services' logs and ECS Exec session logs.
	appLogsKey = "-app-logs"
)

// declareLogsKeys declares the two logs keys.
func (b *Baseline) declareLogsKeys(ctx *pulumi.Context, name string, args *BaselineArgs, opts ...pulumi.ResourceOption) error {
	policy := pulumi.All(b.AccountID, b.KeyAdministratorARNs).ApplyT(func(v []any) (string, error) {
		return LogsKeyPolicy(keys.Administration{Roles: v[1].([]string), BreakGlass: args.Settings.BreakGlassRole}, b.Partition, args.Region, v[0].(string))
	}).(pulumi.StringOutput)
	protect := []pulumi.ResourceOption{pulumi.Protect(args.Settings.Protect), pulumi.RetainOnDelete(args.Settings.Protect)}
	audit, err := keys.New(ctx, name+auditLogsKey, "Encrypts the audit log groups of "+name, policy, append(opts, protect...)...)
	if err != nil {
		return err
	}
	app, err := keys.New(ctx, name+appLogsKey, "Encrypts the application log groups of "+name, policy, append(opts, protect...)...)
	if err != nil {
		return err
	}
	b.AuditLogsKeyARN, b.AppLogsKeyARN = audit.Arn, app.Arn
	return nil
}
