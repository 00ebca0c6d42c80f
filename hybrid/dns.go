package hybrid

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/internal/deploy/logdelivery"
	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// DNSType is the type token of the DNS component.
const DNSType = "hybridcloud:hybrid:DNS"

// DNSArgs configures DNS: its own settings, and the wiring from the VPC and the data centre.
type DNSArgs struct {
	// Settings are hybrid DNS's own settings. Required.
	Settings DNSSettings
	// VPCID is the VPC whose names on-premises resolves and whose resources resolve on-premises names.
	// Required.
	VPCID pulumi.StringInput
	// SubnetIDs are one subnet per AZ, in AZ order (the VPC's app subnets); the first
	// Settings.EndpointIPCount hold one address of each Resolver endpoint each. Required: at least
	// EndpointIPCount.
	SubnetIDs pulumi.StringArray
	// OnPremisesCIDRs may query the inbound endpoint. Required.
	OnPremisesCIDRs []netip.Prefix
	// Domain is the on-premises DNS domain forwarded to Servers. Required.
	Domain string
	// Servers are the on-premises resolvers; the outbound endpoint may reach only them, on port 53.
	// Required.
	Servers []netip.Addr
	// LogsKeyARN encrypts the query log group (the stack's logs key). Required.
	LogsKeyARN pulumi.StringInput
	// AccountID, Partition and Region pin the query log group's delivery policy to this account's
	// deliveries in this region. Required.
	AccountID         pulumi.StringInput
	Partition, Region string
}

// DNS is hybrid DNS: Route 53 Resolver endpoints so the data centre resolves the VPC's private names and
// the VPC resolves the on-premises domain.
type DNS struct {
	pulumi.ResourceState

	// InboundEndpointIPs are the addresses on-premises DNS servers forward AWS names to (conditional
	// forwarders for amazonaws.com, the private hosted zones, ...).
	InboundEndpointIPs pulumi.StringArrayOutput
	// OutboundEndpointIPs are the addresses the outbound endpoint sends queries for the on-premises domain
	// from: on-premises DNS servers must accept queries from them.
	OutboundEndpointIPs pulumi.StringArrayOutput
	// OutboundEndpointID is the endpoint that forwards the on-premises domain.
	OutboundEndpointID pulumi.IDOutput
	// ForwardingRuleID is the rule forwarding the on-premises domain to its servers.
	ForwardingRuleID pulumi.IDOutput
}

func (a *DNSArgs) validate() error {
	var errs []error
	s := a.Settings
	if a.VPCID == nil {
		errs = append(errs, errors.New("the VPC id is required"))
	}
	switch n := s.EndpointIPCount; {
	case n < MinResolverIPs:
		errs = append(errs, fmt.Errorf("%d endpoint addresses; Resolver endpoints need addresses in at least %d AZs", n, MinResolverIPs))
	case n > len(a.SubnetIDs):
		errs = append(errs, fmt.Errorf("%d endpoint addresses but %d subnets: one address per AZ", n, len(a.SubnetIDs)))
	}
	if len(a.OnPremisesCIDRs) == 0 || a.Domain == "" || len(a.Servers) == 0 {
		errs = append(errs, errors.New("the on-premises CIDRs, domain and DNS servers are required"))
	}
	if a.LogsKeyARN == nil || s.QueryLogRetentionDays <= 0 || a.AccountID == nil || a.Partition == "" || a.Region == "" {
		errs = append(errs, errors.New("query logs need the logs key, a positive retention, the account, partition and region"))
	}
	return errors.Join(errs...)
}

