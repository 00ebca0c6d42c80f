package platform

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/policy/offline"
)

// Types only the DR tests read.
const (
	route53Zone       = "aws:route53/zone:Zone"
	s3Replication     = "aws:s3/bucketReplicationConfig:BucketReplicationConfig"
	ecrReplication    = "aws:ecr/replicationConfiguration:ReplicationConfiguration"
	autoscalingGroup  = "aws:autoscaling/group:Group"
	drProviderName    = "aws-dr"
	drResourcesPrefix = "-dr-"
)

// primaryOf is a run without what the DR strategy adds (<stack>-dr-..., the names zone): the tests of the
// primary region's components count and compare their own resources.
func primaryOf(res *plan.Result) *plan.Result {
	out := *res
	out.Resources = slices.DeleteFunc(slices.Clone(res.Resources), func(r plan.Resource) bool {
		stack, _, _ := strings.Cut(r.Name, "-")
		return strings.HasPrefix(r.Name, stack+drResourcesPrefix) || strings.HasPrefix(r.Name, stack+"-names")
	})
	return &out
}

// withDRStrategy is a stack with another DR strategy.
func withDRStrategy(t *testing.T, st plan.Stack, strategy string) plan.Stack {
	t.Helper()
	return withDR(t, st, func(dr map[string]any) { dr["strategy"] = strategy })
}

// withDR is a stack whose hybridcloud:dr section was changed by edit.
func withDR(t *testing.T, st plan.Stack, edit func(dr map[string]any)) plan.Stack {
	t.Helper()
	var dr map[string]any
	require.NoError(t, json.Unmarshal([]byte(st.Config["hybridcloud:dr"]), &dr))
	edit(dr)
	raw, err := json.Marshal(dr)
	require.NoError(t, err)
	return withConfig(st, "hybridcloud:dr", string(raw))
}

// withStrategy runs a stack with another DR strategy.
func withStrategy(t *testing.T, stack, strategy string, mode plan.Mode) (*plan.Result, plan.Stack) {
	t.Helper()
	st := withDRStrategy(t, stackFiles(t, stack), strategy)
	res, err := plan.Run(Program(func() time.Time { return testNow }), st, mode)
	require.NoError(t, err, "%s %s %s", stack, strategy, mode)
	return res, st
}

// providerOf is the name of the provider a custom resource is declared with.
func providerOf(r plan.Resource) string {
	_, rest, ok := strings.Cut(r.Provider, token.AWSProvider+"::")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "::")
	return name
}

// drCases are the strategies the tests cover with a standby: prod's warm standby as committed, its pilot
// light, and dev's pilot-light drill over its VPN.
var drCases = []struct{ stack, strategy string }{{"prod", "warmStandby"}, {"prod", "pilotLight"}, {"dev", "pilotLight"}}

func TestBackupAndRestoreDeclaresNothingInTheDRRegionButTheVault(t *testing.T) {
	for _, mode := range plantest.Modes {
		res := runStack(t, "dev", mode)
		for _, r := range res.Resources {
			if r.Custom && r.Type != token.AWSProvider && providerOf(r) == drProviderName {
				assert.Contains(t, r.Name, "dev-backup-dr", "%s: only AWS Backup's DR vault and its key live in the DR region, not %s %s", mode, r.Type, r.Name)
			}
			assert.NotContains(t, r.Name, "dev"+drResourcesPrefix, mode)
		}
		assert.Equal(t, "backupRestore", res.Outputs["drStrategy"].Value, mode)
	}
}

// run is a DR case's run: the committed stack file, or its strategy switched.
func run(t *testing.T, stack, strategy string, mode plan.Mode) (*plan.Result, plan.Stack) {
	t.Helper()
	if stack == "prod" && strategy == "warmStandby" {
		return runStack(t, stack, mode), stackFiles(t, stack)
	}
	return withStrategy(t, stack, strategy, mode)
}

