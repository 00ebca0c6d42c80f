package hybrid

import (
	"maps"
	"slices"
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Tunnel crypto both tunnels of every VPN connection allow: IKEv2 only, AES-256 (GCM preferred), SHA-2 and
// elliptic-curve DH groups. The on-premises router must offer a matching proposal.
var (
	TunnelIKEVersions = []string{"ikev2"}
	TunnelEncryption  = []string{"AES256-GCM-16", "AES256"}
	TunnelIntegrity   = []string{"SHA2-256", "SHA2-384", "SHA2-512"}
	TunnelDHGroups    = []int{19, 20, 21}
)

// maxTwoByteASN is the largest ASN the customer gateway's bgpAsn field takes; larger ones go in
// bgpAsnExtended.
const maxTwoByteASN = 2147483647

// declareVPNs declares the VPNs that are set: the internet one (<name>-vpn) and the one over Direct Connect
// (<name>-dxvpn, riding dxAttachmentID). One delivery policy covers both's tunnel logs: the account's 10 per
// region are shared.
func (c *Connectivity) declareVPNs(ctx *pulumi.Context, name string, args *ConnectivityArgs, internet, private *VPN, tg transit,
	dxAttachmentID pulumi.StringOutput, alarms alarmer, parent pulumi.ResourceOption) error {
	paths := []struct {
		name      string
		vpn       *VPN
		transport pulumi.StringInput
	}{{name + "-vpn", internet, nil}, {name + "-dxvpn", private, dxAttachmentID}}
	vpns := map[string]VPN{}
	for _, p := range paths {
		if p.vpn != nil {
			vpns[p.name] = *p.vpn
		}
	}
	logs, err := declareTunnelLogs(ctx, name, args, vpns, parent)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if p.vpn != nil {
			if err := c.declareVPN(ctx, p.name, args, *p.vpn, tg, p.transport, alarms, logs, parent); err != nil {
				return err
			}
		}
	}
	return nil
}

