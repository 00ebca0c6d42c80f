// Package dbinstance declares the resources an RDS PostgreSQL instance of the platform stands on, the same
// for the primary (data.Database) and its DR read replica (dr.Replica), so a promoted replica is guarded,
// monitored and logged as the primary was: the security group, the parameter group, Enhanced Monitoring's
// role and the groups RDS exports its logs to, with the instance settings both share. Each takes the
// component's name and names its resources after it, as the components always have.
package dbinstance

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/data/spec"
)

// Instance settings the primary and the replica share.
const (
	// CACertificate is the RDS CA that replaces the expired rds-ca-2019.
	CACertificate = "rds-ca-rsa2048-g1"
	// MonitoringIntervalSeconds is Enhanced Monitoring's granularity: a minute is enough to see a failover.
	MonitoringIntervalSeconds = 60
	// PerformanceInsightsDays is the retention included at no charge.
	PerformanceInsightsDays = 7
)

// LogExports are the PostgreSQL logs RDS sends to CloudWatch Logs: the instance's
// EnabledCloudwatchLogsExports, and the groups NewLogGroups declares for them.
var LogExports = []string{"postgresql", "upgrade"}

// NewParameterGroup declares name-<family>, the group of spec.Parameters: TLS only and every connection
// logged, for the audit trail an insurer must keep. The family is part of the name, so a new major version
// gets a new group beside the instance rather than under it.
func NewParameterGroup(ctx *pulumi.Context, name, family string, opts ...pulumi.ResourceOption) (*rds.ParameterGroup, error) {
	params := rds.ParameterGroupParameterArray{}
	for _, p := range spec.Parameters {
		params = append(params, rds.ParameterGroupParameterArgs{Name: pulumi.String(p[0]), Value: pulumi.String(p[1])})
	}
	return rds.NewParameterGroup(ctx, name+"-"+family, &rds.ParameterGroupArgs{
		Family:      pulumi.String(family),
		Description: pulumi.String("PostgreSQL " + family + " for " + name + ": TLS only, connections logged"),
		Parameters:  params,
	}, opts...)
}
