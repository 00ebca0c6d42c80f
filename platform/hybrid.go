package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
)

// declareHybrid connects the VPC to the data centre (Transit Gateway, Direct Connect, VPN, alarms) and
// declares hybrid DNS.
func declareHybrid(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	h, vpc := cfg.Hybrid, st.vpc
	conn, err := hybrid.NewConnectivity(ctx, cfg.Stack+"-hybrid", &hybrid.ConnectivityArgs{
		Mode:                   h.Mode,
		VpcID:                  vpc.VPCID.ToStringOutput(),
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
		LogsKeyArn:             st.base.LogsKeyARN,
		AlarmTopicARN:          st.base.OperationsTopicARN,
		Protect:                h.Protect,
	}, opts...)
	if err != nil {
		return err
	}
	// The first EndpointIPCount AZs hold the Resolver addresses (config checks the count against the AZs).
	dns, err := hybrid.NewDNS(ctx, cfg.Stack+"-dns", &hybrid.DNSArgs{
		VpcID:                 vpc.VPCID.ToStringOutput(),
		SubnetIDs:             vpc.AppSubnetIDs[:h.DNS.EndpointIPCount],
		OnPremisesCIDRs:       cfg.OnPremises.CIDRs,
		Domain:                cfg.OnPremises.DNSDomain,
		Servers:               cfg.OnPremises.DNSServers,
		QueryLogRetentionDays: h.DNS.QueryLogRetentionDays,
		LogsKeyArn:            st.base.LogsKeyARN,
		Protect:               h.Protect,
	}, opts...)
	if err != nil {
		return err
	}

	st.connectivity, st.dns = conn, dns
	return nil
}