// declareVPN declares one customer gateway and VPN connection per on-premises router, attached to the
// Transit Gateway, with logged tunnels and an alarm per tunnel. A transport attachment makes them private
// VPNs over Direct Connect; without one they run over the internet.
func (c *Connectivity) declareVPN(ctx *pulumi.Context, name string, args *ConnectivityArgs, vpn VPN, tg transit,
	transport pulumi.StringInput, alarms alarmer, logs tunnelLogs, parent pulumi.ResourceOption) error {
	protect := pulumi.Protect(args.Settings.Protect)
	for _, router := range slices.Sorted(maps.Keys(vpn.CustomerGateways)) {
		gw, gwName := vpn.CustomerGateways[router], name+"-"+router
		customer, err := ec2.NewCustomerGateway(ctx, gwName, customerGatewayArgs(gwName, router, gw), parent, protect)
		if err != nil {
			return err
		}
		// The connection starts the tunnel logs' delivery: after the delivery policy, or AWS writes its own.
		conn, err := ec2.NewVpnConnection(ctx, gwName, vpnConnectionArgs(gwName, gw, vpnPath{
			customerGatewayID: customer.ID(), transitGatewayID: tg.gateway.ID(), tunnelLogsARN: logs.groups[gwName].Arn,
			acceleration: vpn.Acceleration, transport: transport,
		}), parent, protect, settle, pulumi.DependsOn([]pulumi.Resource{logs.delivery}))
		if err != nil {
			return err
		}
		if err := tg.attach(ctx, gwName, conn.TransitGatewayAttachmentId, true, parent); err != nil {
			return err
		}
		c.VPNTunnels[router] = vpnTunnelsOutput(conn, gw, args.Settings.TransitGateway.AmazonSideASN, transport != nil)
		// The provider marks it secret already; saying so here keeps it secret whatever the provider does.
		c.CustomerGatewayConfigurations[router] = pulumi.ToSecret(conn.CustomerGatewayConfiguration).(pulumi.StringOutput)

		// The tunnel's outside address is only known after apply, but it is an input of a fixed number of
		// alarms (two per connection), so the resource set still depends on config alone.
		for i, address := range []pulumi.StringOutput{conn.Tunnel1Address, conn.Tunnel2Address} {
			n := strconv.Itoa(i + 1)
			if err := alarms.stateAlarm(gwName+"-tunnel-"+n, stateAlarm{
				description: "VPN tunnel " + n + " to " + router + " is down (BGP not established). The other tunnel carries the traffic; see docs/hybrid.md, Alarms.",
				namespace:   "AWS/VPN", metric: "TunnelState",
				dimensions: pulumi.StringMap{"TunnelIpAddress": address},
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// customerGatewayArgs is one on-premises router; device is its short name. ASNs above the 2-byte field's
// range go in bgpAsnExtended.
func customerGatewayArgs(name, device string, gw CustomerGateway) *ec2.CustomerGatewayArgs {
	args := &ec2.CustomerGatewayArgs{
		Type:       pulumi.String("ipsec.1"),
		IpAddress:  pulumi.String(gw.IPAddress.String()),
		DeviceName: pulumi.String(device),
		Tags:       pulumi.StringMap{"Name": pulumi.String(name)},
	}
	if asn := strconv.FormatInt(gw.ASN, 10); gw.ASN <= maxTwoByteASN {
		args.BgpAsn = pulumi.String(asn)
	} else {
		args.BgpAsnExtended = pulumi.String(asn)
	}
	return args
}

// vpnPath is what a VPN connection joins: its customer gateway, the Transit Gateway, the log group of its
// tunnels, and for a private VPN the Direct Connect attachment it rides (nil over the internet).
type vpnPath struct {
	customerGatewayID, transitGatewayID pulumi.StringInput
	tunnelLogsARN                       pulumi.StringInput
	acceleration                        bool
	transport                           pulumi.StringInput
}

// tunnelOptions are one tunnel's settings; the crypto and timers are the same for tunnel 1 and tunnel 2.
type tunnelOptions struct {
	insideCIDR, presharedKey pulumi.StringPtrInput
}

// vpnConnectionArgs is the VPN connection of one router: BGP, IKEv2 with modern crypto on both tunnels, the
// tunnels logged, over the internet or, with a transport, over Direct Connect with private addresses. The
// Tunnel1/Tunnel2 twins are the provider's API.
func vpnConnectionArgs(name string, gw CustomerGateway, path vpnPath) *ec2.VpnConnectionArgs {
	tunnels := [2]tunnelOptions{}
	for i, t := range gw.Tunnels {
		tunnels[i].insideCIDR = pulumi.String(t.InsideCIDR.String())
		if t.PresharedKey != "" {
			tunnels[i].presharedKey = pulumi.ToSecret(pulumi.String(t.PresharedKey)).(pulumi.StringOutput)
		}
	}
	logging := pulumi.Bool(true)
	ike, enc, integ, dh := pulumi.ToStringArray(TunnelIKEVersions), pulumi.ToStringArray(TunnelEncryption),
		pulumi.ToStringArray(TunnelIntegrity), pulumi.ToIntArray(TunnelDHGroups)
	// DPD restart re-initiates IKE when the peer stops answering; startup "add" leaves initiation to the
	// router, which decides when a tunnel should come up.
	dpdAction, dpdSeconds, startup := pulumi.String("restart"), pulumi.Int(30), pulumi.String("add")
	private := path.transport != nil

	args := &ec2.VpnConnectionArgs{
		Type:              pulumi.String("ipsec.1"),
		CustomerGatewayId: path.customerGatewayID,
		TransitGatewayId:  path.transitGatewayID,
		// BGP, never static: a tunnel or path that fails withdraws its routes and traffic moves.
		StaticRoutesOnly:      pulumi.Bool(false),
		TunnelInsideIpVersion: pulumi.String("ipv4"),
		OutsideIpAddressType:  pulumi.String("PublicIpv4"),
		EnableAcceleration:    pulumi.Bool(path.acceleration && !private),

		Tunnel1InsideCidr: tunnels[0].insideCIDR, Tunnel1PresharedKey: tunnels[0].presharedKey,
		Tunnel1IkeVersions:                ike,
		Tunnel1Phase1EncryptionAlgorithms: enc, Tunnel1Phase2EncryptionAlgorithms: enc,
		Tunnel1Phase1IntegrityAlgorithms: integ, Tunnel1Phase2IntegrityAlgorithms: integ,
		Tunnel1Phase1DhGroupNumbers: dh, Tunnel1Phase2DhGroupNumbers: dh,
		Tunnel1DpdTimeoutAction: dpdAction, Tunnel1DpdTimeoutSeconds: dpdSeconds, Tunnel1StartupAction: startup,
		Tunnel1LogOptions: &ec2.VpnConnectionTunnel1LogOptionsArgs{CloudwatchLogOptions: &ec2.VpnConnectionTunnel1LogOptionsCloudwatchLogOptionsArgs{
			LogEnabled: logging, LogGroupArn: path.tunnelLogsARN, LogOutputFormat: pulumi.String("json"),
		}},

		Tunnel2InsideCidr: tunnels[1].insideCIDR, Tunnel2PresharedKey: tunnels[1].presharedKey,
		Tunnel2IkeVersions:                ike,
		Tunnel2Phase1EncryptionAlgorithms: enc, Tunnel2Phase2EncryptionAlgorithms: enc,
		Tunnel2Phase1IntegrityAlgorithms: integ, Tunnel2Phase2IntegrityAlgorithms: integ,
		Tunnel2Phase1DhGroupNumbers: dh, Tunnel2Phase2DhGroupNumbers: dh,
		Tunnel2DpdTimeoutAction: dpdAction, Tunnel2DpdTimeoutSeconds: dpdSeconds, Tunnel2StartupAction: startup,
		Tunnel2LogOptions: &ec2.VpnConnectionTunnel2LogOptionsArgs{CloudwatchLogOptions: &ec2.VpnConnectionTunnel2LogOptionsCloudwatchLogOptionsArgs{
			LogEnabled: logging, LogGroupArn: path.tunnelLogsARN, LogOutputFormat: pulumi.String("json"),
		}},

		Tags: pulumi.StringMap{"Name": pulumi.String(name)},
	}
	if private {
		// Outside addresses come from the Transit Gateway CIDR block and the tunnels ride the Direct
		// Connect gateway's attachment, so the IPsec encryption covers the private line.
		args.OutsideIpAddressType = pulumi.String("PrivateIpv4")
		args.TransportTransitGatewayAttachmentId = path.transport
	}
	return args
}

// vpnTunnelsOutput is one router's VPN connection as its operators configure it; the pre-shared keys stay
// secret.
func vpnTunnelsOutput(conn *ec2.VpnConnection, gw CustomerGateway, tgwASN int64, private bool) pulumi.Map {
	outside := "internet"
	if private {
		outside = "directConnect"
	}
	return pulumi.Map{
		"vpnConnectionId": conn.ID().ToStringOutput(),
		"outside":         pulumi.String(outside),
		"customerAsn":     pulumi.Int(int(gw.ASN)),
		"awsAsn":          pulumi.Int(int(tgwASN)),
		"tunnels": pulumi.Array{
			tunnelOutput(conn.Tunnel1Address, conn.Tunnel1InsideCidr, conn.Tunnel1VgwInsideAddress, conn.Tunnel1CgwInsideAddress, conn.Tunnel1PresharedKey),
			tunnelOutput(conn.Tunnel2Address, conn.Tunnel2InsideCidr, conn.Tunnel2VgwInsideAddress, conn.Tunnel2CgwInsideAddress, conn.Tunnel2PresharedKey),
		},
	}
}

// tunnelOutput is one tunnel as the on-premises router needs it; the pre-shared key stays secret.
func tunnelOutput(outside, insideCIDR, awsInside, customerInside, psk pulumi.StringOutput) pulumi.Map {
	return pulumi.Map{
		"outsideAddress":        outside,
		"insideCidr":            insideCIDR,
		"awsInsideAddress":      awsInside,
		"customerInsideAddress": customerInside,
		"presharedKey":          pulumi.ToSecret(psk),
	}
}