func TestTheStandbyLivesInTheDRRegionAndTheReplicationInThePrimary(t *testing.T) {
	// Declared in the primary region although they are about the DR region: the replication rule and the
	// registry's replication are settings of the source; Route 53 is global.
	primarySide := []string{"-dr-replication-files", "-dr-replication-ecr", "-names"}
	for _, c := range drCases {
		for _, mode := range plantest.Modes {
			res, st := run(t, c.stack, c.strategy, mode)
			var inDR int
			for _, r := range res.Resources {
				if !r.Custom || r.Type == token.AWSProvider {
					continue
				}
				dr := strings.HasPrefix(r.Name, c.stack+drResourcesPrefix)
				primary := slices.ContainsFunc(primarySide, func(p string) bool { return strings.HasPrefix(r.Name, c.stack+p) })
				switch {
				case primary:
					assert.Equal(t, "aws", providerOf(r), "%s/%s %s: %s %s", c.stack, c.strategy, mode, r.Type, r.Name)
				case dr:
					inDR++
					assert.Equal(t, drProviderName, providerOf(r), "%s/%s %s: %s %s", c.stack, c.strategy, mode, r.Type, r.Name)
				}
			}
			assert.Greater(t, inDR, 100, "%s/%s: the DR region holds a VPC, a Transit Gateway, a cluster and the data", c.stack, c.strategy)
			vpc := plantest.Named(t, res, token.EC2VPC, c.stack+"-dr-vpc").Props()
			assert.Equal(t, map[string]any{"dev": "10.21.0.0/16", "prod": "10.11.0.0/16"}[c.stack], vpc["cidrBlock"])
			assert.Empty(t, offline.Mandatory(checkPack(t, res, st)), "%s/%s %s: the DR region passes the pack", c.stack, c.strategy, mode)
		}
	}
}

func TestTheReplicaFollowsThePrimaryWithItsOwnKeyInTheDRDataSubnets(t *testing.T) {
	for _, c := range drCases {
		for _, mode := range plantest.Modes {
			res, _ := run(t, c.stack, c.strategy, mode)
			replica := plantest.Named(t, res, token.RDSInstance, c.stack+"-dr-db")
			primary := plantest.Named(t, res, token.RDSInstance, c.stack+"-db")
			key := plantest.Named(t, res, token.KMSKey, c.stack+"-dr-db")
			assert.Equal(t, []string{primary.URN}, replica.Dependencies["replicateSourceDb"], "%s: the replica's source is the primary", mode)
			assert.Equal(t, []string{key.URN}, replica.Dependencies["kmsKeyId"], "%s: encrypted with the DR region's key", mode)
			assert.Equal(t, drProviderName, providerOf(key))
			props := replica.Props()
			assert.Equal(t, false, props["multiAz"], "Multi-AZ off until promoted")
			assert.Equal(t, true, props["storageEncrypted"])
			assert.Equal(t, false, props["publiclyAccessible"])
			assert.NotContains(t, props, "manageMasterUserPassword", "a replica takes its master user from its source")
			assert.Equal(t, c.stack == "prod", props["deletionProtection"], "protected as the primary is")
			assert.Equal(t, c.stack == "prod", replica.Protect)
			group := plantest.Named(t, res, token.RDSSubnetGroup, c.stack+"-dr-db")
			for _, dep := range group.Dependencies["subnetIds"] {
				assert.Contains(t, dep, "::"+c.stack+"-dr-vpc-data-", "%s: the DR data subnets", mode)
			}
			params := replica.Dependencies["parameterGroupName"]
			require.Len(t, params, 1)
			assert.Contains(t, params[0], "::"+c.stack+"-dr-db-postgres16", "its own parameter group")
			lag := plantest.Named(t, res, token.CloudWatchMetricAlarm, c.stack+"-dr-db-lag").Props()
			assert.Equal(t, "ReplicaLag", lag["metricName"])
			topic := plantest.Named(t, res, token.SNSTopic, c.stack+"-dr-foundation-operations")
			assert.Equal(t, []string{topic.URN}, plantest.Named(t, res, token.CloudWatchMetricAlarm, c.stack+"-dr-db-lag").Dependencies["alarmActions"],
				"the DR region's operations topic: alarm actions are regional")
		}
	}
}

