package hybrid

import (
	"maps"
	"net/netip"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/directconnect"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/insurance/hybridcloud/hybrid/topology"
	"github.com/insurance/hybridcloud/internal/deploy/netrules"
)

// declareDirectConnect declares the Direct Connect gateway, its association with the Transit Gateway, the
// connections this program orders, one transit VIF per ready connection, and their alarms. It returns the
// id of the gateway's Transit Gateway attachment, the transport of private VPNs.
func (c *Connectivity) declareDirectConnect(ctx *pulumi.Context, name string, args *ConnectivityArgs, tg transit, alarms alarmer, parent pulumi.ResourceOrInvokeOption) (pulumi.StringOutput, error) {
	s := args.Settings
	dx := s.DirectConnect
	protect := pulumi.Protect(s.Protect)
	gateway, err := directconnect.NewGateway(ctx, name+"-dxgw", &directconnect.GatewayArgs{
		Name:          pulumi.String(name + "-dxgw"),
		AmazonSideAsn: pulumi.String(strconv.FormatInt(dx.AmazonSideASN, 10)),
	}, parent, protect, settle)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	c.DirectConnectGatewayID = gateway.ID()

	for _, connName := range slices.Sorted(maps.Keys(dx.Connections)) {
		if err := c.declareConnection(ctx, name+"-dx-"+connName, connName, dx, gateway, alarms, parent, protect); err != nil {
			return pulumi.StringOutput{}, err
		}
	}

	advertised, err := topology.Advertised(s.Mode, dx.AllowedPrefixes, args.VPCCIDR, s.TransitGateway.CIDRBlocks)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return tg.associate(ctx, name, gateway.ID(), s.Mode, advertised, protect, parent)
}

// associate associates the Transit Gateway with a Direct Connect gateway, which advertises advertised to the
// data centre, and routes the attachment the association creates: in ModeDirectConnectEncrypted alone in an
// empty transport route table, otherwise as a path to the VPC. It returns the attachment's id, the transport
// of private VPNs. The primary and the DR Transit Gateway are associated through it alike.
func (t transit) associate(ctx *pulumi.Context, name string, dxGatewayID pulumi.StringInput, mode topology.Mode, advertised []netip.Prefix,
	protect pulumi.ResourceOption, parent pulumi.ResourceOrInvokeOption) (pulumi.StringOutput, error) {
	// Changing allowed prefixes has been seen to replace the association's route-table association (an
	// outage): treat a change of them as a maintenance-window change.
	association, err := directconnect.NewGatewayAssociation(ctx, name+"-dxgw-tgw", &directconnect.GatewayAssociationArgs{
		DxGatewayId:         dxGatewayID,
		AssociatedGatewayId: t.gateway.ID(),
		AllowedPrefixes:     netrules.CIDRs(advertised),
	}, parent, protect, settle)
	if err != nil {
		return pulumi.StringOutput{}, err
	}

	// The association creates the gateway's Transit Gateway attachment; reading it through the
	// association's outputs waits for it (and stays unknown in a preview).
	attachmentID := ec2transitgateway.GetDirectConnectGatewayAttachmentOutput(ctx, ec2transitgateway.GetDirectConnectGatewayAttachmentOutputArgs{
		DxGatewayId:      association.DxGatewayId,
		TransitGatewayId: association.AssociatedGatewayId,
	}, parent).Id()

	if mode == topology.ModeDirectConnectEncrypted {
		// The attachment is only the transport of the IPsec tunnels: its own route table is empty, so
		// nothing reaches the VPC over Direct Connect unencrypted.
		transport, err := ec2transitgateway.NewRouteTable(ctx, name+"-transport-rt", &ec2transitgateway.RouteTableArgs{
			TransitGatewayId: t.gateway.ID(),
			Tags:             pulumi.StringMap{"Name": pulumi.String(name + "-transport")},
		}, parent)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		_, err = ec2transitgateway.NewRouteTableAssociation(ctx, name+"-dx", &ec2transitgateway.RouteTableAssociationArgs{
			TransitGatewayAttachmentId: attachmentID,
			TransitGatewayRouteTableId: transport.ID(),
		}, parent, switchesModes)
		return attachmentID, err
	}
	// Direct-Connect-propagated routes beat VPN-propagated ones for the same prefix, so with both in the
	// VPC route table traffic takes Direct Connect and moves to the VPN only when Direct Connect withdraws.
	return attachmentID, t.attach(ctx, name+"-dx", attachmentID, true, parent, switchesModes)
}

// switchesModes lets the Direct Connect attachment move between the encrypted mode's transport route table
// and the clear modes' on-premises one: an attachment has one association at a time, so the default
// create-before-delete replacement is refused (Resource.AlreadyAssociated); the old association goes first,
// and traffic over Direct Connect stops until the new one exists (seconds: a maintenance change,
// docs/operations.md).
var switchesModes = pulumi.DeleteBeforeReplace(true)

