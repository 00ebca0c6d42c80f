package platform

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/compute"
	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/data"
	"github.com/insurance/hybridcloud/foundation"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/internal/deploy/keys"
	"github.com/insurance/hybridcloud/network"
)

// Program returns the program body. now is the deployment's clock, which the self-renewing activations'
// expiries are computed from (activation.Expiry): time.Now for real runs, a fixed time in tests and for
// reproducible offline plans, so nothing depends on today's date.
func Program(now func() time.Time) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		cfg, err := config.Load(ctx)
		if err != nil {
			return err
		}
		for _, w := range cfg.Warnings {
			if err := ctx.Log.Warn(w, nil); err != nil {
				return err
			}
		}
		st, err := declare(ctx, cfg, now())
		if err != nil {
			return err
		}
		export(ctx, cfg, st)
		return nil
	}
}

// stack is every component the program declares, for the wiring and the exports, and the deployment's time.
type stack struct {
	now          time.Time
	base         *foundation.Baseline
	vpc          *network.VPC
	connectivity *hybrid.Connectivity
	dns          *hybrid.DNS
	cluster      *compute.Cluster
	database     *data.Database
	files        *data.Files
	gateway      *data.FileGateway
	services     *compute.Services
	backup       *data.Backup
	management   *hybrid.Management
	// drProvider is the DR region's provider; dr is the standby there (nil in backup and restore).
	drProvider *aws.Provider
	dr         *drStack
}

// declare declares every component for a validated configuration, in dependency order, and wires each
// one's outputs into the next. It reads top to bottom as the architecture diagram.
func declare(ctx *pulumi.Context, cfg *config.Config, now time.Time) (*stack, error) {
	// One explicit provider carries the region and the tags every resource must have; the default provider
	// is disabled in Pulumi.yaml so nothing can bypass it.
	provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{
		Region:      pulumi.String(cfg.Region),
		DefaultTags: &aws.ProviderDefaultTagsArgs{Tags: pulumi.ToStringMap(cfg.Tags)},
	})
	if err != nil {
		return nil, err
	}
	useProvider := pulumi.Provider(provider)
	st := &stack{now: now}
	// The DR region's provider, when something lives there: AWS Backup's copies or the standby.
	if cfg.Backup.CopiesToDR() || cfg.DR.Strategy.Standby() {
		if st.drProvider, err = newDRProvider(ctx, cfg); err != nil {
			return nil, err
		}
	}

	if st.base, err = foundation.NewBaseline(ctx, cfg.Stack+"-foundation", &foundation.BaselineArgs{
		Settings: cfg.Foundation,
		Region:   cfg.Region,
	}, useProvider); err != nil {
		return nil, err
	}
	if st.vpc, err = network.NewVPC(ctx, cfg.Stack+"-vpc", &network.VPCArgs{
		Settings:        cfg.Network,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs,
		LogsKeyARN:      st.base.AuditLogsKeyARN,
		AccountID:       st.base.AccountID,
		Partition:       st.base.Partition,
		Region:          st.base.Region,
	}, useProvider); err != nil {
		return nil, err
	}
	if err := declareHybrid(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareCluster(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareData(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareServices(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareBackup(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareManagement(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	if err := declareDR(ctx, cfg, st, useProvider); err != nil {
		return nil, err
	}
	return st, nil
}

// keyAdmins is who administers every component key: the foundation's administrators and break-glass role.
func keyAdmins(st *stack) keys.Admins {
	return keys.Admins{Roles: st.base.KeyAdministratorARNs, BreakGlass: st.base.BreakGlassRoleARN}
}