func TestTheFileBucketReplicatesEverythingIntoAVersionedKMSBucketOfTheDRRegion(t *testing.T) {
	for _, c := range drCases {
		for _, mode := range plantest.Modes {
			res, _ := run(t, c.stack, c.strategy, mode)
			cfg := plantest.Named(t, res, s3Replication, c.stack+"-dr-replication-files")
			source := plantest.Named(t, res, token.S3BucketV2, c.stack+"-files")
			dest := plantest.Named(t, res, token.S3BucketV2, c.stack+"-dr-files")
			destKey := plantest.Named(t, res, token.KMSKey, c.stack+"-dr-files")
			assert.Equal(t, []string{source.URN}, cfg.Dependencies["bucket"], mode)
			assert.ElementsMatch(t, []string{dest.URN, destKey.URN}, cfg.Dependencies["rules"], "%s: to the DR bucket, with the DR key", mode)
			rules := cfg.Props()["rules"].([]any)
			require.Len(t, rules, 1)
			rule := rules[0].(map[string]any)
			assert.Equal(t, "dr", rule["id"])
			assert.Equal(t, "Enabled", rule["deleteMarkerReplication"].(map[string]any)["status"])
			assert.Equal(t, "Enabled", rule["sourceSelectionCriteria"].(map[string]any)["sseKmsEncryptedObjects"].(map[string]any)["status"])
			d := rule["destination"].(map[string]any)
			assert.Equal(t, "Enabled", d["metrics"].(map[string]any)["status"])
			_, rtc := d["replicationTime"]
			assert.Equal(t, c.stack == "prod", rtc, "Replication Time Control in prod")
			versioning := plantest.Named(t, res, "aws:s3/bucketVersioningV2:BucketVersioningV2", c.stack+"-dr-files").Props()
			assert.Equal(t, "Enabled", versioning["versioningConfiguration"].(map[string]any)["status"])
			latency := plantest.Named(t, res, token.CloudWatchMetricAlarm, c.stack+"-dr-replication-files-latency").Props()
			assert.Equal(t, "ReplicationLatency", latency["metricName"])
			assert.InDelta(t, 900, latency["threshold"], 0)
			ecr := plantest.Named(t, res, ecrReplication, c.stack+"-dr-replication-ecr").Props()
			dests := ecr["replicationConfiguration"].(map[string]any)["rules"].([]any)[0].(map[string]any)["destinations"].([]any)
			assert.Equal(t, "us-west-2", dests[0].(map[string]any)["region"])
		}
	}
}

func TestTheDRTransitGatewayJoinsTheSameDirectConnectGatewayOrTheVPN(t *testing.T) {
	for _, mode := range plantest.Modes {
		prod, _ := run(t, "prod", "warmStandby", mode)
		assoc := plantest.Named(t, prod, token.DXGatewayAssociation, "prod-dr-hybrid-dxgw-tgw")
		dxgw := plantest.Named(t, prod, "aws:directconnect/gateway:Gateway", "prod-hybrid-dxgw")
		tgw := plantest.Named(t, prod, token.TGWTransitGateway, "prod-dr-hybrid-tgw")
		assert.Equal(t, []string{dxgw.URN}, assoc.Dependencies["dxGatewayId"], "%s: the primary's Direct Connect gateway", mode)
		assert.Equal(t, []string{tgw.URN}, assoc.Dependencies["associatedGatewayId"], mode)
		assert.Equal(t, []any{"10.11.0.0/16"}, assoc.Props()["allowedPrefixes"], "%s: the DR VPC is advertised to the data centre", mode)
		assert.Equal(t, float64(64514), tgw.Props()["amazonSideAsn"])
		// Prod's VPN routers reach the DR gateway too.
		for router, inside := range map[string][2]string{"dc1-edge1": {"169.254.11.0/30", "169.254.11.4/30"}, "dc1-edge2": {"169.254.11.8/30", "169.254.11.12/30"}} {
			vpn := plantest.Named(t, prod, token.EC2VPNConnection, "prod-dr-hybrid-vpn-"+router)
			assert.Equal(t, []string{tgw.URN}, vpn.Dependencies["transitGatewayId"], mode)
			assert.Equal(t, inside, [2]string{vpn.Props()["tunnel1InsideCidr"].(string), vpn.Props()["tunnel2InsideCidr"].(string)},
				"%s: %s's drTunnels, fixed so a replaced connection keeps the router's configuration", mode, router)
		}

		dev, _ := run(t, "dev", "pilotLight", mode)
		assert.Empty(t, dev.OfType(token.DXGatewayAssociation), "dev has no Direct Connect")
		vpn := plantest.Named(t, dev, token.EC2VPNConnection, "dev-dr-hybrid-vpn-dc1-edge1")
		assert.Equal(t, []string{plantest.Named(t, dev, token.TGWTransitGateway, "dev-dr-hybrid-tgw").URN}, vpn.Dependencies["transitGatewayId"], mode)
	}
}

