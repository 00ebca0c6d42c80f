package hybrid

import (
	"net/netip"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/directconnect"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2transitgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AllowedPrefixes is what the Direct Connect gateway advertises to the data centre: in the encrypted mode
// only the Transit Gateway CIDR blocks (the private VPN endpoints), so the VPC is reachable through the
// IPsec tunnels only; otherwise the configured summary, or the VPC CIDR.
func AllowedPrefixes(mode Mode, dx DirectConnect, vpcCIDR netip.Prefix, tgwBlocks []netip.Prefix) []netip.Prefix {
	switch {
	case mode == ModeDirectConnectEncrypted:
		return tgwBlocks
	case len(dx.AllowedPrefixes) > 0:
		return dx.AllowedPrefixes
	default:
		return []netip.Prefix{vpcCIDR}
	}
}

// declareDirectConnect declares the Direct Connect gateway, its association with the Transit Gateway, the
// connections this program orders, one transit VIF per ready connection, and their alarms. It returns the
// id of the gateway's Transit Gateway attachment, the transport of private VPNs.
func (c *Connectivity) declareDirectConnect(ctx *pulumi.Context, name string, args *ConnectivityArgs, tg transit, alarms alarmer, parent pulumi.ResourceOption) (pulumi.StringOutput, error) {
	dx := args.DirectConnect
	protect := pulumi.Protect(args.Protect)
	gateway, err := directconnect.NewGateway(ctx, name+"-dxgw", &directconnect.GatewayArgs{
		Name:          pulumi.String(name + "-dxgw"),
		AmazonSideAsn: pulumi.String(strconv.FormatInt(dx.AmazonSideASN, 10)),
	}, parent, protect, settle)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	c.DirectConnectGatewayID = gateway.ID()

	for _, conn := range dx.Connections {
		if err := c.declareConnection(ctx, name+"-dx-"+conn.Name, conn, dx, gateway, alarms, parent, protect); err != nil {
			return pulumi.StringOutput{}, err
		}
	}

	// Changing allowed prefixes has been seen to replace the association's route-table association (an
	// outage): treat a change of them as a maintenance-window change.
	var prefixes pulumi.StringArray
	for _, p := range AllowedPrefixes(args.Mode, *dx, args.VpcCIDR, args.TransitGateway.CIDRBlocks) {
		prefixes = append(prefixes, pulumi.String(p.String()))
	}
	association, err := directconnect.NewGatewayAssociation(ctx, name+"-dxgw-tgw", &directconnect.GatewayAssociationArgs{
		DxGatewayId:         gateway.ID(),
		AssociatedGatewayId: tg.gateway.ID(),
		AllowedPrefixes:     prefixes,
	}, parent, protect, settle)
	if err != nil {
		return pulumi.StringOutput{}, err
	}

	// The association creates the gateway's Transit Gateway attachment; reading it through the
	// association's outputs waits for it (and stays unknown in a preview).
	attachmentID := ec2transitgateway.GetDirectConnectGatewayAttachmentOutput(ctx, ec2transitgateway.GetDirectConnectGatewayAttachmentOutputArgs{
		DxGatewayId:      association.DxGatewayId,
		TransitGatewayId: association.AssociatedGatewayId,
	}, pulumi.Parent(c)).Id()

	if args.Mode == ModeDirectConnectEncrypted {
		// The attachment is only the transport of the IPsec tunnels: its own route table is empty, so
		// nothing reaches the VPC over Direct Connect unencrypted.
		transport, err := ec2transitgateway.NewRouteTable(ctx, name+"-transport-rt", &ec2transitgateway.RouteTableArgs{
			TransitGatewayId: tg.gateway.ID(),
			Tags:             pulumi.StringMap{"Name": pulumi.String(name + "-transport")},
		}, parent)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		_, err = ec2transitgateway.NewRouteTableAssociation(ctx, name+"-dx", &ec2transitgateway.RouteTableAssociationArgs{
			TransitGatewayAttachmentId: attachmentID,
			TransitGatewayRouteTableId: transport.ID(),
		}, parent)
		return attachmentID, err
	}
	// Direct-Connect-propagated routes beat VPN-propagated ones for the same prefix, so with both in the
	// VPC route table traffic takes Direct Connect and moves to the VPN only when Direct Connect withdraws.
	return attachmentID, tg.attach(ctx, name+"-dx", attachmentID, true, parent)
}

// declareConnection declares an ordered connection (and its MACsec keys), and for a ready connection its
// transit VIF and the alarms on the connection's state and the VIF's BGP session.
func (c *Connectivity) declareConnection(ctx *pulumi.Context, name string, conn Connection, dx *DirectConnect, gateway *directconnect.Gateway,
	alarms alarmer, parent, protect pulumi.ResourceOption) error {
	connectionID := pulumi.String(conn.ID).ToStringOutput()
	if o := conn.Order; o != nil {
		args := &directconnect.ConnectionArgs{
			Name:      pulumi.String(name),
			Location:  pulumi.String(conn.Location),
			Bandwidth: pulumi.String(o.Bandwidth),
			// A port is physical: destroying the stack must not give it up (and its cross-connect) by accident.
			SkipDestroy: pulumi.Bool(true),
		}
		if o.ProviderName != "" {
			args.ProviderName = pulumi.String(o.ProviderName)
		}
		if o.MACsec != nil {
			args.RequestMacsec = pulumi.Bool(true)
			args.EncryptionMode = pulumi.String(o.MACsec.EncryptionMode)
		}
		ordered, err := directconnect.NewConnection(ctx, name, args, parent, protect)
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

	vifArgs := &directconnect.TransitVirtualInterfaceArgs{
		Name:          pulumi.String(name),
		ConnectionId:  connectionID,
		DxGatewayId:   gateway.ID(),
		Vlan:          pulumi.Int(conn.VLAN),
		AddressFamily: pulumi.String("ipv4"),
		BgpAsn:        pulumi.Int(int(conn.ASN)),
		BgpAuthKey:    pulumi.ToSecret(pulumi.String(conn.BGPAuthKey)).(pulumi.StringOutput),
		Mtu:           pulumi.Int(dx.MTU),
		Tags:          pulumi.StringMap{"Name": pulumi.String(name)},
	}
	if conn.AmazonAddress.IsValid() {
		vifArgs.AmazonAddress = pulumi.String(conn.AmazonAddress.String())
		vifArgs.CustomerAddress = pulumi.String(conn.CustomerAddress.String())
	}
	vif, err := directconnect.NewTransitVirtualInterface(ctx, name, vifArgs, parent, protect, settle)
	if err != nil {
		return err
	}
	c.VirtualInterfaceIDs[conn.Name] = vif.ID()
	c.BGPPeers[conn.Name] = pulumi.Map{
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
		description: "Direct Connect connection " + conn.Name + " (" + conn.Location + ") is down; traffic has moved to the other paths. See docs/hybrid.md, Alarms.",
		namespace:   "AWS/DX", metric: "ConnectionState",
		dimensions: pulumi.StringMap{"ConnectionId": connectionID},
	}); err != nil {
		return err
	}
	return alarms.stateAlarm(name+"-bgp", stateAlarm{
		description: "The BGP session of Direct Connect VIF " + conn.Name + " is down: its prefixes are withdrawn and traffic has moved to the other paths. See docs/hybrid.md, Alarms.",
		namespace:   "AWS/DX", metric: "VirtualInterfaceBgpStatus",
		dimensions: pulumi.StringMap{"ConnectionId": connectionID, "VirtualInterfaceId": vif.ID().ToStringOutput()},
	})
}
