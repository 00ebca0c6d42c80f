package hybrid

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

// testDNSArgs is hybrid DNS in a three-AZ VPC with addresses in the first two AZs.
func testDNSArgs() *DNSArgs {
	return &DNSArgs{
		Settings:        DNSSettings{EndpointIPCount: 2, QueryLogRetentionDays: 90, Protect: true},
		VPCID:           pulumi.String("vpc-1"),
		SubnetIDs:       pulumi.StringArray{pulumi.String("app-0"), pulumi.String("app-1"), pulumi.String("app-2")},
		OnPremisesCIDRs: onPremCIDRs,
		Domain:          "corp.insurance.example",
		Servers:         []netip.Addr{netip.MustParseAddr("10.100.0.10"), netip.MustParseAddr("10.100.0.11")},
		LogsKeyARN:      pulumi.String(logsKeyARN),
		AccountID:       pulumi.String("123456789012"),
		Partition:       "aws",
		Region:          "us-east-1",
	}
}

// runDNS declares one DNS named "dns" under the mocks.
func runDNS(t *testing.T, args *DNSArgs, mode plan.Mode) (*plan.Result, *DNS) {
	t.Helper()
	return plantest.Run(t, mode, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DNS, error) {
		return NewDNS(ctx, "dns", args, opts...)
	})
}

func TestOnPremisesDomainIsForwardedToItsServersFromTheVPC(t *testing.T) {
	res, d := runDNS(t, testDNSArgs(), plan.Up)
	rule := plantest.Named(t, res, token.Route53ResolverRule, "dns-onprem").Props()
	assert.Equal(t, "FORWARD", rule["ruleType"])
	assert.Equal(t, "corp.insurance.example", rule["domainName"])
	assert.Equal(t, "dns-outbound_id", rule["resolverEndpointId"])
	assert.Equal(t, []any{
		map[string]any{"ip": "10.100.0.10", "port": 53.0},
		map[string]any{"ip": "10.100.0.11", "port": 53.0},
	}, rule["targetIps"])
	assoc := plantest.Named(t, res, token.Route53ResolverRuleAssociation, "dns-onprem").Props()
	assert.Equal(t, "dns-onprem_id", assoc["resolverRuleId"])
	assert.Equal(t, "vpc-1", assoc["vpcId"])
	assert.Equal(t, pulumi.ID("dns-onprem_id"), plantest.Await(t, d.ForwardingRuleID).Value)
	assert.Equal(t, pulumi.ID("dns-outbound_id"), plantest.Await(t, d.OutboundEndpointID).Value)
}

func TestResolverEndpointsTakeTheFirstAZsBehindDNSOnlySecurityGroups(t *testing.T) {
	res, _ := runDNS(t, testDNSArgs(), plan.Up)
	for _, tc := range []struct{ name, direction string }{{"dns-inbound", "INBOUND"}, {"dns-outbound", "OUTBOUND"}} {
		ep := plantest.Named(t, res, token.Route53ResolverEndpoint, tc.name).Props()
		assert.Equal(t, tc.direction, ep["direction"])
		assert.Equal(t, []any{map[string]any{"subnetId": "app-0"}, map[string]any{"subnetId": "app-1"}}, ep["ipAddresses"],
			"one address per AZ, in the first endpointIpCount AZs")
		assert.Equal(t, []any{tc.name + "_id"}, ep["securityGroupIds"])
	}

	inbound := plantest.Named(t, res, token.EC2SecurityGroup, "dns-inbound").Props()
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

	outbound := plantest.Named(t, res, token.EC2SecurityGroup, "dns-outbound").Props()
	assert.NotContains(t, outbound, "ingress")
	egress := outbound["egress"].([]any)
	require.Len(t, egress, 2)
	protocols = nil
	for _, r := range egress {
		rule := r.(map[string]any)
		protocols = append(protocols, rule["protocol"])
		assert.EqualValues(t, 53, rule["fromPort"])
		assert.EqualValues(t, 53, rule["toPort"])
		assert.Equal(t, []any{"10.100.0.10/32", "10.100.0.11/32"}, rule["cidrBlocks"], "DNS to the on-premises servers only")
	}
	assert.ElementsMatch(t, []any{"udp", "tcp"}, protocols)
}

