package hybrid

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
)

const (
	typeSG            = "aws:ec2/securityGroup:SecurityGroup"
	typeEndpoint      = "aws:route53/resolverEndpoint:ResolverEndpoint"
	typeRule          = "aws:route53/resolverRule:ResolverRule"
	typeRuleAssoc     = "aws:route53/resolverRuleAssociation:ResolverRuleAssociation"
	typeQueryLog      = "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig"
	typeQueryLogAssoc = "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation"
)

func testDNSArgs() *DNSArgs {
	return &DNSArgs{
		VpcID:                 pulumi.String("vpc-1"),
		SubnetIDs:             ids("app"),
		OnPremisesCIDRs:       onPremCIDRs,
		Domain:                "corp.insurance.example",
		Servers:               []netip.Addr{netip.MustParseAddr("10.100.0.10"), netip.MustParseAddr("10.100.0.11")},
		QueryLogRetentionDays: 90,
		LogsKeyArn:            pulumi.String("arn:aws:kms:us-east-1:123456789012:key/logs"),
		Protect:               true,
	}
}

func runDNS(t *testing.T, args *DNSArgs, mode plan.Mode) (*plan.Result, *DNS) {
	t.Helper()
	var d *DNS
	res, err := plan.Run(func(ctx *pulumi.Context) error {
		var err error
		d, err = NewDNS(ctx, "dns", args)
		return err
	}, plan.Stack{Project: "hybridcloud", Name: "test"}, mode)
	require.NoError(t, err)
	return res, d
}

func TestOnPremisesDomainIsForwardedToItsServersFromTheVpc(t *testing.T) {
	res, d := runDNS(t, testDNSArgs(), plan.Up)
	rule := plantest.Named(t, res, typeRule, "dns-onprem").Props()
	assert.Equal(t, "FORWARD", rule["ruleType"])
	assert.Equal(t, "corp.insurance.example", rule["domainName"])
	assert.Equal(t, "dns-outbound_id", rule["resolverEndpointId"])
	assert.Equal(t, []any{
		map[string]any{"ip": "10.100.0.10", "port": 53.0},
		map[string]any{"ip": "10.100.0.11", "port": 53.0},
	}, rule["targetIps"])
	assoc := plantest.Named(t, res, typeRuleAssoc, "dns-onprem").Props()
	assert.Equal(t, "dns-onprem_id", assoc["resolverRuleId"])
	assert.Equal(t, "vpc-1", assoc["vpcId"])
	assert.Equal(t, pulumi.ID("dns-onprem_id"), plantest.Await(t, d.ForwardingRuleID).Value)
}

func TestResolverEndpointsSpanTwoAZsBehindDNSOnlySecurityGroups(t *testing.T) {
	res, _ := runDNS(t, testDNSArgs(), plan.Up)
	for _, tc := range []struct{ name, direction string }{{"dns-inbound", "INBOUND"}, {"dns-outbound", "OUTBOUND"}} {
		ep := plantest.Named(t, res, typeEndpoint, tc.name).Props()
		assert.Equal(t, tc.direction, ep["direction"])
		assert.Equal(t, []any{map[string]any{"subnetId": "app-0"}, map[string]any{"subnetId": "app-1"}}, ep["ipAddresses"], "one address per AZ")
		assert.Equal(t, []any{tc.name + "_id"}, ep["securityGroupIds"])
	}

	inbound := plantest.Named(t, res, typeSG, "dns-inbound").Props()
	assert.NotContains(t, inbound, "egress", "the inbound endpoint only answers")
	ingress := inbound["ingress"].([]any)
	require.Len(t, ingress, 2)
	var protocols []any
	for _, r := range ingress {
		rule := r.(map[string]any)
		protocols = append(protocols, rule["protocol"])
		assert.EqualValues(t, 53, rule["fromPort"])
		assert.EqualValues(t, 53, rule["toPort"])
		assert.Equal(t, []any{"10.100.0.0/16", "172.20.0.0/16"}, rule["cidrBlocks"], "DNS from the on-premises networks only")
	}
	assert.ElementsMatch(t, []any{"udp", "tcp"}, protocols)

	outbound := plantest.Named(t, res, typeSG, "dns-outbound").Props()
	assert.NotContains(t, outbound, "ingress")
	for _, r := range outbound["egress"].([]any) {
		rule := r.(map[string]any)
		assert.EqualValues(t, 53, rule["fromPort"])
		assert.Equal(t, []any{"10.100.0.10/32", "10.100.0.11/32"}, rule["cidrBlocks"], "DNS to the on-premises servers only")
	}
}

func TestVpcQueriesAreLoggedToAnEncryptedGroup(t *testing.T) {
	res, _ := runDNS(t, testDNSArgs(), plan.Up)
	group := plantest.Named(t, res, typeLogGroup, "dns-queries")
	assert.EqualValues(t, 90, group.Props()["retentionInDays"])
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/logs", group.Props()["kmsKeyId"])
	assert.True(t, group.RetainOnDelete)
	assert.Equal(t, "arn:aws:cloudwatch:us-east-1:123456789012:dns-queries", plantest.Named(t, res, typeQueryLog, "dns-queries").Props()["destinationArn"])
	assoc := plantest.Named(t, res, typeQueryLogAssoc, "dns-queries").Props()
	assert.Equal(t, "vpc-1", assoc["resourceId"])
	assert.Equal(t, "dns-queries_id", assoc["resolverQueryLogConfigId"])
}

func TestInboundEndpointIsProtectedAndItsAddressesExported(t *testing.T) {
	res, d := runDNS(t, testDNSArgs(), plan.Up)
	assert.True(t, plantest.Named(t, res, typeEndpoint, "dns-inbound").Protect, "the on-premises forwarders point at its addresses")
	assert.False(t, plantest.Named(t, res, typeEndpoint, "dns-outbound").Protect)
	assert.True(t, plantest.Await(t, d.InboundEndpointIPs).Known)
	assert.Equal(t, []string{"10.10.0.53", "10.10.16.53"}, endpointIPs([]route53.ResolverEndpointIpAddress{
		{SubnetId: "app-0", Ip: ptr("10.10.0.53")}, {SubnetId: "app-1", Ip: ptr("10.10.16.53")}, {SubnetId: "app-2"},
	}), "the addresses AWS assigned, in AZ order")

	preview, _ := runDNS(t, testDNSArgs(), plan.Preview)
	assert.Len(t, preview.Resources, len(res.Resources))
	for _, r := range preview.Resources {
		if r.Type != "hybridcloud:hybrid:DNS" {
			assert.Contains(t, r.Parent, "hybridcloud:hybrid:DNS::dns", "%s %s is parented to the component", r.Type, r.Name)
		}
	}
}

func TestDNSRefusesFewerThanTwoAZs(t *testing.T) {
	args := testDNSArgs()
	args.SubnetIDs = args.SubnetIDs[:1]
	err := args.validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "hybrid: dns: 1 subnets given")
}

func ptr(s string) *string { return &s }
