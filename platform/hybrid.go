package platform

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/config"
	"github.com/insurance/hybridcloud/hybrid"
)

// declareHybrid connects the VPC to the data centre (Transit Gateway, Direct Connect, VPN, alarms) and
// declares hybrid DNS.
func declareHybrid(ctx *pulumi.Context, cfg *config.Config, st *stack, opts ...pulumi.ResourceOption) error {
	vpc := st.vpc
	conn, err := hybrid.NewConnectivity(ctx, cfg.Stack+"-hybrid", &hybrid.ConnectivityArgs{
		Settings:          cfg.Connectivity,
		VPCID:             vpc.VPCID.ToStringOutput(),
		VPCCIDR:           cfg.Network.CIDR,
		AppSubnetIDs:      vpc.AppSubnetIDs,
		AppRouteTableIDs:  vpc.AppRouteTableIDs,
		DataRouteTableIDs: vpc.DataRouteTableIDs,
		OnPremisesCIDRs:   cfg.OnPremises.CIDRs,
		LogsKeyARN:        st.base.AuditLogsKeyARN,
		AlarmTopicARN:     st.base.OperationsTopicARN,
		AccountID:         st.base.AccountID,
		Partition:         st.base.Partition,
		Region:            st.base.Region,
	}, opts...)
	if err != nil {
		return err
	}
	// The Resolver addresses go in the first dns.endpointIpCount AZs' app subnets.
	dns, err := hybrid.NewDNS(ctx, cfg.Stack+"-dns", &hybrid.DNSArgs{
		Settings:        cfg.DNS,
		VPCID:           vpc.VPCID.ToStringOutput(),
		SubnetIDs:       vpc.AppSubnetIDs,
		OnPremisesCIDRs: cfg.OnPremises.CIDRs,
		Domain:          cfg.OnPremises.DNSDomain,
		Servers:         cfg.OnPremises.DNSServers,
		LogsKeyARN:      st.base.AuditLogsKeyARN,
		AccountID:       st.base.AccountID,
		Partition:       st.base.Partition,
		Region:          st.base.Region,
	}, opts...)
	if err != nil {
		return err
	}

	st.connectivity, st.dns = conn, dns
	return nil
}
