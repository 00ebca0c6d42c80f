package network

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
	"github.com/insurance/hybridcloud/network/layout"
)

const testOnPremCIDR = "172.20.0.0/16"

func testArgs(azCount int, nat layout.NATStrategy) *VPCArgs {
	return &VPCArgs{
		Settings: VPCSettings{
			CIDR:                 netip.MustParsePrefix("10.10.0.0/16"),
			AvailabilityZones:    []string{"us-east-1a", "us-east-1b", "us-east-1c"}[:azCount],
			NATStrategy:          nat,
			SubnetPrefixLengths:  layout.DefaultPrefixLengths,
			Endpoints:            []string{"ecr.api", "ssm"},
			FlowLogRetentionDays: 30,
		},
		OnPremisesCIDRs: []netip.Prefix{netip.MustParsePrefix(testOnPremCIDR)},
		LogsKeyARN:      pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		AccountID:       pulumi.String("123456789012"),
		Partition:       "aws",
		Region:          "us-east-1",
	}
}

// runVPC declares one VPC named "net" under mocks and returns the run and the component.
func runVPC(t *testing.T, args *VPCArgs, mode plan.Mode) (*plan.Result, *VPC) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*VPC, error) {
		return NewVPC(ctx, "net", args, opts...)
	})
}

func TestNatGatewaysFollowTheStrategy(t *testing.T) {
	cases := []struct {
		nat  layout.NATStrategy
		want int
	}{{layout.NATSingle, 1}, {layout.NATPerAZ, 3}}
	for _, tc := range cases {
		t.Run(string(tc.nat), func(t *testing.T) {
			res, _ := runVPC(t, testArgs(3, tc.nat), plan.Up)
			nats := plantest.Every(t, res, token.EC2NATGateway, tc.want)
			assert.Len(t, nats, tc.want)
			assert.Len(t, res.OfType(token.EC2EIP), tc.want, "one Elastic IP per NAT gateway")
			for _, n := range nats {
				assert.Contains(t, []any{"net-public-0_id", "net-public-1_id", "net-public-2_id"}, n.Props()["subnetId"], "NAT gateways sit in public subnets only")
			}
		})
	}
}

func TestPerAzNatKeepsEachAZsEgressInItsOwnAZ(t *testing.T) {
	res, _ := runVPC(t, testArgs(3, layout.NATPerAZ), plan.Up)
	for i := range 3 {
		route := plantest.Named(t, res, token.EC2Route, "net-app-"+string(rune('0'+i))+"-internet")
		assert.Equal(t, "net-nat-"+string(rune('0'+i))+"_id", route.Props()["natGatewayId"])
	}
}

func TestNoSubnetMapsPublicIPs(t *testing.T) {
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	subnets := plantest.Every(t, res, token.EC2Subnet, 6)
	require.Len(t, subnets, 6)
	for _, s := range subnets {
		assert.Equal(t, false, s.Props()["mapPublicIpOnLaunch"], s.Name)
	}
}