func TestTheInternalNamesZoneIsAssociatedWithBothVPCs(t *testing.T) {
	for _, c := range drCases {
		for _, mode := range plantest.Modes {
			res, _ := run(t, c.stack, c.strategy, mode)
			zone := plantest.Named(t, res, route53Zone, c.stack+"-names")
			assert.Equal(t, c.stack+".hybridcloud.internal", zone.Props()["name"])
			var regions []any
			for _, v := range zone.Props()["vpcs"].([]any) {
				regions = append(regions, v.(map[string]any)["vpcRegion"])
			}
			assert.Equal(t, []any{"us-east-1", "us-west-2"}, regions, mode)
			assert.ElementsMatch(t, []string{
				plantest.Named(t, res, token.EC2VPC, c.stack+"-vpc").URN, plantest.Named(t, res, token.EC2VPC, c.stack+"-dr-vpc").URN,
			}, zone.Dependencies["vpcs"], mode)
			db := plantest.Named(t, res, "aws:route53/record:Record", c.stack+"-names-db")
			assert.Equal(t, []string{plantest.Named(t, res, token.RDSInstance, c.stack+"-db").URN}, db.Dependencies["records"], "%s: db points at the primary", mode)
			assert.Equal(t, "db."+c.stack+".hybridcloud.internal", db.Props()["name"])
		}
	}
}

func TestWarmStandbyRunsTheComputeAtItsMinimumAndPilotLightRunsNone(t *testing.T) {
	for _, mode := range plantest.Modes {
		warm, _ := run(t, "prod", "warmStandby", mode)
		asg := plantest.Named(t, warm, autoscalingGroup, "prod-dr-compute-hosts").Props()
		assert.Equal(t, []any{float64(1), float64(1), float64(12)}, []any{asg["minSize"], asg["desiredCapacity"], asg["maxSize"]}, mode)
		var services []string
		for _, s := range warm.OfType(token.ECSService) {
			if strings.HasPrefix(s.Name, "prod-dr-") {
				services = append(services, s.Name)
				assert.Equal(t, float64(1), s.Props()["desiredCount"], "%s %s: one task", mode, s.Name)
				assert.Contains(t, s.Dependencies["cluster"][0], "::prod-dr-compute", "%s runs on the DR cluster", s.Name)
			}
		}
		assert.ElementsMatch(t, []string{"prod-dr-services-claims-api", "prod-dr-services-policy-portal"}, services, "%s: the AWS-side services", mode)
		for _, repo := range warm.OfType(token.ECRRepository) {
			assert.NotContains(t, repo.Name, "prod-dr-", "the DR services pull from ECR's replicas, not repositories of their own")
		}

		for _, c := range []struct{ stack, max string }{{"prod", "12"}, {"dev", "2"}} {
			pilot, _ := run(t, c.stack, "pilotLight", mode)
			asg := plantest.Named(t, pilot, autoscalingGroup, c.stack+"-dr-compute-hosts").Props()
			assert.Equal(t, []any{float64(0), float64(0)}, []any{asg["minSize"], asg["desiredCapacity"]}, "%s %s: the cluster has no hosts", c.stack, mode)
			for _, s := range pilot.OfType(token.ECSService) {
				assert.NotContains(t, s.Name, c.stack+"-dr-", "%s %s: pilot light runs no services", c.stack, mode)
			}
			plantest.Named(t, pilot, "aws:ecs/cluster:Cluster", c.stack+"-dr-compute")
		}
	}
}

