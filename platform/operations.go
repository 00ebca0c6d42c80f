package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
)

// declareManagement puts the servers of both sides under Systems Manager; the cluster's hosts (EC2 and ECS
// Anywhere), registered by the cluster, follow the same session preferences.
func declareManagement(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	m := cfg.Management
	baselines := make([]hybrid.PatchBaseline, 0, len(m.PatchBaselines))
	for _, b := range m.PatchBaselines {
		baselines = append(baselines, hybrid.PatchBaseline{OperatingSystem: b.OperatingSystem, ApproveAfterDays: b.ApproveAfterDays,
			ComplianceLevel: b.ComplianceLevel, PatchGroups: b.PatchGroups})
	}
	activations := make([]hybrid.Activation, 0, len(m.Activations))
	for _, a := range m.Activations {
		activations = append(activations, hybrid.Activation{PatchGroup: a.PatchGroup, RegistrationLimit: a.RegistrationLimit,
			ExpiresOn: a.ExpiresOn, Windows: a.OperatingSystem == "WINDOWS"})
	}
	mgmt, err := hybrid.NewManagement(ctx, cfg.Stack+"-management", &hybrid.ManagementArgs{
		Activations:               activations,
		PatchBaselines:            baselines,
		PatchSchedule:             m.PatchWindow.Schedule,
		PatchDurationHours:        m.PatchWindow.DurationHours,
		PatchCutoffHours:          m.PatchWindow.CutoffHours,
		SessionIdleTimeoutMinutes: m.SessionIdleTimeoutMinutes,
		LogRetentionDays:          m.SessionLogRetentionDays,
		LogsKeyArn:                st.base.LogsKeyARN,
		ManagedRoleNames:          nodeRoles(cfg, st.cluster),
		Region:                    st.base.Region,
		AccountID:                 st.base.AccountID,
	}, opts...)
	st.management = mgmt
	return err
}
