package foundation

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Type is the type token of the Baseline component.
const Type = "hybridcloud:foundation:Baseline"

// BaselineArgs configures a Baseline.
type BaselineArgs struct {
	// Settings are the foundation's own settings. Required.
	Settings Settings
	// Region is the stack's AWS region (aws:region): ARNs and service principals in policies name it.
	// Required.
	Region string
}

// Baseline is what every other component of the stack uses: the logs key, the operations topic and the
// account identity. It is declared first.
type Baseline struct {
	pulumi.ResourceState

	// AccountID is the AWS account the stack deploys into, as the provider's credentials see it.
	AccountID pulumi.StringOutput
	// Partition and Region place ARNs ("aws", "us-east-1").
	Partition, Region string
	// KeyAdministratorARNs administer every customer key of the stack: the configured administrators and
	// the deploying role (the role behind the deployment's credentials). BreakGlassRoleARN alone may
	// destroy keys and backups; empty when not configured.
	KeyAdministratorARNs pulumi.StringArrayOutput
	BreakGlassRoleARN    string
	// AuditLogsKeyARN encrypts the audit log groups (flow logs, DNS queries, VPN tunnels, sessions and
	// patch runs, RDS exports, the gateway's audit log); AppLogsKeyARN the services' and ECS Exec logs.
	AuditLogsKeyARN pulumi.StringOutput
	AppLogsKeyARN   pulumi.StringOutput
	// OperationsTopicARN is the KMS-encrypted SNS topic every alarm and failed backup notifies.
	OperationsTopicARN pulumi.StringOutput
}

func (a *BaselineArgs) validate() error {
	var errs []error
	if a.Region == "" {
		errs = append(errs, errors.New("the region is required"))
	}
	if len(a.Settings.AlarmEmails) == 0 {
		errs = append(errs, errors.New("at least one alarm email is required, or nobody hears an alarm"))
	}
	return errors.Join(errs...)
}

// administrators is the deploying role and the configured administrators, each once, sorted: the order of
// the stack file must not change a key policy.
func administrators(deployer string, configured []string) []string {
	out := append([]string{deployer}, configured...)
	slices.Sort(out)
	return slices.Compact(out)
}

// NewBaseline declares the stack's foundation. opts must carry the stack's provider, which the account
// lookup uses too.
func NewBaseline(ctx *pulumi.Context, name string, args *BaselineArgs, opts ...pulumi.ResourceOption) (*Baseline, error) {
	if args == nil {
		return nil, fmt.Errorf("foundation: baseline %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("foundation: baseline %s: %w", name, err)
	}
	b := &Baseline{Partition: Partition(args.Region), Region: args.Region, BreakGlassRoleARN: args.Settings.BreakGlassRole}
	if err := ctx.RegisterComponentResource(Type, name, b, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(b)
	caller := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent)
	b.AccountID = caller.AccountId()
	// The credentials are usually an assumed-role session: the key policies name the role behind it.
	deployer := iam.GetSessionContextOutput(ctx, iam.GetSessionContextOutputArgs{Arn: caller.Arn()}, parent).IssuerArn()
	b.KeyAdministratorARNs = deployer.ApplyT(func(role string) []string {
		return administrators(role, args.Settings.KeyAdministrators)
	}).(pulumi.StringArrayOutput)

	if err := b.declareLogsKeys(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := b.declareOperationsTopic(ctx, name, args, parent); err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(b, pulumi.Map{
		"accountId":            b.AccountID,
		"keyAdministratorArns": b.KeyAdministratorARNs,
		"auditLogsKeyArn":      b.AuditLogsKeyARN,
		"appLogsKeyArn":        b.AppLogsKeyARN,
		"operationsTopicArn":   b.OperationsTopicARN,
	}); err != nil {
		return nil, err
	}
	return b, nil
}