func TestTheDRRegistryEncryptsWithTheDRClusterKeyThroughItsOwnCreationRole(t *testing.T) {
	for _, c := range drCases {
		for _, mode := range plantest.Modes {
			res, _ := run(t, c.stack, c.strategy, mode)
			name := c.stack + "-dr-replication-template"
			tpl := plantest.Named(t, res, token.ECRRepositoryCreationTemplate, name)
			role := plantest.Named(t, res, token.IAMRole, name)
			policy := plantest.Named(t, res, token.IAMRolePolicy, name)
			key := plantest.Named(t, res, token.KMSKey, c.stack+"-dr-compute")
			assert.Equal(t, drProviderName, providerOf(tpl), "%s %s: the template lives in the DR registry", c.stack, mode)
			assert.Equal(t, []string{key.URN}, tpl.Dependencies["encryptionConfigurations"], "%s %s: the DR cluster's customer key, never AWS's", c.stack, mode)
			assert.Equal(t, []string{role.URN}, tpl.Dependencies["customRoleArn"], "%s %s: a customer key needs a creation role", c.stack, mode)
			assert.Contains(t, tpl.DependsOn, policy.URN, "%s %s: ECR checks the role's permissions when the template is created", c.stack, mode)
			assert.Contains(t, plantest.Named(t, res, ecrReplication, c.stack+"-dr-replication-ecr").DependsOn, tpl.URN,
				"%s %s: replication creates repositories only once the template exists", c.stack, mode)
			if mode != plan.Up {
				continue
			}
			enc := tpl.Props()["encryptionConfigurations"].([]any)[0].(map[string]any)
			assert.Equal(t, "KMS", enc["encryptionType"])
			assert.Equal(t, "arn:aws:kms:us-west-2:123456789012:"+c.stack+"-dr-compute", enc["kmsKey"], "the DR region's own key")
			sids := plantest.Statements(t, policy.Props()["policy"])
			var actions []any
			for _, st := range sids {
				actions = append(actions, st["Action"].([]any)...)
			}
			assert.ElementsMatch(t, []any{"ecr:CreateRepository", "ecr:TagResource", "ecr:ReplicateImage", "kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"}, actions, c.stack)
			keySids := plantest.Statements(t, key.Props()["policy"])
			require.Contains(t, keySids, "ECRCreatesRepositoriesFromTemplates", "%s: the DR key's policy names the creation role", c.stack)
			assert.Equal(t, map[string]any{"aws:PrincipalArn": []any{"arn:aws:iam::123456789012:role/" + name + "-*",
				"arn:aws:iam::123456789012:role/" + c.stack + "-dr-compute-cache-*"}},
				keySids["ECRCreatesRepositoriesFromTemplates"]["Condition"].(map[string]any)["ArnLike"], "%s: the replication template's role and the DR cache's", c.stack)
			assert.Equal(t, []any{"ecr.us-west-2.amazonaws.com"},
				keySids["ECRCreatesRepositoriesFromTemplates"]["Condition"].(map[string]any)["StringEquals"].(map[string]any)["kms:ViaService"], "%s: through the DR region's ECR", c.stack)
		}
	}
}

func TestEachRegionsLoadBalancerLogsAreDeliveredByThatRegionsELBAccount(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for name, account := range map[string]string{"prod-compute-alb-logs": "127311923021", "prod-dr-compute-alb-logs": "797873946194"} {
		deliver := plantest.Statements(t, plantest.Named(t, res, token.S3BucketPolicy, name).Props()["policy"])["ElbDeliversAccessLogs"]
		assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::" + account + ":root"}, deliver["Principal"],
			"%s: ELB delivers access logs from an account of the load balancer's region", name)
	}
}

func TestEachRegionsHostsReachS3ThroughThatRegionsPrefixList(t *testing.T) {
	res := runStack(t, "prod", plan.Up)
	for name, list := range map[string]string{"prod-compute-hosts-https-s3": "pl-63a5400a", "prod-dr-compute-hosts-https-s3": "pl-68a54001"} {
		assert.Equal(t, list, plantest.Named(t, res, token.VPCSecurityGroupEgressRule, name).Props()["prefixListId"],
			"%s: a prefix list belongs to its region", name)
	}
}
