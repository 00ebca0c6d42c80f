package hybrid

import (
	"maps"
	"slices"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/logdelivery"
)

// tunnelLogs are a component's VPN tunnel log groups, by connection name, and the one delivery policy that
// lets AWS write to them.
type tunnelLogs struct {
	groups   map[string]*cloudwatch.LogGroup
	delivery pulumi.Resource
}

// declareTunnelLogs declares a log group per VPN connection of vpns (keyed by the VPN's name prefix) and,
// when there is any, one CloudWatch Logs resource policy for all of them. Site-to-Site VPN sends tunnel logs
// as vended logs through a log group resource policy, whose 5120-character limit its guide points out (AWS
// Site-to-Site VPN User Guide, "AWS Site-to-Site VPN logs"); without the policy AWS writes its own.
func declareTunnelLogs(ctx *pulumi.Context, name string, args *ConnectivityArgs, vpns map[string]VPN, parent pulumi.ResourceOption) (tunnelLogs, error) {
	logs := tunnelLogs{groups: map[string]*cloudwatch.LogGroup{}}
	var arns pulumi.StringArray
	for _, prefix := range slices.Sorted(maps.Keys(vpns)) {
		for _, router := range slices.Sorted(maps.Keys(vpns[prefix].CustomerGateways)) {
			gwName := prefix + "-" + router
			group, err := cloudwatch.NewLogGroup(ctx, gwName+"-tunnels", &cloudwatch.LogGroupArgs{
				RetentionInDays: pulumi.Int(args.Settings.TunnelLogRetentionDays),
				KmsKeyId:        args.LogsKeyARN,
			}, parent, pulumi.RetainOnDelete(args.Settings.Protect))
			if err != nil {
				return logs, err
			}
			logs.groups[gwName] = group
			arns = append(arns, group.Arn)
		}
	}
	if len(arns) == 0 {
		return logs, nil
	}
	var err error
	logs.delivery, err = logdelivery.New(ctx, name+"-tunnel-logs", logdelivery.Args{
		GroupARNs: arns, AccountID: args.AccountID, Partition: args.Partition, Region: args.Region,
	}, parent)
	return logs, err
}