// NewDNS declares the inbound and outbound Resolver endpoints, the forwarding rule for the on-premises
// domain, and query logging for the VPC.
func NewDNS(ctx *pulumi.Context, name string, args *DNSArgs, opts ...pulumi.ResourceOption) (*DNS, error) {
	if args == nil {
		return nil, fmt.Errorf("hybrid: dns %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("hybrid: dns %s: %w", name, err)
	}
	d := &DNS{}
	if err := ctx.RegisterComponentResource(DNSType, name, d, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)

	inbound, outbound, err := declareEndpoints(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	d.InboundEndpointIPs = inbound.IpAddresses.ApplyT(endpointIPs).(pulumi.StringArrayOutput)
	d.OutboundEndpointID = outbound.ID()
	d.OutboundEndpointIPs = outbound.IpAddresses.ApplyT(endpointIPs).(pulumi.StringArrayOutput)

	rule, err := route53.NewResolverRule(ctx, name+"-onprem", forwardingRuleArgs(name, args.Domain, args.Servers, outbound.ID()), parent)
	if err != nil {
		return nil, err
	}
	d.ForwardingRuleID = rule.ID()
	if _, err := route53.NewResolverRuleAssociation(ctx, name+"-onprem", &route53.ResolverRuleAssociationArgs{
		Name:           pulumi.String(name + "-onprem"),
		ResolverRuleId: rule.ID(),
		VpcId:          args.VPCID,
	}, parent); err != nil {
		return nil, err
	}

	if err := declareQueryLogs(ctx, name, args, parent); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(d, pulumi.Map{
		"inboundEndpointIps":  d.InboundEndpointIPs,
		"outboundEndpointId":  d.OutboundEndpointID,
		"outboundEndpointIps": d.OutboundEndpointIPs,
		"forwardingRuleId":    d.ForwardingRuleID,
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// declareEndpoints declares the inbound endpoint, which answers DNS from the data centre only (and is
// protected: the on-premises forwarders point at its addresses), and the outbound endpoint, which may send
// DNS to the on-premises servers only. Each sits behind its own security group with rules one way only.
func declareEndpoints(ctx *pulumi.Context, name string, args *DNSArgs, parent pulumi.ResourceOption) (inbound, outbound *route53.ResolverEndpoint, err error) {
	servers := make([]netip.Prefix, 0, len(args.Servers))
	for _, s := range args.Servers {
		servers = append(servers, netip.PrefixFrom(s, 32))
	}
	inboundSG, err := ec2.NewSecurityGroup(ctx, name+"-inbound", &ec2.SecurityGroupArgs{
		VpcId:       args.VPCID,
		Description: pulumi.String("Resolver inbound endpoint: DNS from the on-premises networks only"),
		Ingress:     dnsIngress(netrules.CIDRs(args.OnPremisesCIDRs), "DNS from on premises"),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-inbound")},
	}, parent)
	if err != nil {
		return nil, nil, err
	}
	outboundSG, err := ec2.NewSecurityGroup(ctx, name+"-outbound", &ec2.SecurityGroupArgs{
		VpcId:       args.VPCID,
		Description: pulumi.String("Resolver outbound endpoint: DNS to the on-premises servers only"),
		Egress:      dnsEgress(netrules.CIDRs(servers), "DNS to the on-premises servers"),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-outbound")},
	}, parent)
	if err != nil {
		return nil, nil, err
	}

	subnets := args.SubnetIDs[:args.Settings.EndpointIPCount]
	inbound, err = route53.NewResolverEndpoint(ctx, name+"-inbound", resolverEndpointArgs(name+"-inbound", "INBOUND", inboundSG.ID(), subnets),
		parent, pulumi.Protect(args.Settings.Protect))
	if err != nil {
		return nil, nil, err
	}
	outbound, err = route53.NewResolverEndpoint(ctx, name+"-outbound", resolverEndpointArgs(name+"-outbound", "OUTBOUND", outboundSG.ID(), subnets), parent)
	if err != nil {
		return nil, nil, err
	}
	return inbound, outbound, nil
}

// resolverEndpointArgs is a Resolver endpoint with one address in each of subnets (one per AZ), plain DNS
// over IPv4.
func resolverEndpointArgs(name, direction string, securityGroupID pulumi.IDOutput, subnets pulumi.StringArray) *route53.ResolverEndpointArgs {
	addresses := make(route53.ResolverEndpointIpAddressArray, 0, len(subnets))
	for _, subnet := range subnets {
		addresses = append(addresses, route53.ResolverEndpointIpAddressArgs{SubnetId: subnet})
	}
	return &route53.ResolverEndpointArgs{
		Name:                 pulumi.String(name),
		Direction:            pulumi.String(direction),
		ResolverEndpointType: pulumi.String("IPV4"),
		Protocols:            pulumi.ToStringArray([]string{"Do53"}),
		SecurityGroupIds:     pulumi.StringArray{securityGroupID},
		IpAddresses:          addresses,
		Tags:                 pulumi.StringMap{"Name": pulumi.String(name)},
	}
}

// forwardingRuleArgs forwards the on-premises domain to its servers, on port 53, through the outbound
// endpoint.
func forwardingRuleArgs(name, domain string, servers []netip.Addr, outboundID pulumi.IDOutput) *route53.ResolverRuleArgs {
	targets := make(route53.ResolverRuleTargetIpArray, 0, len(servers))
	for _, s := range servers {
		targets = append(targets, route53.ResolverRuleTargetIpArgs{Ip: pulumi.String(s.String()), Port: pulumi.Int(53)})
	}
	return &route53.ResolverRuleArgs{
		Name:               pulumi.String(name + "-onprem"),
		DomainName:         pulumi.String(domain),
		RuleType:           pulumi.String("FORWARD"),
		ResolverEndpointId: outboundID,
		TargetIps:          targets,
		Tags:               pulumi.StringMap{"Name": pulumi.String(name + "-onprem")},
	}
}

// endpointIPs are the IPv4 addresses AWS assigned to an endpoint's interfaces.
func endpointIPs(ips []route53.ResolverEndpointIpAddress) []string {
	out := make([]string, 0, len(ips))
	for _, ip := range ips {
		if ip.Ip != nil {
			out = append(out, *ip.Ip)
		}
	}
	return out
}

// declareQueryLogs logs the VPC's DNS queries to an encrypted log group: who resolved what is evidence in
// an incident (exfiltration over DNS, a compromised host's lookups).
func declareQueryLogs(ctx *pulumi.Context, name string, args *DNSArgs, parent pulumi.ResourceOption) error {
	group, err := cloudwatch.NewLogGroup(ctx, name+"-queries", &cloudwatch.LogGroupArgs{
		RetentionInDays: pulumi.Int(args.Settings.QueryLogRetentionDays),
		KmsKeyId:        args.LogsKeyARN,
	}, parent, pulumi.RetainOnDelete(args.Settings.Protect))
	if err != nil {
		return err
	}
	// Resolver delivers query logs as vended logs ("Resolver query logging", Route 53 Developer Guide;
	// CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs"): the delivery service writes through a
	// resource policy, declared here for this group alone before the configuration that starts delivery.
	delivery, err := logdelivery.New(ctx, name+"-queries", logdelivery.Args{
		GroupARNs: pulumi.StringArray{group.Arn}, AccountID: args.AccountID, Partition: args.Partition, Region: args.Region,
	}, parent)
	if err != nil {
		return err
	}
	queryLog, err := route53.NewResolverQueryLogConfig(ctx, name+"-queries", &route53.ResolverQueryLogConfigArgs{
		Name:           pulumi.String(name + "-queries"),
		DestinationArn: group.Arn,
	}, parent, pulumi.DependsOn([]pulumi.Resource{delivery}))
	if err != nil {
		return err
	}
	_, err = route53.NewResolverQueryLogConfigAssociation(ctx, name+"-queries", &route53.ResolverQueryLogConfigAssociationArgs{
		ResolverQueryLogConfigId: queryLog.ID(),
		ResourceId:               args.VPCID,
	}, parent)
	return err
}

// dnsProtocols are the transports DNS uses: UDP, and TCP for large answers and zone transfers.
var dnsProtocols = []string{"udp", "tcp"}

// dnsRules are DNS (port 53) to or from peers, one rule per protocol. Ingress and egress rules have the
// same fields, so one builder serves both (dnsIngress, dnsEgress convert).
func dnsRules(peers pulumi.StringArray, description string) []ec2.SecurityGroupIngressArgs {
	out := make([]ec2.SecurityGroupIngressArgs, 0, len(dnsProtocols))
	for _, proto := range dnsProtocols {
		out = append(out, ec2.SecurityGroupIngressArgs{
			Description: pulumi.String(description + " (" + proto + ")"),
			Protocol:    pulumi.String(proto), FromPort: pulumi.Int(53), ToPort: pulumi.Int(53),
			CidrBlocks: peers,
		})
	}
	return out
}

// dnsIngress admits DNS from peers.
func dnsIngress(peers pulumi.StringArray, description string) ec2.SecurityGroupIngressArray {
	var out ec2.SecurityGroupIngressArray
	for _, r := range dnsRules(peers, description) {
		out = append(out, r)
	}
	return out
}

// dnsEgress allows DNS to peers.
func dnsEgress(peers pulumi.StringArray, description string) ec2.SecurityGroupEgressArray {
	var out ec2.SecurityGroupEgressArray
	for _, r := range dnsRules(peers, description) {
		out = append(out, ec2.SecurityGroupEgressArgs(r))
	}
	return out
}