// connectionArgs is a dedicated connection this program orders. A port is physical: destroying the stack
// must not give it up (and its cross-connect) by accident, hence skipDestroy.
func connectionArgs(name string, conn Connection) *directconnect.ConnectionArgs {
	o := conn.Order
	args := &directconnect.ConnectionArgs{
		Name:        pulumi.String(name),
		Location:    pulumi.String(conn.Location),
		Bandwidth:   pulumi.String(o.Bandwidth),
		SkipDestroy: pulumi.Bool(true),
	}
	if o.ProviderName != "" {
		args.ProviderName = pulumi.String(o.ProviderName)
	}
	if o.MACsec != nil {
		args.RequestMacsec = pulumi.Bool(true)
		args.EncryptionMode = pulumi.String(o.MACsec.EncryptionMode)
	}
	return args
}

// vifArgs is the transit VIF of a ready connection on the Direct Connect gateway, its BGP key a secret.
func vifArgs(name string, conn Connection, mtu int, connectionID pulumi.StringInput, gatewayID pulumi.IDOutput) *directconnect.TransitVirtualInterfaceArgs {
	args := &directconnect.TransitVirtualInterfaceArgs{
		Name:          pulumi.String(name),
		ConnectionId:  connectionID,
		DxGatewayId:   gatewayID,
		Vlan:          pulumi.Int(conn.VLAN),
		AddressFamily: pulumi.String("ipv4"),
		BgpAsn:        pulumi.Int(int(conn.ASN)),
		BgpAuthKey:    pulumi.ToSecret(pulumi.String(conn.BGPAuthKey)).(pulumi.StringOutput),
		Mtu:           pulumi.Int(mtu),
		Tags:          pulumi.StringMap{"Name": pulumi.String(name)},
	}
	if conn.AmazonAddress.IsValid() {
		args.AmazonAddress = pulumi.String(conn.AmazonAddress.String())
		args.CustomerAddress = pulumi.String(conn.CustomerAddress.String())
	}
	return args
}

// declareConnection declares an ordered connection (and its MACsec keys), and for a ready connection its
// transit VIF and the alarms on the connection's state and the VIF's BGP session.
func (c *Connectivity) declareConnection(ctx *pulumi.Context, name, connName string, dx *DirectConnect, gateway *directconnect.Gateway,
	alarms alarmer, parent, protect pulumi.ResourceOption) error {
	conn := dx.Connections[connName]
	connectionID := pulumi.String(conn.ID).ToStringOutput()
	if o := conn.Order; o != nil {
		ordered, err := directconnect.NewConnection(ctx, name, connectionArgs(name, conn), parent, protect)
		if err != nil {
			return err
		}
		connectionID = ordered.ID().ToStringOutput()
		if o.MACsec != nil && o.MACsec.CKN != "" && o.Available {
			if _, err := directconnect.NewMacsecKeyAssociation(ctx, name+"-macsec", &directconnect.MacsecKeyAssociationArgs{
				ConnectionId: connectionID,
				Ckn:          pulumi.ToSecret(pulumi.String(o.MACsec.CKN)).(pulumi.StringOutput),
				Cak:          pulumi.ToSecret(pulumi.String(o.MACsec.CAK)).(pulumi.StringOutput),
			}, parent); err != nil {
				return err
			}
		}
	}
	if !conn.Ready() {
		return nil
	}

	vif, err := directconnect.NewTransitVirtualInterface(ctx, name, vifArgs(name, conn, dx.MTU, connectionID, gateway.ID()), parent, protect, settle)
	if err != nil {
		return err
	}
	c.VirtualInterfaceIDs[connName] = vif.ID()
	c.BGPPeers[connName] = pulumi.Map{
		"virtualInterfaceId": vif.ID().ToStringOutput(),
		"connectionId":       connectionID,
		"location":           pulumi.String(conn.Location),
		"vlan":               pulumi.Int(conn.VLAN),
		"mtu":                pulumi.Int(dx.MTU),
		"awsAsn":             pulumi.Int(int(dx.AmazonSideASN)),
		"customerAsn":        pulumi.Int(int(conn.ASN)),
		"amazonAddress":      vif.AmazonAddress,
		"customerAddress":    vif.CustomerAddress,
	}

	if err := alarms.stateAlarm(name+"-connection-state", stateAlarm{
		description: "Direct Connect connection " + connName + " (" + conn.Location + ") is down; traffic has moved to the other paths. See docs/hybrid.md, Alarms.",
		namespace:   "AWS/DX", metric: "ConnectionState",
		dimensions: pulumi.StringMap{"ConnectionId": connectionID},
	}); err != nil {
		return err
	}
	return alarms.stateAlarm(name+"-bgp", stateAlarm{
		description: "The BGP session of Direct Connect VIF " + connName + " is down: its prefixes are withdrawn and traffic has moved to the other paths. See docs/hybrid.md, Alarms.",
		namespace:   "AWS/DX", metric: "VirtualInterfaceBgpStatus",
		dimensions: pulumi.StringMap{"ConnectionId": connectionID, "VirtualInterfaceId": vif.ID().ToStringOutput()},
	})
}
