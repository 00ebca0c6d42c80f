package hybrid

import (
	"strconv"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
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

// tunnelSettings are one tunnel's options, the same for tunnel 1 and tunnel 2.
type tunnelSettings struct {
	insideCIDR   pulumi.StringPtrInput
	presharedKey pulumi.StringPtrInput
}

// declareVPN declares one customer gateway and VPN connection per on-premises router, attached to the
// Transit Gateway, with logged tunnels and an alarm per tunnel. A transport attachment makes them private
// VPNs over Direct Connect; without one they run over the internet.
func (c *Connectivity) declareVPN(ctx *pulumi.Context, name string, args *ConnectivityArgs, vpn VPN, tg transit,
	transport pulumi.StringInput, alarms alarmer, parent pulumi.ResourceOption) error {
	protect := pulumi.Protect(args.Protect)
	private := transport != nil
	for _, gw := range vpn.CustomerGateways {
		gwName := name + "-" + gw.Name
		gwArgs := &ec2.CustomerGatewayArgs{
			Type:       pulumi.String("ipsec.1"),
			IpAddress:  pulumi.String(gw.IPAddress.String()),
			DeviceName: pulumi.String(gw.Name),
			Tags:       pulumi.StringMap{"Name": pulumi.String(gwName)},
		}
		if asn := strconv.FormatInt(gw.ASN, 10); gw.ASN <= maxTwoByteASN {
			gwArgs.BgpAsn = pulumi.String(asn)
		} else {
			gwArgs.BgpAsnExtended = pulumi.String(asn)
		}
		customer, err := ec2.NewCustomerGateway(ctx, gwName, gwArgs, parent, protect)
		if err != nil {
			return err
		}

		logs, err := cloudwatch.NewLogGroup(ctx, gwName+"-tunnels", &cloudwatch.LogGroupArgs{
			RetentionInDays: pulumi.Int(args.TunnelLogRetentionDays),
			KmsKeyId:        args.LogsKeyArn,
		}, parent, pulumi.RetainOnDelete(args.Protect))
		if err != nil {
			return err
		}

		tunnels := [2]tunnelSettings{}
		for i, t := range gw.Tunnels {
			tunnels[i].insideCIDR = pulumi.String(t.InsideCIDR.String())
			if t.PresharedKey != "" {
				tunnels[i].presharedKey = pulumi.ToSecret(pulumi.String(t.PresharedKey)).(pulumi.StringOutput)
			}
		}
		logOptions := &ec2.VpnConnectionTunnel1LogOptionsArgs{CloudwatchLogOptions: &ec2.VpnConnectionTunnel1LogOptionsCloudwatchLogOptionsArgs{
			LogEnabled: pulumi.Bool(true), LogGroupArn: logs.Arn, LogOutputFormat: pulumi.String("json"),
		}}
		logOptions2 := &ec2.VpnConnectionTunnel2LogOptionsArgs{CloudwatchLogOptions: &ec2.VpnConnectionTunnel2LogOptionsCloudwatchLogOptionsArgs{
			LogEnabled: pulumi.Bool(true), LogGroupArn: logs.Arn, LogOutputFormat: pulumi.String("json"),
		}}
		ike, enc, integ, dh := pulumi.ToStringArray(TunnelIKEVersions), pulumi.ToStringArray(TunnelEncryption),
			pulumi.ToStringArray(TunnelIntegrity), pulumi.ToIntArray(TunnelDHGroups)
		// DPD restart re-initiates IKE when the peer stops answering; startup "add" leaves initiation to the
		// router, which decides when a tunnel should come up.
		dpdAction, dpdSeconds, startup := pulumi.String("restart"), pulumi.Int(30), pulumi.String("add")

		vpnArgs := &ec2.VpnConnectionArgs{
			Type:              pulumi.String("ipsec.1"),
			CustomerGatewayId: customer.ID(),
			TransitGatewayId:  tg.gateway.ID(),
			// BGP, never static: a tunnel or path that fails withdraws its routes and traffic moves.
			StaticRoutesOnly:      pulumi.Bool(false),
			TunnelInsideIpVersion: pulumi.String("ipv4"),
			OutsideIpAddressType:  pulumi.String("PublicIpv4"),
			EnableAcceleration:    pulumi.Bool(vpn.Acceleration && !private),

			Tunnel1InsideCidr: tunnels[0].insideCIDR, Tunnel1PresharedKey: tunnels[0].presharedKey,
			Tunnel1IkeVersions:                ike,
			Tunnel1Phase1EncryptionAlgorithms: enc, Tunnel1Phase2EncryptionAlgorithms: enc,
			Tunnel1Phase1IntegrityAlgorithms: integ, Tunnel1Phase2IntegrityAlgorithms: integ,
			Tunnel1Phase1DhGroupNumbers: dh, Tunnel1Phase2DhGroupNumbers: dh,
			Tunnel1DpdTimeoutAction: dpdAction, Tunnel1DpdTimeoutSeconds: dpdSeconds, Tunnel1StartupAction: startup,
			Tunnel1LogOptions: logOptions,

			Tunnel2InsideCidr: tunnels[1].insideCIDR, Tunnel2PresharedKey: tunnels[1].presharedKey,
			Tunnel2IkeVersions:                ike,
			Tunnel2Phase1EncryptionAlgorithms: enc, Tunnel2Phase2EncryptionAlgorithms: enc,
			Tunnel2Phase1IntegrityAlgorithms: integ, Tunnel2Phase2IntegrityAlgorithms: integ,
			Tunnel2Phase1DhGroupNumbers: dh, Tunnel2Phase2DhGroupNumbers: dh,
			Tunnel2DpdTimeoutAction: dpdAction, Tunnel2DpdTimeoutSeconds: dpdSeconds, Tunnel2StartupAction: startup,
			Tunnel2LogOptions: logOptions2,

			Tags: pulumi.StringMap{"Name": pulumi.String(gwName)},
		}
		if private {
			// Outside addresses come from the Transit Gateway CIDR block and the tunnels ride the Direct
			// Connect gateway's attachment, so the IPsec encryption covers the private line.
			vpnArgs.OutsideIpAddressType = pulumi.String("PrivateIpv4")
			vpnArgs.TransportTransitGatewayAttachmentId = transport
		}
		conn, err := ec2.NewVpnConnection(ctx, gwName, vpnArgs, parent, protect, settle)
		if err != nil {
			return err
		}
		if err := tg.attach(ctx, gwName, conn.TransitGatewayAttachmentId, true, parent); err != nil {
			return err
		}

		outside := "internet"
		if private {
			outside = "directConnect"
		}
		c.VPNTunnels[gw.Name] = pulumi.Map{
			"vpnConnectionId": conn.ID().ToStringOutput(),
			"outside":         pulumi.String(outside),
			"customerAsn":     pulumi.Int(int(gw.ASN)),
			"awsAsn":          pulumi.Int(int(args.TransitGateway.AmazonSideASN)),
			"tunnels": pulumi.Array{
				tunnelOutput(conn.Tunnel1Address, conn.Tunnel1InsideCidr, conn.Tunnel1VgwInsideAddress, conn.Tunnel1CgwInsideAddress, conn.Tunnel1PresharedKey),
				tunnelOutput(conn.Tunnel2Address, conn.Tunnel2InsideCidr, conn.Tunnel2VgwInsideAddress, conn.Tunnel2CgwInsideAddress, conn.Tunnel2PresharedKey),
			},
		}

		// The tunnel's outside address is only known after apply, but it is an input of a fixed number of
		// alarms (two per connection), so the resource set still depends on config alone.
		for i, address := range []pulumi.StringOutput{conn.Tunnel1Address, conn.Tunnel2Address} {
			n := strconv.Itoa(i + 1)
			if err := alarms.stateAlarm(gwName+"-tunnel-"+n, stateAlarm{
				description: "VPN tunnel " + n + " to " + gw.Name + " is down (BGP not established). The other tunnel carries the traffic; see docs/hybrid.md, Alarms.",
				namespace:   "AWS/VPN", metric: "TunnelState",
				dimensions: pulumi.StringMap{"TunnelIpAddress": address},
			}); err != nil {
				return err
			}
		}
	}
	return nil
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
