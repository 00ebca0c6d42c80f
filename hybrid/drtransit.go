package hybrid

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/hybrid/topology"
)

// DRTransitType is the type token of the DRTransit component.
const DRTransitType = "hybridcloud:hybrid:DRTransit"

// DRTransitArgs configure the DR region's Transit Gateway: its settings, and the wiring from the DR VPC and the
// primary's Direct Connect gateway. Declare it with the DR region's provider.
type DRTransitArgs struct {
	// Settings are the DR Transit Gateway's own settings. Required.
	Settings DRTransitSettings
	// DirectConnectGatewayID is the primary's Direct Connect gateway, a global resource: the DR Transit
	// Gateway is associated with it, so the existing VIFs reach the DR VPC (with Settings.PrivateVPN, only
	// the DR blocks, and the DR VPC through the tunnels). Optional: nil without Direct Connect (then
	// Settings.VPN is the only path).
	DirectConnectGatewayID pulumi.StringInput
	// VPCID, VPCCIDR, AppSubnetIDs and the route tables are the DR VPC's, as ConnectivityArgs takes the
	// primary's. Required.
	VPCID                               pulumi.StringInput
	VPCCIDR                             netip.Prefix
	AppSubnetIDs                        pulumi.StringArray
	AppRouteTableIDs, DataRouteTableIDs pulumi.StringArray
	// OnPremisesCIDRs are routed from the DR VPC to the DR Transit Gateway. Required.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyARN encrypts the DR tunnels' logs: a key of the DR region. Required with a VPN.
	LogsKeyARN pulumi.StringInput
	// AlarmTopicARN is the DR region's operations topic, which the tunnel alarms notify. Required with a VPN.
	AlarmTopicARN pulumi.StringInput
	// AccountID, Partition and Region (the DR region) pin the DR tunnel logs' delivery policy. Required
	// with a VPN.
	AccountID         pulumi.StringInput
	Partition, Region string
}

// DRTransit is the DR region's Transit Gateway, attached to the DR VPC and to the data centre.
type DRTransit struct {
	pulumi.ResourceState

	// TransitGatewayID is the DR Transit Gateway.
	TransitGatewayID pulumi.IDOutput
	// AllowedPrefixes are what the Direct Connect association advertises to the data centre: the DR VPC's
	// range, or with Settings.PrivateVPN only Settings.CIDRBlocks (the tunnels' endpoints); empty without
	// Direct Connect.
	AllowedPrefixes []netip.Prefix
	// VPNTunnels are the DR VPN connections by router, as ConnectivitySettings exports the primary's.
	VPNTunnels pulumi.Map
	// CustomerGatewayConfigurations are the DR VPN connections' router configurations by router (secrets:
	// they hold the pre-shared keys, configured or AWS's).
	CustomerGatewayConfigurations map[string]pulumi.StringOutput
}

func (a *DRTransitArgs) validate() error {
	s := a.Settings
	var errs []error
	if s.AmazonSideASN == 0 {
		errs = append(errs, errors.New("an Amazon-side ASN is required"))
	}
	if a.VPCID == nil || !a.VPCCIDR.IsValid() || len(a.AppSubnetIDs) == 0 || len(a.OnPremisesCIDRs) == 0 {
		errs = append(errs, errors.New("the DR VPC (id, CIDR, app subnets) and the on-premises CIDRs are required"))
	}
	if a.DirectConnectGatewayID == nil && s.VPN == nil {
		errs = append(errs, errors.New("a Direct Connect gateway or a VPN is required: the data centre must reach the DR region"))
	}
	if s.PrivateVPN != nil && (a.DirectConnectGatewayID == nil || len(s.CIDRBlocks) == 0) {
		errs = append(errs, errors.New("a private VPN needs the Direct Connect gateway it rides and the CIDR blocks its endpoints take addresses from"))
	}
	if s.PrivateVPN == nil && len(s.CIDRBlocks) > 0 {
		errs = append(errs, errors.New("CIDR blocks are the outside addresses of a private VPN, and there is none"))
	}
	for _, vpn := range []struct {
		what string
		v    *VPN
	}{{"the internet VPN", s.VPN}, {"the private VPN", s.PrivateVPN}} {
		if vpn.v != nil && (len(vpn.v.CustomerGateways) == 0 || a.LogsKeyARN == nil || a.AlarmTopicARN == nil || s.TunnelLogRetentionDays <= 0 ||
			a.AccountID == nil || a.Partition == "" || a.Region == "") {
			errs = append(errs, fmt.Errorf("%s needs customer gateways, the logs key, the alarm topic, a tunnel log retention, the account, partition and region", vpn.what))
		}
		if vpn.v != nil {
			if err := drSide(vpn.v).validate(); err != nil {
				errs = append(errs, fmt.Errorf("%s's DR tunnels: %w", vpn.what, err))
			}
		}
	}
	return errors.Join(errs...)
}

