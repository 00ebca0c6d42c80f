package dr

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

func TestStrategiesSayWhatTheyKeepInTheDRRegion(t *testing.T) {
	assert.False(t, BackupRestore.Standby())
	assert.True(t, PilotLight.Standby())
	assert.False(t, PilotLight.Running(), "pilot light runs no compute")
	assert.True(t, WarmStandby.Standby() && WarmStandby.Running())
	require.Error(t, Strategy("multiSite").Check())
	require.NoError(t, WarmStandby.Check())
}

func TestComponentsRefuseIncompleteArgsBeforeDeclaringAnything(t *testing.T) {
	for name, declare := range map[string]func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error){
		"replica": func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return NewReplica(ctx, "t-dr-db", &ReplicaArgs{Settings: ReplicaSettings{InstanceClass: "db.t4g.micro"}, EngineVersion: "16.4"}, opts...)
		},
		"replication": func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return NewReplication(ctx, "t-dr-replication", &ReplicationArgs{Settings: FilesSettings{LatencyAlarmMinutes: 15}}, opts...)
		},
		"names": func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return NewNames(ctx, "t-names", &NamesArgs{Domain: "t.example.internal", VPCs: map[string]pulumi.StringInput{"us-east-1": pulumi.String("vpc-1")}}, opts...)
		},
	} {
		res, _, err := plantest.RunErr(plan.Up, declare)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "dr: "+name, name)
		assert.Empty(t, res.OfType(ReplicaType), name)
	}
}

func TestNamesPointEachLabelAtItsTargetInAZoneOfBothVPCs(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, n := plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*Names, error) {
			return NewNames(ctx, "t-names", &NamesArgs{
				Domain:  "t.hybridcloud.internal",
				VPCs:    map[string]pulumi.StringInput{"us-west-2": pulumi.String("vpc-dr"), "us-east-1": pulumi.String("vpc-primary")},
				Targets: map[string]pulumi.StringInput{"db": pulumi.String("db.primary"), "api": pulumi.String("alb.primary")},
			}, opts...)
		})
		assert.Equal(t, map[string]string{"db": "db.t.hybridcloud.internal", "api": "api.t.hybridcloud.internal"}, n.Names)
		zone := plantest.Named(t, res, "aws:route53/zone:Zone", "t-names").Props()
		assert.Equal(t, []any{
			map[string]any{"vpcId": "vpc-primary", "vpcRegion": "us-east-1"},
			map[string]any{"vpcId": "vpc-dr", "vpcRegion": "us-west-2"},
		}, zone["vpcs"], mode)
		db := plantest.Named(t, res, "aws:route53/record:Record", "t-names-db").Props()
		assert.Equal(t, []any{"db.primary"}, db["records"])
		assert.Equal(t, float64(nameTTLSeconds), db["ttl"])
	}
}
