package network

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeSubnet     = "aws:ec2/subnet:Subnet"
	typeRoute      = "aws:ec2/route:Route"
	typeNat        = "aws:ec2/natGateway:NatGateway"
	typeEndpoint   = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeFlowLog    = "aws:ec2/flowLog:FlowLog"
	typeLogGroup   = "aws:cloudwatch/logGroup:LogGroup"
	typeSG         = "aws:ec2/securityGroup:SecurityGroup"
	typeDefaultSG  = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	typeKey        = "aws:kms/key:Key"
	typeComponent  = "hybridcloud:network:Vpc"
	testOnPremCIDR = "172.20.0.0/16"
)

func testArgs(t *testing.T, azCount int, nat NatStrategy) *VpcArgs {
	t.Helper()
	azs := []string{"us-east-1a", "us-east-1b", "us-east-1c"}[:azCount]
	cidr := netip.MustParsePrefix("10.10.0.0/16")
	subnets, err := PlanSubnets(cidr, azs, DefaultPrefixLengths)
	require.NoError(t, err)
	return &VpcArgs{
		CIDR:                 cidr,
		Subnets:              subnets,
		NatStrategy:          nat,
		Region:               "us-east-1",
		Endpoints:            []string{"ecr.api", "ssm"},
		OnPremisesCIDRs:      []netip.Prefix{netip.MustParsePrefix(testOnPremCIDR)},
		FlowLogRetentionDays: 30,
		AccountID:            pulumi.String("123456789012"),
		Partition:            "aws",
	}
}

// runVpc declares one Vpc named "net" under mocks and returns the run and the component.
func runVpc(t *testing.T, args *VpcArgs, mode plan.Mode) (*plan.Result, *Vpc) {
	t.Helper()
	var vpc *Vpc
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		var err error
		vpc, err = NewVpc(ctx, "net", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, mode)
	require.NoError(t, err)
	return res, vpc
}

func TestNatGatewaysFollowTheStrategy(t *testing.T) {
	cases := []struct {
		nat  NatStrategy
		want int
	}{{NatSingle, 1}, {NatPerAz, 3}}
	for _, tc := range cases {
		t.Run(string(tc.nat), func(t *testing.T) {
			res, _ := runVpc(t, testArgs(t, 3, tc.nat), plan.Up)
			nats := res.OfType(typeNat)
			assert.Len(t, nats, tc.want)
			assert.Len(t, res.OfType("aws:ec2/eip:Eip"), tc.want, "one Elastic IP per NAT gateway")
			for _, n := range nats {
				assert.Contains(t, []any{"net-public-0_id", "net-public-1_id", "net-public-2_id"}, n.Props()["subnetId"], "NAT gateways sit in public subnets only")
			}
		})
	}
}

func TestPerAzNatKeepsEachAZsEgressInItsOwnAZ(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 3, NatPerAz), plan.Up)
	for i := range 3 {
		route, ok := res.Named(typeRoute, "net-app-"+string(rune('0'+i))+"-internet")
		require.True(t, ok)
		assert.Equal(t, "net-nat-"+string(rune('0'+i))+"_id", route.Props()["natGatewayId"])
	}
}

func TestNoSubnetMapsPublicIPs(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	subnets := res.OfType(typeSubnet)
	require.Len(t, subnets, 6)
	for _, s := range subnets {
		assert.Equal(t, false, s.Props()["mapPublicIpOnLaunch"], s.Name)
	}
}

func TestOnlyThePublicRouteTableRoutesToTheInternetGateway(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 3, NatPerAz), plan.Up)
	var igwRoutes int
	for _, r := range res.OfType(typeRoute) {
		p := r.Props()
		if _, viaIGW := p["gatewayId"]; viaIGW {
			igwRoutes++
			assert.Equal(t, "net-public-rt_id", p["routeTableId"], "%s sends traffic to the internet gateway", r.Name)
			continue
		}
		assert.Contains(t, p, "natGatewayId", "%s: a private default route goes through NAT", r.Name)
	}
	assert.Equal(t, 1, igwRoutes)
}

