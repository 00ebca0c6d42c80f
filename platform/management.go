package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
)

// declareManagement puts the servers of both sides under Systems Manager; the cluster's hosts (EC2 and ECS
// Anywhere), registered by the cluster, follow the same session preferences.
func declareManagement(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	mgmt, err := hybrid.NewManagement(ctx, cfg.Stack+"-management", &hybrid.ManagementArgs{
		Settings:         cfg.Management.ManagementSettings,
		LogsKeyARN:       st.base.AuditLogsKeyARN,
		ManagedRoleNames: nodeRoles(cfg, st.cluster),
		AccountID:        st.base.AccountID,
		Partition:        st.base.Partition,
		Region:           st.base.Region,
		Now:              st.now,
		KeyAdmins:        keyAdmins(st),
		ParameterPath:    parameterPath(cfg),
	}, opts...)
	st.management = mgmt
	return err
}

// parameterPath is the stack's own SSM parameter path, the only one (beside AWS's public /aws/) the nodes'
// roles may read.
func parameterPath(cfg *config.Config) string { return "/" + cfg.Project + "/" + cfg.Stack + "/" }
