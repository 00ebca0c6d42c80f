package dbinstance

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

const (
	testAccount = "123456789012"
	testLogsKey = "arn:aws:kms:eu-west-1:123456789012:key/logs"
)

func TestSecurityGroupAdmitsOnlyTheClientsAndOnPremisesOnThePort(t *testing.T) {
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
		return NewSecurityGroup(ctx, "t-db", SecurityGroupArgs{
			VPCID: pulumi.String("vpc-1"), Port: 6543, Clients: "DR ECS",
			ClientSecurityGroupIDs: []pulumi.StringInput{pulumi.String("sg-hosts"), pulumi.String("sg-tasks")},
			OnPremisesCIDRs:        []netip.Prefix{netip.MustParsePrefix("10.100.0.0/16")},
		}, opts...)
	})
	sg := plantest.Named(t, res, token.EC2SecurityGroup, "t-db").Props()
	assert.Equal(t, "vpc-1", sg["vpcId"])
	assert.Equal(t, "PostgreSQL t-db: DR ECS and on premises only", sg["description"])
	assert.Equal(t, map[string]any{"Name": "t-db"}, sg["tags"])
	assert.NotContains(t, sg, "egress", "a database opens no connections")
	ingress := sg["ingress"].([]any)
	require.Len(t, ingress, 2)
	fromGroups, fromCIDRs := ingress[0].(map[string]any), ingress[1].(map[string]any)
	for _, rule := range []map[string]any{fromGroups, fromCIDRs} {
		assert.Equal(t, 6543.0, rule["fromPort"], "%v", rule)
		assert.Equal(t, 6543.0, rule["toPort"], "%v", rule)
		assert.Equal(t, "tcp", rule["protocol"], "%v", rule)
	}
	assert.Equal(t, "PostgreSQL from the DR ECS hosts and tasks", fromGroups["description"])
	assert.Equal(t, []any{"sg-hosts", "sg-tasks"}, fromGroups["securityGroups"])
	assert.NotContains(t, fromGroups, "cidrBlocks")
	assert.Equal(t, []any{"10.100.0.0/16"}, fromCIDRs["cidrBlocks"])
	assert.NotContains(t, fromCIDRs, "securityGroups")
}

func TestSecurityGroupWithoutClientsAdmitsNothing(t *testing.T) {
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
		return NewSecurityGroup(ctx, "t-db", SecurityGroupArgs{VPCID: pulumi.String("vpc-1"), Port: 5432, Clients: "ECS"}, opts...)
	})
	sg := plantest.Named(t, res, token.EC2SecurityGroup, "t-db").Props()
	assert.Empty(t, sg["ingress"], "no rule that would admit an empty source list")
}

func TestMonitoringRoleIsAssumedOnlyForThisInstanceOfThisAccount(t *testing.T) {
	for partition, policy := range map[string]string{
		"aws":        "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
		"aws-us-gov": "arn:aws-us-gov:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
	} {
		res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
			return NewMonitoringRole(ctx, "t-db", MonitoringRoleArgs{
				AccountID: pulumi.String(testAccount), Partition: partition, Region: "eu-west-1", Identifier: "hybridcloud-test-dr",
			}, opts...)
		})
		role := plantest.Named(t, res, token.IAMRole, "t-db-monitoring").Props()
		assert.Equal(t, []any{policy}, role["managedPolicyArns"], partition)
		trust := plantest.Trust(t, role["assumeRolePolicy"])
		assert.Equal(t, "sts:AssumeRole", trust["Action"], partition)
		assert.Equal(t, map[string]any{"Service": "monitoring.rds.amazonaws.com"}, trust["Principal"], partition)
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": testAccount},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:" + partition + ":rds:eu-west-1:123456789012:db:hybridcloud-test-dr"},
		}, trust["Condition"], "%s: only this instance's monitoring assumes it", partition)
	}
}

func TestLogGroupsAreTheExportsEncryptedExpiringAndRetainedWhenAsked(t *testing.T) {
	for _, retain := range []bool{true, false} {
		res, groups := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
			return NewLogGroups(ctx, "t-db", LogGroupsArgs{
				Identifier: "hybridcloud-test", RetentionDays: 365, KMSKeyARN: pulumi.String(testLogsKey), Retain: retain,
			}, opts...)
		})
		require.Len(t, groups, len(LogExports), "one returned per export, for the instance to depend on")
		declared := plantest.Every(t, res, token.CloudWatchLogGroup, len(LogExports))
		require.Len(t, declared, len(LogExports))
		names := map[string]any{}
		for _, g := range declared {
			names[g.Name] = g.Props()["name"]
			assert.Equal(t, testLogsKey, g.Props()["kmsKeyId"], "%s is encrypted with the logs key", g.Name)
			assert.Equal(t, 365.0, g.Props()["retentionInDays"], "%s expires", g.Name)
			assert.Equal(t, retain, g.RetainOnDelete, "retain=%v: %s", retain, g.Name)
		}
		assert.Equal(t, map[string]any{
			"t-db-postgresql": "/aws/rds/instance/hybridcloud-test/postgresql",
			"t-db-upgrade":    "/aws/rds/instance/hybridcloud-test/upgrade",
		}, names, "RDS writes to /aws/rds/instance/<identifier>/<log>")
	}
}

func TestParameterGroupIsNamedForItsFamilyAndForcesTLS(t *testing.T) {
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
		return NewParameterGroup(ctx, "t-db", "postgres16", opts...)
	})
	group := plantest.Named(t, res, token.RDSParameterGroup, "t-db-postgres16").Props()
	assert.Equal(t, "postgres16", group["family"])
	params := map[string]any{}
	for _, p := range group["parameters"].([]any) {
		params[p.(map[string]any)["name"].(string)] = p.(map[string]any)["value"]
	}
	assert.Equal(t, map[string]any{"rds.force_ssl": "1", "log_connections": "1", "log_disconnections": "1"}, params)
}
