package hybrid

import (
	"errors"
	"fmt"
	"net/netip"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TransitGateway configures the Transit Gateway every hybrid path lands on.
type TransitGateway struct {
	// AmazonSideASN is the Transit Gateway's private BGP ASN, which the VPN tunnels peer with. Required.
	AmazonSideASN int64
	// CIDRBlocks are IPv4 blocks (/24 or larger) the Transit Gateway takes the outside addresses of private
	// VPN endpoints from. Required in ModeDirectConnectEncrypted, empty otherwise.
	CIDRBlocks []netip.Prefix
}

// DirectConnect configures the Direct Connect gateway and its connections.
type DirectConnect struct {
	// AmazonSideASN is the Direct Connect gateway's private BGP ASN, which every VIF peers with. Required;
	// differs from the Transit Gateway's.
	AmazonSideASN int64
	// Resiliency is the AWS model the connections meet (checked by CheckResiliency). Required.
	Resiliency Resiliency
	// MTU of every transit VIF: MTUStandard or MTUJumbo. Required (config defaults it to DefaultMTU).
	MTU int
	// AllowedPrefixes are what the Direct Connect gateway advertises to the data centre. Optional: the
	// default is the VPC CIDR; a summary covering it may be given. ModeDirectConnectEncrypted always
	// advertises only the Transit Gateway CIDR blocks, so no clear-text path to the VPC exists.
	AllowedPrefixes []netip.Prefix
	// Connections each carry one transit VIF to the gateway. Required: at least one.
	Connections []Connection
}

// Connection is one Direct Connect connection and the transit VIF it carries.
type Connection struct {
	// Name is a short unique name ("fra-a"); resource names and outputs use it, so reordering the list
	// changes nothing. Required.
	Name string
	// ID is an existing connection (dxcon-...). Set exactly one of ID and Order.
	ID string
	// Order declares the connection itself, for teams that order ports through this program.
	Order *Order
	// Location is the Direct Connect location code ("EqFA5"). Required: the resiliency check reads it.
	Location string
	// Device is the AWS device the connection terminates on (awsDeviceV2). Required by the development and
	// maximum models, which need separate devices at a location.
	Device string
	// VLAN of the transit VIF, 1-4094. Required.
	VLAN int
	// ASN is the on-premises router's BGP ASN on this VIF. Required; 1-2147483646 (the VIF API's range).
	ASN int64
	// BGPAuthKey is the BGP MD5 key of the session (a secret). Required.
	BGPAuthKey string
	// AmazonAddress and CustomerAddress are the BGP peer addresses with their prefix (169.254.10.1/30).
	// Optional, both or neither: AWS picks link-local peers when unset.
	AmazonAddress, CustomerAddress netip.Prefix
}

// Ready says whether the connection carries traffic, so its VIF and alarms are declared: an existing
// connection does; an ordered one once the cross-connect is done.
func (c Connection) Ready() bool { return c.Order == nil || c.Order.Available }

// Order is a dedicated connection this program orders.
type Order struct {
	// Bandwidth is the port speed, one of DedicatedBandwidths.
	Bandwidth string
	// ProviderName is the partner that provides the circuit to the location. Optional.
	ProviderName string
	// MACsec turns on MAC Security; only MACsecBandwidths support it. Optional.
	MACsec *MACsec
	// Available is set once AWS reports the connection available (LOA-CFA cross-connect done). Until then
	// only the connection is declared: a VIF on a connection that is not up fails to create.
	Available bool
}

// MACsec configures MAC Security on an ordered connection.
type MACsec struct {
	// EncryptionMode is one of MACsecModes.
	EncryptionMode string
	// CKN and CAK are the MACsec key pair (secrets, 64 hex digits each). Optional, both or neither: the
	// key association is declared once the connection is available.
	CKN, CAK string
}

// VPN is a set of Site-to-Site VPN connections, one per on-premises router.
type VPN struct {
	// Acceleration routes the internet tunnels through AWS Global Accelerator edges. Default false: it
	// costs per hour and helps only when the data centre is far from the region.
	Acceleration bool
	// CustomerGateways are the on-premises routers, each with its own VPN connection. Required: at least
	// one; two so that no single router's loss cuts the path.
	CustomerGateways []CustomerGateway
}

// CustomerGateway is one on-premises router terminating a VPN connection.
type CustomerGateway struct {
	// Name is a short unique name ("dc1-edge1") used in resource names and outputs. Required.
	Name string
	// IPAddress is the router's outside address: public for internet VPN, private for VPN over Direct
	// Connect. Required.
	IPAddress netip.Addr
	// ASN is the router's private BGP ASN. Required.
	ASN int64
	// Tunnels sets the two tunnels' inside CIDRs and pre-shared keys. Optional, none or exactly two: AWS
	// picks both when unset.
	Tunnels []Tunnel
}

// Tunnel fixes one VPN tunnel's inside addresses and key, so a replaced connection keeps the router's
// configuration valid.
type Tunnel struct {
	// InsideCIDR is a /30 in 169.254.0.0/16 outside the ranges AWS reserves.
	InsideCIDR netip.Prefix
	// PresharedKey is the tunnel's IKE pre-shared key (a secret). Optional: AWS generates one.
	PresharedKey string
}

// ConnectivityArgs configures Connectivity.
type ConnectivityArgs struct {
	// Mode picks the paths to declare. Required.
	Mode Mode
	// VpcID and VpcCIDR are the VPC the Transit Gateway attaches to. Required.
	VpcID   pulumi.StringInput
	VpcCIDR netip.Prefix
	// AppSubnetIDs hold the Transit Gateway attachment's interfaces, one per AZ. Required.
	AppSubnetIDs pulumi.StringArray
	// AppRouteTableIDs and DataRouteTableIDs get a route to every on-premises CIDR via the Transit Gateway.
	// Required; their length is the AZ count, known from config.
	AppRouteTableIDs, DataRouteTableIDs pulumi.StringArray
	// OnPremisesCIDRs are the data centre's networks. Required.
	OnPremisesCIDRs []netip.Prefix
	// TransitGateway configures the Transit Gateway. Required.
	TransitGateway TransitGateway
	// DirectConnect is required by the Direct Connect modes and refused by ModeVPN.
	DirectConnect *DirectConnect
	// InternetVPN is the VPN over the internet: required by ModeVPN and ModeDirectConnectWithVPN, optional
	// failover in ModeDirectConnectEncrypted, refused by ModeDirectConnect.
	InternetVPN *VPN
	// PrivateVPN is the VPN over Direct Connect with private outside addresses: required by
	// ModeDirectConnectEncrypted, refused otherwise. Acceleration does not apply to it.
	PrivateVPN *VPN
	// TunnelLogRetentionDays is how long VPN tunnel logs are kept. Required when there is a VPN.
	TunnelLogRetentionDays int
	// LogsKeyArn is the KMS key the tunnel log groups are encrypted with. Required when there is a VPN.
	LogsKeyArn pulumi.StringInput
	// AlarmTopicARN is the operations topic every alarm notifies (the stack's, from the foundation).
	// Required.
	AlarmTopicARN pulumi.StringInput
	// Protect sets pulumi protect on the gateways, connections, VIFs and VPN connections, and keeps the
	// tunnel logs through a destroy. Default false; prod sets it: replacing any of them changes peer
	// addresses or keys the on-premises routers are configured with.
	Protect bool
}

// Connectivity is the hybrid connectivity component: the Transit Gateway and the Direct Connect and VPN
// paths to it, with routes, alarms and the operations topic.
type Connectivity struct {
	pulumi.ResourceState

	// TransitGatewayID is the Transit Gateway's id.
	TransitGatewayID pulumi.IDOutput
	// VpcRouteTableID is the Transit Gateway route table the VPC uses: where a failover shows as the
	// on-premises prefixes moving from the Direct Connect attachment to the VPN attachments.
	VpcRouteTableID pulumi.IDOutput
	// DirectConnectGatewayID is the Direct Connect gateway's id; unset in ModeVPN.
	DirectConnectGatewayID pulumi.IDOutput
	// VirtualInterfaceIDs are the transit VIFs by connection name (ready connections only).
	VirtualInterfaceIDs map[string]pulumi.IDOutput
	// BGPPeers are, per connection name, what the on-premises router needs for the VIF's BGP session.
	BGPPeers pulumi.Map
	// VPNTunnels are, per customer gateway name, the VPN connection and its two tunnels' outside and inside
	// addresses and pre-shared keys (secret).
	VPNTunnels pulumi.Map
}

func (a *ConnectivityArgs) validate() error {
	var errs []error
	if _, err := ParseMode(string(a.Mode)); err != nil {
		errs = append(errs, err)
	}
	if a.VpcID == nil || !a.VpcCIDR.IsValid() {
		errs = append(errs, errors.New("the VPC id and CIDR are required"))
	}
	if len(a.AppSubnetIDs) == 0 || len(a.AppRouteTableIDs) == 0 || len(a.DataRouteTableIDs) == 0 {
		errs = append(errs, errors.New("app subnets and app and data route tables are required"))
	}
	if len(a.OnPremisesCIDRs) == 0 {
		errs = append(errs, errors.New("at least one on-premises CIDR is required"))
	}
	if a.TransitGateway.AmazonSideASN == 0 {
		errs = append(errs, errors.New("the Transit Gateway ASN is required"))
	}
	errs = append(errs, presence("Direct Connect", a.Mode.DirectConnect(), a.DirectConnect != nil, a.Mode))
	errs = append(errs, presence("internet VPN", a.Mode.InternetVPN(), a.InternetVPN != nil, a.Mode))
	errs = append(errs, presence("private VPN", a.Mode.PrivateVPN(), a.PrivateVPN != nil, a.Mode))
	if a.DirectConnect != nil && len(a.DirectConnect.Connections) == 0 {
		errs = append(errs, errors.New("a Direct Connect setup needs at least one connection"))
	}
	if a.PrivateVPN != nil && len(a.TransitGateway.CIDRBlocks) == 0 {
		errs = append(errs, errors.New("a private VPN needs Transit Gateway CIDR blocks for its endpoints"))
	}
	for _, v := range []*VPN{a.InternetVPN, a.PrivateVPN} {
		if v != nil && len(v.CustomerGateways) == 0 {
			errs = append(errs, errors.New("a VPN needs at least one customer gateway"))
		}
		for _, gw := range vpnGateways(v) {
			if len(gw.Tunnels) != 0 && len(gw.Tunnels) != 2 {
				errs = append(errs, fmt.Errorf("customer gateway %s: %d tunnels given; set none or both", gw.Name, len(gw.Tunnels)))
			}
		}
	}
	if a.DirectConnect != nil {
		for _, conn := range a.DirectConnect.Connections {
			if (conn.ID == "") == (conn.Order == nil) {
				errs = append(errs, fmt.Errorf("connection %s: set exactly one of an existing id and an order", conn.Name))
			}
		}
	}
	if (a.InternetVPN != nil || a.PrivateVPN != nil) && (a.LogsKeyArn == nil || a.TunnelLogRetentionDays <= 0) {
		errs = append(errs, errors.New("VPN tunnel logs need the logs key and a positive retention"))
	}
	if a.AlarmTopicARN == nil {
		errs = append(errs, errors.New("the operations topic is required: every alarm notifies it"))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("hybrid: %w", err)
	}
	return nil
}

// vpnGateways is the customer gateways of v, none if v is nil.
func vpnGateways(v *VPN) []CustomerGateway {
	if v == nil {
		return nil
	}
	return v.CustomerGateways
}

// presence checks that a part is configured exactly when the mode needs it.
func presence(part string, need Need, given bool, mode Mode) error {
	switch {
	case need == Required && !given:
		return fmt.Errorf("mode %s requires %s", mode, part)
	case need == Forbidden && given:
		return fmt.Errorf("mode %s declares no %s", mode, part)
	}
	return nil
}

// NewConnectivity declares the Transit Gateway and the hybrid paths the mode needs.
func NewConnectivity(ctx *pulumi.Context, name string, args *ConnectivityArgs, opts ...pulumi.ResourceOption) (*Connectivity, error) {
	if args == nil {
		return nil, errors.New("hybrid: args are required")
	}
	if err := args.validate(); err != nil {
		return nil, err
	}
	c := &Connectivity{VirtualInterfaceIDs: map[string]pulumi.IDOutput{}, BGPPeers: pulumi.Map{}, VPNTunnels: pulumi.Map{}}
	if err := ctx.RegisterComponentResource("hybridcloud:hybrid:Connectivity", name, c, opts...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)

	alarms := alarmer{ctx: ctx, topic: args.AlarmTopicARN, parent: parent}

	tg, err := declareTransit(ctx, name, args, parent)
	if err != nil {
		return nil, err
	}
	c.TransitGatewayID = tg.gateway.ID()
	c.VpcRouteTableID = tg.vpcRouteTable.ID()

	var dxAttachmentID pulumi.StringOutput
	if args.DirectConnect != nil {
		if dxAttachmentID, err = c.declareDirectConnect(ctx, name, args, tg, alarms, parent); err != nil {
			return nil, err
		}
	}
	if args.InternetVPN != nil {
		if err := c.declareVPN(ctx, name+"-vpn", args, *args.InternetVPN, tg, nil, alarms, parent); err != nil {
			return nil, err
		}
	}
	if args.PrivateVPN != nil {
		if err := c.declareVPN(ctx, name+"-dxvpn", args, *args.PrivateVPN, tg, dxAttachmentID, alarms, parent); err != nil {
			return nil, err
		}
	}

	outputs := pulumi.Map{
		"transitGatewayId": c.TransitGatewayID,
		"vpcRouteTableId":  c.VpcRouteTableID,
		"bgpPeers":         c.BGPPeers,
		"vpnTunnels":       c.VPNTunnels,
	}
	if args.DirectConnect != nil {
		outputs["directConnectGatewayId"] = c.DirectConnectGatewayID
	}
	if err := ctx.RegisterResourceOutputs(c, outputs); err != nil {
		return nil, err
	}
	return c, nil
}