func TestDataSubnetsHaveNoInternetRouteUnlessConfigured(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	for _, r := range res.OfType(typeRoute) {
		rt := r.Props()["routeTableId"]
		assert.NotContains(t, []any{"net-data-0-rt_id", "net-data-1-rt_id"}, rt, "%s routes a data subnet to the internet", r.Name)
	}

	args := testArgs(t, 2, NatSingle)
	args.DataSubnetInternetAccess = true
	res, _ = runVpc(t, args, plan.Up)
	route, ok := res.Named(typeRoute, "net-data-1-internet")
	require.True(t, ok, "with dataSubnetInternetAccess the data tier egresses through NAT")
	assert.Equal(t, "net-nat-0_id", route.Props()["natGatewayId"])
}

func TestEndpointsFollowTheConfiguredList(t *testing.T) {
	res, vpc := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	byService := map[string]map[string]any{}
	for _, e := range res.OfType(typeEndpoint) {
		p := e.Props()
		byService[p["serviceName"].(string)] = p
	}
	assert.Len(t, byService, 3, "S3 gateway plus the two configured interface endpoints")

	s3 := byService["com.amazonaws.us-east-1.s3"]
	require.NotNil(t, s3)
	assert.Equal(t, "Gateway", s3["vpcEndpointType"])
	assert.ElementsMatch(t, []any{"net-app-0-rt_id", "net-app-1-rt_id", "net-data-0-rt_id", "net-data-1-rt_id"}, s3["routeTableIds"], "the S3 endpoint serves every private route table")

	for _, short := range []string{"ecr.api", "ssm"} {
		ep := byService["com.amazonaws.us-east-1."+short]
		require.NotNil(t, ep, short)
		assert.Equal(t, "Interface", ep["vpcEndpointType"])
		assert.Equal(t, true, ep["privateDnsEnabled"])
		assert.Equal(t, []any{"net-app-0_id", "net-app-1_id"}, ep["subnetIds"], "interface endpoints sit in the app subnets")
		assert.Equal(t, []any{"net-endpoints_id"}, ep["securityGroupIds"])
		dns := plantest.Await(t, vpc.EndpointDNSNames[short])
		assert.Equal(t, "net-"+short+".vpce.us-east-1.vpce.amazonaws.com", dns.Value)
	}
}

func TestEndpointSecurityGroupAdmitsOnlyHTTPSFromTheVpcAndOnPremises(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	sg, ok := res.Named(typeSG, "net-endpoints")
	require.True(t, ok)
	ingress := sg.Props()["ingress"].([]any)
	require.Len(t, ingress, 1)
	rule := ingress[0].(map[string]any)
	assert.Equal(t, "tcp", rule["protocol"])
	assert.EqualValues(t, 443, rule["fromPort"])
	assert.EqualValues(t, 443, rule["toPort"])
	assert.Equal(t, []any{"10.10.0.0/16", testOnPremCIDR}, rule["cidrBlocks"])
	assert.NotContains(t, sg.Props(), "egress", "no egress rule: endpoints answer, they never initiate")
}

func TestDefaultSecurityGroupIsTakenOverWithNoRules(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	groups := res.OfType(typeDefaultSG)
	require.Len(t, groups, 1)
	p := groups[0].Props()
	assert.Equal(t, "net_id", p["vpcId"])
	assert.Empty(t, p["ingress"])
	assert.Empty(t, p["egress"])
}

