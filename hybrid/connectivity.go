package hybrid

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/hybrid/topology"
)

// ConnectivityType is the type token of the Connectivity component.
const ConnectivityType = "hybridcloud:hybrid:Connectivity"

// ConnectivityArgs configures Connectivity: its own settings, and the wiring from the rest of the stack.
type ConnectivityArgs struct {
	// Settings are the connectivity's own settings. Required.
	Settings ConnectivitySettings
	// VPCID and VPCCIDR are the VPC the Transit Gateway attaches to; the CIDR is what Direct Connect
	// advertises unless a summary is configured. Required.
	VPCID   pulumi.StringInput
	VPCCIDR netip.Prefix
	// AppSubnetIDs hold the Transit Gateway attachment's interfaces, one per AZ. Required.
	AppSubnetIDs pulumi.StringArray
	// AppRouteTableIDs and DataRouteTableIDs get a route to every on-premises CIDR via the Transit Gateway.
	// Required; their length is the AZ count, known from config.
	AppRouteTableIDs, DataRouteTableIDs pulumi.StringArray
	// OnPremisesCIDRs are the data centre's networks. Required.
	OnPremisesCIDRs []netip.Prefix
	// LogsKeyARN is the KMS key the tunnel log groups are encrypted with (the stack's logs key). Required
	// when there is a VPN.
	LogsKeyARN pulumi.StringInput
	// AccountID, Partition and Region pin the tunnel log groups' delivery policy to this account's
	// deliveries in this region. Required when there is a VPN.
	AccountID         pulumi.StringInput
	Partition, Region string
	// AlarmTopicARN is the operations topic every alarm notifies (the stack's, from the foundation).
	// Required.
	AlarmTopicARN pulumi.StringInput
}

// Connectivity is the hybrid connectivity component: the Transit Gateway and the Direct Connect and VPN
// paths to it, with routes and alarms.
type Connectivity struct {
	pulumi.ResourceState

	// TransitGatewayID is the Transit Gateway's id.
	TransitGatewayID pulumi.IDOutput
	// VPCRouteTableID is the Transit Gateway route table the VPC uses: where a failover shows as the
	// on-premises prefixes moving from the Direct Connect attachment to the VPN attachments.
	VPCRouteTableID pulumi.IDOutput
	// DirectConnectGatewayID is the Direct Connect gateway's id. Set only when the settings have Direct
	// Connect (every mode but topology.ModeVPN); in ModeVPN it is the zero IDOutput, which must not be
	// exported, and the component's outputs leave it out.
	DirectConnectGatewayID pulumi.IDOutput
	// VirtualInterfaceIDs are the transit VIFs by connection name: ready connections only, empty in ModeVPN.
	VirtualInterfaceIDs map[string]pulumi.IDOutput
	// BGPPeers are, per connection name (ready connections only), what the on-premises router needs for the
	// VIF's BGP session.
	BGPPeers map[string]pulumi.Map
	// VPNTunnels are, per customer gateway name, the VPN connection and its two tunnels' outside and inside
	// addresses and pre-shared keys (secret).
	VPNTunnels pulumi.Map
	// CustomerGatewayConfigurations are, per customer gateway name, AWS's configuration document of the VPN
	// connection (XML: both tunnels, their pre-shared keys and BGP), which router vendors' tools import.
	// Secret: it holds the pre-shared keys.
	CustomerGatewayConfigurations map[string]pulumi.StringOutput
}

func (a *ConnectivityArgs) validate() error {
	s := a.Settings
	var errs []error
	if err := s.Mode.Check(); err != nil {
		errs = append(errs, err)
	}
	for _, e := range s.Mode.CheckParts(s.Configured()) {
		errs = append(errs, e)
	}
	if a.VPCID == nil || !a.VPCCIDR.IsValid() {
		errs = append(errs, errors.New("the VPC id and CIDR are required"))
	}
	if len(a.AppSubnetIDs) == 0 || len(a.AppRouteTableIDs) == 0 || len(a.DataRouteTableIDs) == 0 {
		errs = append(errs, errors.New("app subnets and app and data route tables are required"))
	}
	if len(a.OnPremisesCIDRs) == 0 {
		errs = append(errs, errors.New("at least one on-premises CIDR is required"))
	}
	if a.AlarmTopicARN == nil {
		errs = append(errs, errors.New("the operations topic is required: every alarm notifies it"))
	}
	if s.TransitGateway.AmazonSideASN == 0 {
		errs = append(errs, errors.New("the Transit Gateway ASN is required"))
	}
	if s.DirectConnect != nil {
		errs = append(errs, s.DirectConnect.validate())
	}
	for _, v := range []*VPN{s.InternetVPN, s.PrivateVPN} {
		if v != nil {
			errs = append(errs, v.validate())
		}
	}
	if (s.InternetVPN != nil || s.PrivateVPN != nil) && (a.LogsKeyARN == nil || s.TunnelLogRetentionDays <= 0 ||
		a.AccountID == nil || a.Partition == "" || a.Region == "") {
		errs = append(errs, errors.New("VPN tunnel logs need the logs key, a positive retention, the account, partition and region"))
	}
	return errors.Join(errs...)
}

