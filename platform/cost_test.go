package platform

import (
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/internal/report/cost"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

// stackConfig parses a stack file's configuration as the program does.
func stackConfig(t testing.TB, stack string) *config.Config {
	t.Helper()
	st := stackFiles(t, stack)
	cfg, err := config.Parse(st.Project, st.Name, config.Source{Get: st.Get, IsSecret: st.IsSecret, Keys: st.Keys()})
	require.NoError(t, err)
	return cfg
}

// costOf prices a stack's plan with the repository's price table, as `make cost` does.
func costOf(t testing.TB, stack string, mode plan.Mode) (*cost.Report, *config.Config, *prices.Table) {
	t.Helper()
	cfg := stackConfig(t, stack)
	table, err := prices.Load("")
	require.NoError(t, err)
	// The primary region's resources: the price table has no DR-region column yet (issue 22).
	report, err := cost.Build(primaryOf(runStack(t, stack, mode)), cost.Inputs{Stack: stack, Region: cfg.Region, Usage: cfg.Usage, Prices: table})
	require.NoError(t, err)
	return report, cfg, table
}

func linesOfType(r *cost.Report, typ, charge string) []cost.Line {
	var out []cost.Line
	for _, l := range r.Lines {
		if l.Type == typ && strings.HasPrefix(l.Charge, charge) {
			out = append(out, l)
		}
	}
	return out
}

func known(t *testing.T, table *prices.Table, key, region string) float64 {
	t.Helper()
	p := table.Lookup(key, region)
	require.True(t, p.Known, "%s in %s: %s", key, region, p.Why)
	return p.Value
}

func TestDevCostsAtMostAThirdOfProdsFixedMonthlyCost(t *testing.T) {
	dev, _, _ := costOf(t, "dev", plan.Up)
	prod, _, _ := costOf(t, "prod", plan.Up)
	assert.LessOrEqual(t, dev.Fixed, prod.Fixed/3,
		"dev's fixed cost %.2f must be at most a third of prod's %.2f (%.2f): make dev smaller in Pulumi.dev.yaml", dev.Fixed, prod.Fixed, prod.Fixed/3)
	assert.Less(t, dev.Total, prod.Total)
}

func TestCostLinesRecomputeFromTheStackAndThePriceTable(t *testing.T) {
	tests := []struct {
		stack string
		nats  int
	}{
		{"dev", 1},
		{"prod", 3},
	}
	for _, tt := range tests {
		t.Run(tt.stack, func(t *testing.T) {
			r, cfg, table := costOf(t, tt.stack, plan.Up)
			region := cfg.Region

			nat := linesOfType(r, "aws:ec2/natGateway:NatGateway", "NAT gateway hours")
			require.Len(t, nat, tt.nats)
			for _, l := range nat {
				assert.Equal(t, 1.0, l.Quantity)
				assert.InDelta(t, 730*known(t, table, "nat_gateway.hour", region), *l.Monthly, 1e-9)
			}

			endpoints := linesOfType(r, "aws:ec2/vpcEndpoint:VpcEndpoint", "interface endpoint hours")
			require.Len(t, endpoints, len(cfg.Network.Endpoints), "one line per configured interface endpoint")
			azs := float64(cfg.Network.EndpointAZCount)
			for _, l := range endpoints {
				assert.Equal(t, azs, l.Quantity, "%s: one per AZ", l.Name)
				assert.InDelta(t, azs*730*known(t, table, "vpc_interface_endpoint.hour_per_az", region), *l.Monthly, 1e-9)
			}

			db := cfg.Database
			az := "single_az"
			if db.MultiAZ {
				az = "multi_az"
			}
			class := "rds_pg." + strings.ReplaceAll(db.InstanceClass, ".", "_") + "." + az + "_hour"
			instance := linesOfType(r, "aws:rds/instance:Instance", "DB instance hours")
			require.Len(t, instance, 1)
			assert.InDelta(t, 730*known(t, table, class, region), *instance[0].Monthly, 1e-9)
			storage := linesOfType(r, "aws:rds/instance:Instance", "DB storage (gp3")
			require.Len(t, storage, 1)
			assert.Equal(t, float64(db.AllocatedStorageGiB), storage[0].Quantity)
			assert.InDelta(t, float64(db.AllocatedStorageGiB)*known(t, table, "rds.gp3."+az+"_gb_month", region), *storage[0].Monthly, 1e-9)

			hosts := linesOfType(r, "aws:autoscaling/group:Group", "EC2 instance hours ("+cfg.Cluster.InstanceTypes[0]+")")
			require.Len(t, hosts, 1)
			assert.Equal(t, float64(cfg.Cluster.Hosts.Desired), hosts[0].Quantity, "desired capacity of the hosts")

			for _, l := range linesOfType(r, "aws:route53/resolverEndpoint:ResolverEndpoint", "Resolver endpoint IP address hours") {
				assert.Equal(t, float64(cfg.DNS.EndpointIPCount), l.Quantity, l.Name)
			}
		})
	}
}

// A usage figure shared by several resources is charged once in all: the quantities of its lines add up
// to the figure.
func TestSharedUsageFiguresAddUpToTheConfiguredFigure(t *testing.T) {
	shared := map[cost.UsageKey]string{
		cost.UsageNatGB:                  "NAT data processed",
		cost.UsageEndpointGB:             "endpoint data processed",
		cost.UsageTransitGatewayGB:       "Transit Gateway data processed",
		cost.UsageToOnPremisesGB:         "data transfer out",
		cost.UsageResolverMillionQueries: "Resolver queries",
		cost.UsageLogsIngestedGB:         "log ingestion",
		cost.UsageFlowLogsIngestedGB:     "flow log delivery",
	}
	for _, stack := range []string{"dev", "prod"} {
		r, cfg, _ := costOf(t, stack, plan.Up)
		for key, charge := range shared {
			var sum float64
			var n int
			for _, l := range r.Lines {
				if l.UsageKey == key && strings.HasPrefix(l.Charge, charge) {
					sum += l.Quantity
					n++
				}
			}
			assert.Positive(t, n, "%s: no line for %s", stack, key)
			assert.InDelta(t, cfg.Usage.Get(key), sum, 1e-6, "%s: %s", stack, key)
		}
	}
}

// An unknown price in the stack's region must be a figure the table lacks a source for, never a missing
// row: an instance class or type the stacks use without a price would silently shrink the estimate.
func TestTheStacksUseNoInstanceTypeTheTableLacks(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		r, cfg, _ := costOf(t, stack, plan.Up)
		for _, l := range r.Lines {
			if l.Known() || l.Region != cfg.Region {
				continue
			}
			assert.NotContains(t, l.Note, "in the price table", "%s %s %s: add the price to internal/report/prices/aws-prices.yaml", stack, l.Name, l.Charge)
		}
	}
}