func TestOnlyThePublicRouteTableRoutesToTheInternetGateway(t *testing.T) {
	res, _ := runVPC(t, testArgs(3, layout.NATPerAZ), plan.Up)
	var igwRoutes int
	for _, r := range plantest.Every(t, res, token.EC2Route, 4) {
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
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	for _, r := range plantest.Every(t, res, token.EC2Route, 3) { // the public route and two app routes
		rt := r.Props()["routeTableId"]
		assert.NotContains(t, []any{"net-data-0-rt_id", "net-data-1-rt_id"}, rt, "%s routes a data subnet to the internet", r.Name)
	}

	args := testArgs(2, layout.NATSingle)
	args.Settings.DataSubnetInternetAccess = true
	res, _ = runVPC(t, args, plan.Up)
	route := plantest.Named(t, res, token.EC2Route, "net-data-1-internet")
	assert.Equal(t, "net-nat-0_id", route.Props()["natGatewayId"])
}

func TestEndpointsFollowTheConfiguredList(t *testing.T) {
	res, vpc := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	byService := map[string]map[string]any{}
	for _, e := range plantest.Every(t, res, token.EC2VPCEndpoint, 3) {
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
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	sg := plantest.Named(t, res, token.EC2SecurityGroup, "net-endpoints")
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
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	groups := plantest.Every(t, res, token.EC2DefaultSecurityGroup, 1)
	require.Len(t, groups, 1)
	p := groups[0].Props()
	assert.Equal(t, "net_id", p["vpcId"])
	assert.Empty(t, p["ingress"])
	assert.Empty(t, p["egress"])
}

func TestFlowLogsCaptureAllTrafficIntoAnEncryptedRetainedGroup(t *testing.T) {
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	logs := plantest.Every(t, res, token.EC2FlowLog, 1)
	require.Len(t, logs, 1)
	p := logs[0].Props()
	assert.Equal(t, "net_id", p["vpcId"])
	assert.Equal(t, "ALL", p["trafficType"])
	assert.Equal(t, "cloud-watch-logs", p["logDestinationType"])

	group := plantest.Named(t, res, token.CloudWatchLogGroup, "net-flow-logs")
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:net-flow-logs", p["logDestination"])
	assert.EqualValues(t, 30, group.Props()["retentionInDays"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group.Props()["kmsKeyId"], "the stack's logs key, from the foundation")
	assert.Empty(t, res.OfType(token.KMSKey), "the VPC owns no key: the logs key is stack-wide")

	policy := plantest.Named(t, res, token.IAMRolePolicy, "net-flow-logs")
	assert.Contains(t, logs[0].DependsOn, policy.URN, "the flow log waits until its role may write")
	st := plantest.Statements(t, policy.Props()["policy"])
	assert.Equal(t, []any{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"}, st["WriteTheFlowLogGroup"]["Action"])
	arn := p["logDestination"]
	assert.Equal(t, []any{arn, fmt.Sprint(arn) + ":*"}, st["WriteTheFlowLogGroup"]["Resource"], "the one flow log group")
	assert.Equal(t, []any{"logs:DescribeLogGroups"}, st["DescribeLogGroups"]["Action"], "as AWS's documented delivery policy has it")
	trust := plantest.Trust(t, plantest.Named(t, res, token.IAMRole, "net-flow-logs").Props()["assumeRolePolicy"])
	assert.Equal(t, map[string]any{
		"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
		"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*"},
	}, trust["Condition"], "only this account's flow logs in the region assume it")
}

func TestOutputsAreWiredPerTierAndAZ(t *testing.T) {
	_, vpc := runVPC(t, testArgs(3, layout.NATPerAZ), plan.Up)
	assert.EqualValues(t, "net_id", plantest.Await(t, vpc.VPCID).Value)
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
	assert.Equal(t, []string{"ecr.api", "ssm"}, slices.Sorted(maps.Keys(vpc.EndpointDNSNames)), "a DNS name per interface endpoint")
}

func TestPreviewDeclaresTheSameResourcesWithUnknownIDs(t *testing.T) {
	up, _ := runVPC(t, testArgs(3, layout.NATPerAZ), plan.Up)
	preview, vpc := runVPC(t, testArgs(3, layout.NATPerAZ), plan.Preview)
	assert.Equal(t, up.CountByType(), preview.CountByType())
	assert.False(t, plantest.Await(t, vpc.VPCID).Known, "a new stack's VPC id is unknown in preview")
	assert.True(t, plantest.Await(t, vpc.CIDR).Known, "the CIDR is an input, known in preview")
	route := plantest.Named(t, preview, token.EC2Route, "net-app-0-internet")
	assert.Equal(t, plan.UnknownValue, route.Props()["natGatewayId"])
}

func TestEveryChildIsParentedToTheComponentAndNamedAfterIt(t *testing.T) {
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	component := plantest.Named(t, res, Type, "net")
	children := 0
	for _, r := range res.Resources {
		if !r.Custom || r.Type == token.AWSProvider {
			continue
		}
		children++
		assert.Equal(t, component.URN, r.Parent, "%s %s", r.Type, r.Name)
		assert.True(t, r.Name == "net" || strings.HasPrefix(r.Name, "net-"), "%s is named after its component", r.Name)
	}
	assert.Greater(t, children, 20)
}

func TestNewVPCRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, _, err := plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*VPC, error) {
		return NewVPC(ctx, "net", nil, opts...)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "network: vpc net: args are required")

	args := testArgs(2, layout.NATSingle)
	args.Settings.NATStrategy = "everywhere"
	args.Settings.AvailabilityZones = args.Settings.AvailabilityZones[:1]
	args.LogsKeyARN = nil
	_, _, err = plantest.RunErr(plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*VPC, error) {
		return NewVPC(ctx, "net", args, opts...)
	})
	require.Error(t, err)
	for _, want := range []string{"network: vpc net: ", "1 availability zones: need 2 to 4", `unknown NAT strategy "everywhere"`, "the logs key are required"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestProtectKeepsTheFlowLogsThroughADestroy(t *testing.T) {
	for _, protect := range []bool{false, true} {
		args := testArgs(2, layout.NATSingle)
		args.Settings.Protect = protect
		res, _ := runVPC(t, args, plan.Up)
		group := plantest.Named(t, res, token.CloudWatchLogGroup, "net-flow-logs")
		assert.Equal(t, protect, group.RetainOnDelete, "protect=%v", protect)
	}
}

func TestTheS3GatewayEndpointReachesOnlyThisAccountsBucketsAndTheAWSBucketsTheHostsRead(t *testing.T) {
	res, _ := runVPC(t, testArgs(2, layout.NATSingle), plan.Up)
	sids := plantest.Statements(t, plantest.Named(t, res, token.EC2VPCEndpoint, "net-s3").Props()["policy"])
	require.Len(t, sids, 2)
	own := sids["ThisAccountsPrincipalsToThisAccountsBuckets"]
	assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": "123456789012", "aws:ResourceAccount": "123456789012"}}, own["Condition"])
	aws := sids["AWSBucketsTheHostsRead"]
	assert.Equal(t, "s3:GetObject", aws["Action"], "read only")
	assert.Subset(t, aws["Resource"], []any{"arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*", "arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*",
		"arn:aws:s3:::amazon-ssm-us-east-1/*", "arn:aws:s3:::aws-ssm-us-east-1/*"})
	assert.NotContains(t, aws, "Condition")
}

func TestInterfaceEndpointsAdmitOnlyThisAccountsPrincipals(t *testing.T) {
	args := testArgs(2, layout.NATSingle)
	args.Settings.Endpoints = append(args.Settings.Endpoints, StorageGatewayEndpoint)
	res, _ := runVPC(t, args, plan.Up)
	checked := 0
	for _, ep := range plantest.Every(t, res, token.EC2VPCEndpoint, 3) {
		p := ep.Props()
		switch {
		case p["vpcEndpointType"] != "Interface":
		case ep.Name == "net-"+StorageGatewayEndpoint:
			assert.NotContains(t, p, "policy", "the appliance's unsigned traffic keeps the default policy")
		default:
			checked++
			s := plantest.Statements(t, p["policy"])["ThisAccountsPrincipals"]
			assert.Equal(t, map[string]any{"StringEquals": map[string]any{"aws:PrincipalAccount": "123456789012"}}, s["Condition"], ep.Name)
		}
	}
	assert.Positive(t, checked)
}

func TestS3InterfaceEndpointServesOnlyOnPremisesAfterTheGatewayEndpoint(t *testing.T) {
	args := testArgs(2, layout.NATSingle)
	args.Settings.Endpoints = []string{"ssm", S3Endpoint}
	for _, mode := range []plan.Mode{plan.Preview, plan.Up} {
		res, v := runVPC(t, args, mode)
		ep := plantest.Named(t, res, token.EC2VPCEndpoint, "net-s3-interface")
		p := ep.Props()
		assert.Equal(t, "com.amazonaws.us-east-1.s3", p["serviceName"], mode)
		assert.Equal(t, "Interface", p["vpcEndpointType"], mode)
		assert.Equal(t, true, p["privateDnsEnabled"], mode)
		assert.Equal(t, map[string]any{"privateDnsOnlyForInboundResolverEndpoint": true}, p["dnsOptions"], mode)
		assert.Contains(t, ep.DependsOn, plantest.Named(t, res, token.EC2VPCEndpoint, "net-s3").URN, "AWS wants the gateway endpoint first")
		assert.Equal(t, "Gateway", plantest.Named(t, res, token.EC2VPCEndpoint, "net-s3").Props()["vpcEndpointType"], mode)
		assert.Contains(t, v.EndpointDNSNames, S3Endpoint)
	}
}

func TestFirstDNSNameDropsS3sWildcard(t *testing.T) {
	name := func(s string) *string { return &s }
	got, err := firstDNSName("s3", []ec2.VpcEndpointDnsEntry{{DnsName: name("*.vpce-1.s3.us-east-1.vpce.amazonaws.com")}, {DnsName: name("s3.us-east-1.amazonaws.com")}})
	require.NoError(t, err)
	assert.Equal(t, "vpce-1.s3.us-east-1.vpce.amazonaws.com", got)
	got, err = firstDNSName("ssm", []ec2.VpcEndpointDnsEntry{{DnsName: name("vpce-2.ssm.us-east-1.vpce.amazonaws.com")}})
	require.NoError(t, err)
	assert.Equal(t, "vpce-2.ssm.us-east-1.vpce.amazonaws.com", got)
	_, err = firstDNSName("logs", nil)
	assert.ErrorContains(t, err, "logs has no DNS entry")
}

func TestAnEC2GatewayReachesTheStorageGatewayEndpointsControlPorts(t *testing.T) {
	args := testArgs(2, layout.NATSingle)
	args.Settings.Endpoints = []string{StorageGatewayEndpoint}
	for _, mode := range []plan.Mode{plan.Preview, plan.Up} {
		res, _ := runVPC(t, args, mode)
		clients := plantest.Named(t, res, token.EC2SecurityGroup, "net-storagegateway-clients")
		sg := plantest.Named(t, res, token.EC2SecurityGroup, "net-endpoints")
		assert.Contains(t, sg.Dependencies["ingress"], clients.URN, mode)
		var ports []float64
		for _, r := range sg.Props()["ingress"].([]any) {
			rule := r.(map[string]any)
			if rule["description"] == "Storage Gateway from an EC2 gateway in the VPC" {
				ports = append(ports, rule["fromPort"].(float64))
			}
		}
		assert.Equal(t, []float64{1026, 1031, 2222}, ports, mode)
	}
}