func TestVPCQueriesAreLoggedToAnEncryptedGroup(t *testing.T) {
	res, _ := runDNS(t, testDNSArgs(), plan.Up)
	group := plantest.Named(t, res, token.CloudWatchLogGroup, "dns-queries")
	assert.EqualValues(t, 90, group.Props()["retentionInDays"])
	assert.Equal(t, logsKeyARN, group.Props()["kmsKeyId"])
	assert.Equal(t, "arn:aws:logs:us-east-1:123456789012:log-group:dns-queries", plantest.Named(t, res, token.Route53ResolverQueryLogConfig, "dns-queries").Props()["destinationArn"])
	assoc := plantest.Named(t, res, token.Route53ResolverQueryLogConfigAssociation, "dns-queries").Props()
	assert.Equal(t, "vpc-1", assoc["resourceId"])
	assert.Equal(t, "dns-queries_id", assoc["resolverQueryLogConfigId"])
}

func TestQueryLogsAreDeliveredThroughAPolicyOnTheirGroupAloneDeclaredBeforeDeliveryStarts(t *testing.T) {
	for _, mode := range plantest.Modes {
		res, _ := runDNS(t, testDNSArgs(), mode)
		policies := plantest.Every(t, res, token.CloudWatchLogResourcePolicy, 1)
		require.Len(t, policies, 1, "one delivery policy: the account's 10 per region are shared")
		policy := plantest.Named(t, res, token.CloudWatchLogResourcePolicy, "dns-queries")
		config := plantest.Named(t, res, token.Route53ResolverQueryLogConfig, "dns-queries")
		assert.Contains(t, config.DependsOn, policy.URN, "%s: the configuration starts delivery, after the policy", mode)
		assert.Equal(t, "dns-queries", policy.Props()["policyName"], mode)
		if mode == plan.Preview {
			continue // the group's ARN, and so the document, is unknown until the group exists
		}
		st := plantest.Statements(t, policy.Props()["policyDocument"])
		require.Len(t, st, 1)
		s := st["AWSLogDeliveryWrite"]
		assert.Equal(t, "Allow", s["Effect"])
		assert.Equal(t, map[string]any{"Service": "delivery.logs.amazonaws.com"}, s["Principal"])
		assert.Equal(t, []any{"logs:CreateLogStream", "logs:PutLogEvents"}, s["Action"])
		assert.Equal(t, []any{"arn:aws:logs:us-east-1:123456789012:log-group:dns-queries:log-stream:*"}, s["Resource"])
		assert.Equal(t, map[string]any{
			"StringEquals": map[string]any{"aws:SourceAccount": "123456789012"},
			"ArnLike":      map[string]any{"aws:SourceArn": "arn:aws:logs:us-east-1:123456789012:*"},
		}, s["Condition"])
	}
}

func TestProtectKeepsTheInboundEndpointAndTheQueryLogs(t *testing.T) {
	for _, protect := range []bool{false, true} {
		args := testDNSArgs()
		args.Settings.Protect = protect
		res, _ := runDNS(t, args, plan.Up)
		assert.Equal(t, protect, plantest.Named(t, res, token.Route53ResolverEndpoint, "dns-inbound").Protect,
			"protect=%v: the on-premises forwarders point at its addresses", protect)
		assert.False(t, plantest.Named(t, res, token.Route53ResolverEndpoint, "dns-outbound").Protect, "protect=%v", protect)
		assert.Equal(t, protect, plantest.Named(t, res, token.CloudWatchLogGroup, "dns-queries").RetainOnDelete, "protect=%v", protect)
	}
}

func TestInboundEndpointAddressesAreExportedInAZOrder(t *testing.T) {
	_, d := runDNS(t, testDNSArgs(), plan.Up)
	assert.True(t, plantest.Await(t, d.InboundEndpointIPs).Known)
	assert.Equal(t, []string{"10.10.0.53", "10.10.16.53"}, endpointIPs([]route53.ResolverEndpointIpAddress{
		{SubnetId: "app-0", Ip: ptr("10.10.0.53")}, {SubnetId: "app-1", Ip: ptr("10.10.16.53")}, {SubnetId: "app-2"},
	}), "the addresses AWS assigned, in AZ order")
}

func TestPreviewDeclaresWhatUpDeclaresForDNS(t *testing.T) {
	up, _ := runDNS(t, testDNSArgs(), plan.Up)
	preview, _ := runDNS(t, testDNSArgs(), plan.Preview)
	assert.NotEmpty(t, up.Resources)
	assert.Equal(t, up.CountByType(), preview.CountByType())
}

