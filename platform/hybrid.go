package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
	"github.com/insurance/hybridcloud/network"
)

// declareHybrid connects the VPC to the data centre (Transit Gateway, Direct Connect, VPN, alarms) and
// declares hybrid DNS, and exports what the on-premises routers and DNS servers are configured with.
func declareHybrid(ctx *pulumi.Context, cfg *config.Config, vpc *network.Vpc, account pulumi.StringInput,
	opts ...pulumi.ResourceOption) (*hybrid.Connectivity, error) {
	h := cfg.Hybrid
	conn, err := hybrid.NewConnectivity(ctx, cfg.Stack+"-hybrid", &hybrid.ConnectivityArgs{
		Mode:                   h.Mode,
		VpcID:                  vpc.VpcID.ToStringOutput(),
		VpcCIDR:                cfg.Network.CIDR,
		AppSubnetIDs:           vpc.AppSubnetIDs,
		AppRouteTableIDs:       vpc.AppRouteTableIDs,
		DataRouteTableIDs:      vpc.DataRouteTableIDs,
		OnPremisesCIDRs:        cfg.OnPremises.CIDRs,
		TransitGateway:         h.TransitGateway,
		DirectConnect:          h.DirectConnect,
		InternetVPN:            h.InternetVPN,
		PrivateVPN:             h.PrivateVPN,
		TunnelLogRetentionDays: h.TunnelLogRetentionDays,
		LogsKeyArn:             vpc.LogsKeyArn,
		AlarmEmails:            h.AlarmEmails,
		AccountID:              account,
		Partition:              cfg.Partition(),
		Region:                 cfg.Region,
		Protect:                h.Protect,
	}, opts...)
	if err != nil {
		return nil, err
	}
	// The first EndpointIPCount AZs hold the Resolver addresses (config checks the count against the AZs).
	dns, err := hybrid.NewDNS(ctx, cfg.Stack+"-dns", &hybrid.DNSArgs{
		VpcID:                 vpc.VpcID.ToStringOutput(),
		SubnetIDs:             vpc.AppSubnetIDs[:h.DNS.EndpointIPCount],
		OnPremisesCIDRs:       cfg.OnPremises.CIDRs,
		Domain:                cfg.OnPremises.DNSDomain,
		Servers:               cfg.OnPremises.DNSServers,
		QueryLogRetentionDays: h.DNS.QueryLogRetentionDays,
		LogsKeyArn:            vpc.LogsKeyArn,
		Protect:               h.Protect,
	}, opts...)
	if err != nil {
		return nil, err
	}

	ctx.Export("hybridMode", pulumi.String(string(h.Mode)))
	ctx.Export("transitGatewayId", conn.TransitGatewayID)
	ctx.Export("transitGatewayVpcRouteTableId", conn.VpcRouteTableID)
	ctx.Export("alarmTopicArn", conn.AlarmTopicArn)
	ctx.Export("directConnectBgpPeers", conn.BGPPeers)
	ctx.Export("vpnTunnels", conn.VPNTunnels)
	ctx.Export("dnsInboundEndpointIps", dns.InboundEndpointIPs)
	return conn, nil
}