// NewDRTransit declares the DR Transit Gateway as the primary's is declared (explicit route tables, the VPC
// attachment in the app subnets, on-premises routes in every app and data route table), its association
// with the Direct Connect gateway, and a VPN connection per on-premises router of each VPN: over the
// internet, and over Direct Connect with PrivateVPN. The association allows the DR VPC's range, or with
// PrivateVPN only the DR blocks, as the primary's mode does.
//
// One Direct Connect gateway serves Transit Gateways in any region (Direct Connect user guide, "Direct
// Connect gateways"); each association's allowed prefixes are what the data centre learns over the VIFs.
func NewDRTransit(ctx *pulumi.Context, name string, args *DRTransitArgs, opts ...pulumi.ResourceOption) (*DRTransit, error) {
	if args == nil {
		return nil, fmt.Errorf("hybrid: DR transit %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("hybrid: DR transit %s: %w", name, err)
	}
	s := args.Settings
	d := &DRTransit{VPNTunnels: pulumi.Map{}, CustomerGatewayConfigurations: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource(DRTransitType, name, d, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(d)

	// The DR gateway is the primary's twin: the same declarations, with the DR VPC's wiring, in the mode
	// of the paths it has.
	mode := topology.ModeVPN
	switch {
	case s.PrivateVPN != nil:
		mode = topology.ModeDirectConnectEncrypted
	case args.DirectConnectGatewayID != nil:
		mode = topology.ModeDirectConnect
	}
	twin := &ConnectivityArgs{
		Settings: ConnectivitySettings{
			Mode: mode, Protect: s.Protect, TunnelLogRetentionDays: s.TunnelLogRetentionDays,
			TransitGateway: TransitGateway{AmazonSideASN: s.AmazonSideASN, CIDRBlocks: s.CIDRBlocks},
		},
		VPCID: args.VPCID, VPCCIDR: args.VPCCIDR, AppSubnetIDs: args.AppSubnetIDs,
		AppRouteTableIDs: args.AppRouteTableIDs, DataRouteTableIDs: args.DataRouteTableIDs,
		OnPremisesCIDRs: args.OnPremisesCIDRs, LogsKeyARN: args.LogsKeyARN, AlarmTopicARN: args.AlarmTopicARN,
		AccountID: args.AccountID, Partition: args.Partition, Region: args.Region,
	}
	tg, err := declareTransit(ctx, name, twin, parent)
	if err != nil {
		return nil, err
	}
	d.TransitGatewayID = tg.gateway.ID()

	var dxAttachmentID pulumi.StringOutput
	if args.DirectConnectGatewayID != nil {
		if d.AllowedPrefixes, err = topology.Advertised(mode, nil, args.VPCCIDR, s.CIDRBlocks); err != nil {
			return nil, err
		}
		if dxAttachmentID, err = tg.associate(ctx, name, args.DirectConnectGatewayID, mode, d.AllowedPrefixes, pulumi.Protect(s.Protect), parent); err != nil {
			return nil, err
		}
	}

	// Each VPN as the primary's, with the routers' DR tunnels: the primary's inside CIDRs are taken on the
	// same routers. declareVPNs records the tunnels in a Connectivity's maps: here the DR gateway's.
	tunnels := &Connectivity{VPNTunnels: d.VPNTunnels, CustomerGatewayConfigurations: d.CustomerGatewayConfigurations}
	alarms := alarmer{ctx: ctx, topic: args.AlarmTopicARN, parent: parent}
	if err := tunnels.declareVPNs(ctx, name, twin, drSide(s.VPN), drSide(s.PrivateVPN), tg, dxAttachmentID, alarms, parent); err != nil {
		return nil, err
	}

	if err := ctx.RegisterResourceOutputs(d, pulumi.Map{
		"transitGatewayId":              d.TransitGatewayID,
		"vpnTunnels":                    d.VPNTunnels,
		"customerGatewayConfigurations": pulumi.ToStringMapOutput(d.CustomerGatewayConfigurations),
	}); err != nil {
		return nil, err
	}
	return d, nil
}

// drSide is vpn as the DR Transit Gateway's connections see it: each router's DRTunnels as its tunnels (none:
// AWS picks inside addresses and keys, unique on the DR gateway); nil for nil.
func drSide(vpn *VPN) *VPN {
	if vpn == nil {
		return nil
	}
	out := VPN{Acceleration: vpn.Acceleration, CustomerGateways: map[string]CustomerGateway{}}
	for router, gw := range vpn.CustomerGateways {
		gw.Tunnels, gw.DRTunnels = gw.DRTunnels, nil
		out.CustomerGateways[router] = gw
	}
	return &out
}
