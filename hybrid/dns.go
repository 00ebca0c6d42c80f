package hybrid

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// MinResolverIPs is the number of addresses (each in its own AZ) AWS requires per Resolver endpoint.
const MinResolverIPs = 2

// DNSArgs configures DNS.
type DNSArgs struct {
	// VpcID is the VPC whose names on-premises resolves and whose resources resolve on-premises names.
	// Required.
	VpcID pulumi.StringInput
	// SubnetIDs hold one address of each Resolver endpoint, each in a separate AZ. Required: at least
	// MinResolverIPs. Every address is an ENI billed by the hour, so dev uses two and prod one per AZ.
	SubnetIDs pulumi.StringArray
	// OnPremisesCIDRs may query the inbound endpoint. Required.
	OnPremisesCIDRs []netip.Prefix
	// Domain is the on-premises DNS domain forwarded to Servers. Required.
	Domain string
	// Servers are the on-premises resolvers; the outbound endpoint may reach only them, on port 53.
	// Required.
	Servers []netip.Addr
	// QueryLogRetentionDays is how long Resolver query logs of the VPC are kept. Required.
	QueryLogRetentionDays int
	// LogsKeyArn encrypts the query log group. Required.
	LogsKeyArn pulumi.StringInput
	// Protect sets pulumi protect on the inbound endpoint, whose addresses the on-premises forwarders are
	// configured with, and keeps the query logs through a destroy. Default false; prod sets it.
	Protect bool
}

// DNS is hybrid DNS: Route 53 Resolver endpoints so the data centre resolves the VPC's private names and
// the VPC resolves the on-premises domain.
type DNS struct {
	pulumi.ResourceState

	// InboundEndpointIPs are the addresses on-premises DNS servers forward AWS names to (conditional
	// forwarders for amazonaws.com, the private hosted zones, ...).
	InboundEndpointIPs pulumi.StringArrayOutput
	// OutboundEndpointID is the endpoint that forwards the on-premises domain.
	OutboundEndpointID pulumi.IDOutput
	// ForwardingRuleID is the rule forwarding the on-premises domain to its servers.
	ForwardingRuleID pulumi.IDOutput
}