func TestPreviewAndUpCostTheSame(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		up, _, _ := costOf(t, stack, plan.Up)
		preview, _, _ := costOf(t, stack, plan.Preview)
		assert.InDelta(t, up.Total, preview.Total, 1e-6, "%s: the resource set and the inputs priced depend on config only", stack)
		assert.Equal(t, up.Unknown, preview.Unknown, stack)
		assert.Equal(t, len(up.Lines), len(preview.Lines), stack)
	}
}

func TestTheConnectivityDecisionNamesEachStacksMode(t *testing.T) {
	dev, _, _ := costOf(t, "dev", plan.Up)
	prod, cfg, _ := costOf(t, "prod", plan.Up)
	assert.Equal(t, cost.ModeVPN, dev.Connectivity.CurrentMode)
	assert.Equal(t, cost.ModeDirectConnectWithVPN, prod.Connectivity.CurrentMode)
	assert.Equal(t, len(cfg.Connectivity.DirectConnect.Connections), prod.Connectivity.DXPorts)
	require.NotNil(t, prod.Connectivity.BreakevenGB)
	assert.Positive(t, *prod.Connectivity.BreakevenGB)
}

// BenchmarkProdCostReport is `make cost STACK=prod` in process: the plan, the config and the report.
func BenchmarkProdCostReport(b *testing.B) {
	table, err := prices.Load("")
	require.NoError(b, err)
	cfg := stackConfig(b, "prod")
	b.ResetTimer()
	for b.Loop() {
		report, err := cost.Build(runStack(b, "prod", plan.Up), cost.Inputs{Stack: "prod", Region: cfg.Region, Usage: cfg.Usage, Prices: table})
		if err != nil {
			b.Fatal(err)
		}
		if err := report.WriteText(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTheBackupAccountsVaultIsPricedAsCopiesInTheStacksRegionWithoutTransfer(t *testing.T) {
	for _, mode := range plantest.Modes {
		report, _, _ := costOf(t, "prod", mode)
		var account []cost.Line
		for _, l := range report.Lines {
			if l.Name == "prod-backup-account" && l.Type == token.BackupVault {
				account = append(account, l)
			}
		}
		require.Len(t, account, 2, "%s: the database's and the file bucket's copies, priced in a preview too", mode)
		for _, l := range account {
			assert.Contains(t, l.Charge, "copied recovery points", mode)
			assert.Equal(t, "us-east-1", l.Region, "%s: the vault is in the stack's region", mode)
			assert.NotContains(t, l.Charge, "cross-region", mode)
		}
		primary := linesOfType(report, token.BackupVault, "file bucket recovery points")
		require.Len(t, primary, 1, mode)
		assert.Equal(t, primary[0].Quantity, account[1].Quantity, "%s: every scheduled point is copied, kept as long", mode)
	}
}