func TestEveryChildIsParentedToTheDNSAndNamedAfterIt(t *testing.T) {
	res, _ := runDNS(t, testDNSArgs(), plan.Up)
	component := plantest.Named(t, res, DNSType, "dns")
	children := 0
	for _, r := range res.Resources {
		if !r.Custom || r.Type == token.AWSProvider {
			continue
		}
		children++
		assert.Equal(t, component.URN, r.Parent, "%s %s", r.Type, r.Name)
		assert.True(t, strings.HasPrefix(r.Name, "dns-"), "%s is named after its component", r.Name)
	}
	assert.Equal(t, 10, children, "2 security groups, 2 endpoints, the rule and its association, the log group, its delivery policy, config and association")
}

func TestNewDNSRefusesMissingAndBadArgsNamingTheComponent(t *testing.T) {
	_, err := declareDNSErr(t, nil)
	require.Error(t, err)
	assert.Equal(t, "hybrid: dns dns: args are required", err.Error())

	tests := []struct {
		name string
		edit func(a *DNSArgs)
		want string
	}{
		{"one address", func(a *DNSArgs) { a.Settings.EndpointIPCount = 1 }, "1 endpoint addresses; Resolver endpoints need addresses in at least 2 AZs"},
		{"more addresses than subnets", func(a *DNSArgs) { a.Settings.EndpointIPCount = 4 }, "4 endpoint addresses but 3 subnets"},
		{"no domain", func(a *DNSArgs) { a.Domain = "" }, "the on-premises CIDRs, domain and DNS servers are required"},
		{"no logs key", func(a *DNSArgs) { a.LogsKeyARN = nil }, "query logs need the logs key, a positive retention"},
		{"no retention", func(a *DNSArgs) { a.Settings.QueryLogRetentionDays = 0 }, "query logs need the logs key, a positive retention"},
		{"no account for the delivery policy", func(a *DNSArgs) { a.AccountID = nil }, "the account, partition and region"},
		{"no partition for the delivery policy", func(a *DNSArgs) { a.Partition = "" }, "the account, partition and region"},
		{"no region for the delivery policy", func(a *DNSArgs) { a.Region = "" }, "the account, partition and region"},
		{"no VPC", func(a *DNSArgs) { a.VPCID = nil }, "the VPC id is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := testDNSArgs()
			tt.edit(args)
			res, err := declareDNSErr(t, args)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "hybrid: dns dns: "), err.Error())
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, res.Resources[1:], "nothing but the provider is declared before the args are valid")
		})
	}
}

// declareDNSErr runs NewDNS under the mocks and returns its error instead of failing the run, so a test can
// see what was declared before it.
func declareDNSErr(t *testing.T, args *DNSArgs) (*plan.Result, error) {
	t.Helper()
	var declared error
	res, _ := plantest.Run(t, plan.Up, func(ctx *pulumi.Context, opts ...pulumi.ResourceOption) (*DNS, error) {
		d, err := NewDNS(ctx, "dns", args, opts...)
		declared = err
		return d, nil
	})
	return res, declared
}

func TestDNSRulesAreTheSameBothWays(t *testing.T) {
	peers := pulumi.StringArray{pulumi.String("10.100.0.0/16")}
	ingress, egress := dnsIngress(peers, "DNS"), dnsEgress(peers, "DNS")
	require.Len(t, ingress, len(dnsProtocols))
	require.Len(t, egress, len(dnsProtocols))
	for i, proto := range dnsProtocols {
		in := ingress[i].(ec2.SecurityGroupIngressArgs)
		out := egress[i].(ec2.SecurityGroupEgressArgs)
		assert.Equal(t, pulumi.String(proto), in.Protocol)
		assert.Equal(t, pulumi.Int(53), in.FromPort)
		assert.Equal(t, pulumi.Int(53), in.ToPort)
		assert.Equal(t, pulumi.String("DNS ("+proto+")"), in.Description)
		assert.Equal(t, peers, in.CidrBlocks)
		assert.Equal(t, in, ec2.SecurityGroupIngressArgs(out), "an egress rule is the ingress rule the other way")
	}
}

func ptr(s string) *string { return &s }