func (a *DNSArgs) validate() error {
	var errs []error
	if a.VpcID == nil {
		errs = append(errs, errors.New("the VPC id is required"))
	}
	if len(a.SubnetIDs) < MinResolverIPs {
		errs = append(errs, fmt.Errorf("%d subnets given; Resolver endpoints need addresses in at least %d AZs", len(a.SubnetIDs), MinResolverIPs))
	}
	if len(a.OnPremisesCIDRs) == 0 || a.Domain == "" || len(a.Servers) == 0 {
		errs = append(errs, errors.New("the on-premises CIDRs, domain and DNS servers are required"))
	}
	if a.LogsKeyArn == nil || a.QueryLogRetentionDays <= 0 {
		errs = append(errs, errors.New("query logs need the logs key and a positive retention"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hybrid: dns: %w", err)
	}
	return nil
}

// NewDNS declares the inbound and outbound Resolver endpoints, the forwarding rule for the on-premises
// domain, and query logging for the VPC.
func NewDNS(ctx *pulumi.Context, name string, args *DNSArgs, opts ...pulumi.ResourceOption) (*DNS, error) {
	if args == nil {
		return nil, errors.New("hybrid: dns: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, err
	}
	d := &DNS{}
	if err := ctx.RegisterComponentResource("hybridcloud:hybrid:DNS", name, d, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)

	var onPrem, servers pulumi.StringArray
	for _, c := range args.OnPremisesCIDRs {
		onPrem = append(onPrem, pulumi.String(c.String()))
	}
	for _, s := range args.Servers {
		servers = append(servers, pulumi.String(netip.PrefixFrom(s, 32).String()))
	}
	// Inbound: DNS from the data centre only; no egress rule, since the endpoint only answers.
	inboundSG, err := ec2.NewSecurityGroup(ctx, name+"-inbound", &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.String("Resolver inbound endpoint: DNS from the on-premises networks only"),
		Ingress:     dnsIngress(onPrem, "DNS from on premises"),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-inbound")},
	}, parent)
	if err != nil {
		return nil, err
	}
	// Outbound: DNS to the on-premises servers only; no ingress rule.
	outboundSG, err := ec2.NewSecurityGroup(ctx, name+"-outbound", &ec2.SecurityGroupArgs{
		VpcId:       args.VpcID,
		Description: pulumi.String("Resolver outbound endpoint: DNS to the on-premises servers only"),
		Egress:      dnsEgress(servers, "DNS to the on-premises servers"),
		Tags:        pulumi.StringMap{"Name": pulumi.String(name + "-outbound")},
	}, parent)
	if err != nil {
		return nil, err
	}

	var addresses route53.ResolverEndpointIpAddressArray
	for _, subnet := range args.SubnetIDs {
		addresses = append(addresses, route53.ResolverEndpointIpAddressArgs{SubnetId: subnet})
	}
	inbound, err := route53.NewResolverEndpoint(ctx, name+"-inbound", &route53.ResolverEndpointArgs{
		Name:                 pulumi.String(name + "-inbound"),
		Direction:            pulumi.String("INBOUND"),
		ResolverEndpointType: pulumi.String("IPV4"),
		Protocols:            pulumi.ToStringArray([]string{"Do53"}),
		SecurityGroupIds:     pulumi.StringArray{inboundSG.ID()},
		IpAddresses:          addresses,
		Tags:                 pulumi.StringMap{"Name": pulumi.String(name + "-inbound")},
	}, parent, pulumi.Protect(args.Protect))
	if err != nil {
		return nil, err
	}
	d.InboundEndpointIPs = inbound.IpAddresses.ApplyT(endpointIPs).(pulumi.StringArrayOutput)

	outbound, err := route53.NewResolverEndpoint(ctx, name+"-outbound", &route53.ResolverEndpointArgs{
		Name:                 pulumi.String(name + "-outbound"),
		Direction:            pulumi.String("OUTBOUND"),
		ResolverEndpointType: pulumi.String("IPV4"),
		Protocols:            pulumi.ToStringArray([]string{"Do53"}),
		SecurityGroupIds:     pulumi.StringArray{outboundSG.ID()},
		IpAddresses:          addresses,
		Tags:                 pulumi.StringMap{"Name": pulumi.String(name + "-outbound")},
	}, parent)
	if err != nil {
		return nil, err
	}
	d.OutboundEndpointID = outbound.ID()

	var targets route53.ResolverRuleTargetIpArray
	for _, s := range args.Servers {
		targets = append(targets, route53.ResolverRuleTargetIpArgs{Ip: pulumi.String(s.String()), Port: pulumi.Int(53)})
	}
	rule, err := route53.NewResolverRule(ctx, name+"-onprem", &route53.ResolverRuleArgs{
		Name:               pulumi.String(name + "-onprem"),
		DomainName:         pulumi.String(args.Domain),
		RuleType:           pulumi.String("FORWARD"),
		ResolverEndpointId: outbound.ID(),
		TargetIps:          targets,
		Tags:               pulumi.StringMap{"Name": pulumi.String(name + "-onprem")},
	}, parent)
	if err != nil {
		return nil, err
	}
	d.ForwardingRuleID = rule.ID()
	if _, err := route53.NewResolverRuleAssociation(ctx, name+"-onprem", &route53.ResolverRuleAssociationArgs{
		Name:           pulumi.String(name + "-onprem"),
		ResolverRuleId: rule.ID(),
		VpcId:          args.VpcID,
	}, parent); err != nil {
		return nil, err
	}

	if err := declareQueryLogs(ctx, name, args, parent); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(d, pulumi.Map{
		"inboundEndpointIps": d.InboundEndpointIPs,
		"outboundEndpointId": d.OutboundEndpointID,
		"forwardingRuleId":   d.ForwardingRuleID,
	}); err != nil {
		return nil, err
	}
	return d, nil
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
		RetentionInDays: pulumi.Int(args.QueryLogRetentionDays),
		KmsKeyId:        args.LogsKeyArn,
	}, parent, pulumi.RetainOnDelete(args.Protect))
	if err != nil {
		return err
	}
	queryLog, err := route53.NewResolverQueryLogConfig(ctx, name+"-queries", &route53.ResolverQueryLogConfigArgs{
		Name:           pulumi.String(name + "-queries"),
		DestinationArn: group.Arn,
	}, parent)
	if err != nil {
		return err
	}
	_, err = route53.NewResolverQueryLogConfigAssociation(ctx, name+"-queries", &route53.ResolverQueryLogConfigAssociationArgs{
		ResolverQueryLogConfigId: queryLog.ID(),
		ResourceId:               args.VpcID,
	}, parent)
	return err
}

// dnsProtocols are the transports DNS uses: UDP, and TCP for large answers and zone transfers.
var dnsProtocols = []string{"udp", "tcp"}

// dnsIngress admits DNS from peers.
func dnsIngress(peers pulumi.StringArray, description string) ec2.SecurityGroupIngressArray {
	var out ec2.SecurityGroupIngressArray
	for _, proto := range dnsProtocols {
		out = append(out, ec2.SecurityGroupIngressArgs{
			Description: pulumi.String(description + " (" + proto + ")"),
			Protocol:    pulumi.String(proto), FromPort: pulumi.Int(53), ToPort: pulumi.Int(53),
			CidrBlocks: peers,
		})
	}
	return out
}

// dnsEgress allows DNS to peers.
func dnsEgress(peers pulumi.StringArray, description string) ec2.SecurityGroupEgressArray {
	var out ec2.SecurityGroupEgressArray
	for _, proto := range dnsProtocols {
		out = append(out, ec2.SecurityGroupEgressArgs{
			Description: pulumi.String(description + " (" + proto + ")"),
			Protocol:    pulumi.String(proto), FromPort: pulumi.Int(53), ToPort: pulumi.Int(53),
			CidrBlocks: peers,
		})
	}
	return out
}