func TestFlowLogsCaptureAllTrafficIntoAnEncryptedRetainedGroup(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	logs := res.OfType(typeFlowLog)
	require.Len(t, logs, 1)
	p := logs[0].Props()
	assert.Equal(t, "net_id", p["vpcId"])
	assert.Equal(t, "ALL", p["trafficType"])
	assert.Equal(t, "cloud-watch-logs", p["logDestinationType"])

	group, ok := res.Named(typeLogGroup, "net-flow-logs")
	require.True(t, ok)
	assert.Equal(t, "arn:aws:cloudwatch:us-east-1:123456789012:net-flow-logs", p["logDestination"])
	assert.EqualValues(t, 30, group.Props()["retentionInDays"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:net-logs", group.Props()["kmsKeyId"])

	key, ok := res.Named(typeKey, "net-logs")
	require.True(t, ok)
	assert.Equal(t, true, key.Props()["enableKeyRotation"])
}

func TestLogsKeyPolicyLimitsCloudWatchLogsToThisAccount(t *testing.T) {
	doc, err := LogsKeyPolicy("aws", "us-east-1", "123456789012")
	require.NoError(t, err)
	assert.Contains(t, doc, `"Service":"logs.us-east-1.amazonaws.com"`)
	assert.Contains(t, doc, `"kms:EncryptionContext:aws:logs:arn":"arn:aws:logs:us-east-1:123456789012:*"`)
	assert.Contains(t, doc, `"AWS":"arn:aws:iam::123456789012:root"`)
}

func TestOutputsAreWiredPerTierAndAZ(t *testing.T) {
	_, vpc := runVpc(t, testArgs(t, 3, NatPerAz), plan.Up)
	assert.EqualValues(t, "net_id", plantest.Await(t, vpc.VpcID).Value)
	assert.Equal(t, "10.10.0.0/16", plantest.Await(t, vpc.CIDR).Value)
	assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, vpc.AvailabilityZones)
	for tier, ids := range map[string]pulumi.StringArray{"public": vpc.PublicSubnetIDs, "app": vpc.AppSubnetIDs, "data": vpc.DataSubnetIDs} {
		require.Len(t, ids, 3, tier)
		assert.Equal(t, "net-"+tier+"-2_id", plantest.Await(t, ids[2].ToStringOutput()).Value, "%s subnets follow the AZ order", tier)
	}
	require.Len(t, vpc.AppRouteTableIDs, 3)
	require.Len(t, vpc.DataRouteTableIDs, 3)
	assert.Equal(t, "net-data-1-rt_id", plantest.Await(t, vpc.DataRouteTableIDs[1].ToStringOutput()).Value)
	assert.EqualValues(t, "net-public-rt_id", plantest.Await(t, vpc.PublicRouteTableID).Value)
	assert.EqualValues(t, "net-endpoints_id", plantest.Await(t, vpc.EndpointSecurityGroupID).Value)
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:net-logs", plantest.Await(t, vpc.LogsKeyArn).Value)
}

func TestPreviewDeclaresTheSameResourcesWithUnknownIDs(t *testing.T) {
	up, _ := runVpc(t, testArgs(t, 3, NatPerAz), plan.Up)
	preview, vpc := runVpc(t, testArgs(t, 3, NatPerAz), plan.Preview)
	assert.Equal(t, up.CountByType(), preview.CountByType())
	assert.False(t, plantest.Await(t, vpc.VpcID).Known, "a new stack's VPC id is unknown in preview")
	assert.True(t, plantest.Await(t, vpc.CIDR).Known, "the CIDR is an input, known in preview")
	route, ok := preview.Named(typeRoute, "net-app-0-internet")
	require.True(t, ok)
	assert.Equal(t, plan.UnknownValue, route.Props()["natGatewayId"])
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	res, _ := runVpc(t, testArgs(t, 2, NatSingle), plan.Up)
	comps := res.OfType(typeComponent)
	require.Len(t, comps, 1)
	for _, r := range res.Resources {
		if r.Type == typeComponent {
			continue
		}
		assert.Equal(t, comps[0].URN, r.Parent, "%s %s", r.Type, r.Name)
	}
}

func TestNewVpcRejectsIncompleteArgs(t *testing.T) {
	args := testArgs(t, 2, NatSingle)
	args.NatStrategy = "everywhere"
	args.Subnets = nil
	_, err := plan.Run(func(ctx *pulumi.Context) error {
		_, err := NewVpc(ctx, "net", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, plan.Up)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "subnets are required")
	assert.Contains(t, err.Error(), `unknown NAT strategy "everywhere"`)
}

func TestRetainLogsKeepsTheFlowLogsAndTheirKeyThroughADestroy(t *testing.T) {
	for _, retain := range []bool{false, true} {
		args := testArgs(t, 2, NatSingle)
		args.RetainLogs = retain
		res, _ := runVpc(t, args, plan.Up)
		group, ok := res.Named(typeLogGroup, "net-flow-logs")
		require.True(t, ok)
		key, ok := res.Named(typeKey, "net-logs")
		require.True(t, ok)
		assert.Equal(t, retain, group.RetainOnDelete, "log group")
		assert.Equal(t, retain, key.RetainOnDelete, "log key")
	}
}