// validate checks what the Direct Connect resources need to be declared at all; config checks the rest
// (ASNs, VLAN ranges, keys) naming the stack-file keys.
func (dx *DirectConnect) validate() error {
	var errs []error
	if err := topology.CheckMTU(dx.MTU); err != nil {
		errs = append(errs, err)
	}
	if len(dx.Connections) == 0 {
		errs = append(errs, errors.New("a Direct Connect setup needs at least one connection"))
	}
	ports := make([]topology.Port, 0, len(dx.Connections))
	for _, name := range slices.Sorted(maps.Keys(dx.Connections)) {
		conn := dx.Connections[name]
		if (conn.ID == "") == (conn.Order == nil) {
			errs = append(errs, fmt.Errorf("connection %s: set exactly one of an existing id and an order", name))
		}
		ports = append(ports, topology.Port{Location: conn.Location, Device: conn.Device})
	}
	if len(ports) > 0 {
		errs = append(errs, topology.CheckResiliency(dx.Resiliency, ports))
	}
	return errors.Join(errs...)
}

// validate checks what the VPN resources need to be declared at all.
func (v *VPN) validate() error {
	var errs []error
	if len(v.CustomerGateways) == 0 {
		errs = append(errs, errors.New("a VPN needs at least one customer gateway"))
	}
	for _, name := range slices.Sorted(maps.Keys(v.CustomerGateways)) {
		if n := len(v.CustomerGateways[name].Tunnels); n != 0 && n != 2 {
			errs = append(errs, fmt.Errorf("customer gateway %s: %d tunnels given; set none or both", name, n))
		}
	}
	return errors.Join(errs...)
}

// NewConnectivity declares the Transit Gateway and the hybrid paths the mode needs.
func NewConnectivity(ctx *pulumi.Context, name string, args *ConnectivityArgs, opts ...pulumi.ResourceOption) (*Connectivity, error) {
	if args == nil {
		return nil, fmt.Errorf("hybrid: connectivity %s: args are required", name)
	}
	if err := args.validate(); err != nil {
		return nil, fmt.Errorf("hybrid: connectivity %s: %w", name, err)
	}
	s := args.Settings
	c := &Connectivity{VirtualInterfaceIDs: map[string]pulumi.IDOutput{}, BGPPeers: map[string]pulumi.Map{}, VPNTunnels: pulumi.Map{},
		CustomerGatewayConfigurations: map[string]pulumi.StringOutput{}}
	if err := ctx.RegisterComponentResource(ConnectivityType, name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	alarms := alarmer{ctx: ctx, topic: args.AlarmTopicARN, parent: parent}

	tg, err := declareTransit(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	c.TransitGatewayID = tg.gateway.ID()
	c.VPCRouteTableID = tg.vpcRouteTable.ID()

	var dxAttachmentID pulumi.StringOutput
	if s.DirectConnect != nil {
		if dxAttachmentID, err = c.declareDirectConnect(ctx, name, args, tg, alarms, parent); err != nil {
			return nil, err
		}
	}
	if err := c.declareVPNs(ctx, name, args, s.InternetVPN, s.PrivateVPN, tg, dxAttachmentID, alarms, parent); err != nil {
		return nil, err
	}

	outputs := pulumi.Map{
		"transitGatewayId":              c.TransitGatewayID,
		"vpcRouteTableId":               c.VPCRouteTableID,
		"virtualInterfaceIds":           pulumi.ToIDMapOutput(c.VirtualInterfaceIDs),
		"bgpPeers":                      peerSheets(c.BGPPeers),
		"vpnTunnels":                    c.VPNTunnels,
		"customerGatewayConfigurations": pulumi.ToStringMapOutput(c.CustomerGatewayConfigurations),
	}
	if s.DirectConnect != nil { // unset in ModeVPN: never register a zero output
		outputs["directConnectGatewayId"] = c.DirectConnectGatewayID
	}
	if err := ctx.RegisterResourceOutputs(c, outputs); err != nil {
		return nil, err
	}
	return c, nil
}

// peerSheets is the BGP peer sheets as one output value, keyed by connection name.
func peerSheets(peers map[string]pulumi.Map) pulumi.Map {
	out := pulumi.Map{}
	for name, peer := range peers {
		out[name] = peer
	}
	return out
}
