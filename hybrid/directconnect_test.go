package hybrid

import (
	"net/netip"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/insurance/hybridcloud/hybrid/topology"
	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/plantest"
	"github.com/insurance/hybridcloud/internal/plan/token"
)

func TestTransitVIFsUseJumboFramesAndASecretBGPKeyOnTheOneGateway(t *testing.T) {
	res, c := runConnectivity(t, testArgs(topology.ModeDirectConnectWithVPN), plan.Up)
	gw := plantest.Named(t, res, token.DXGateway, "hy-dxgw").Props()
	assert.Equal(t, "64513", gw["amazonSideAsn"])
	for _, tc := range []struct{ name, connection string }{{"ash-a", "dxcon-fgabc123"}, {"res-a", "dxcon-fgdef456"}} {
		vif := plantest.Named(t, res, token.DXTransitVirtualInterface, "hy-dx-"+tc.name)
		p := vif.Props()
		assert.Equal(t, tc.connection, p["connectionId"])
		assert.Equal(t, "hy-dxgw_id", p["dxGatewayId"], "every VIF lands on the same Direct Connect gateway")
		assert.EqualValues(t, 8500, p["mtu"])
		assert.EqualValues(t, 65100, p["bgpAsn"])
		assert.Equal(t, "ipv4", p["addressFamily"])
		assert.Equal(t, plan.SecretMask, p["bgpAuthKey"], "the BGP key is a secret")
		assert.True(t, vif.Inputs["bgpAuthKey"].ContainsSecrets())
	}
	ash := plantest.Named(t, res, token.DXTransitVirtualInterface, "hy-dx-ash-a").Props()
	assert.Equal(t, "169.254.100.1/30", ash["amazonAddress"])
	assert.Equal(t, "169.254.100.2/30", ash["customerAddress"])
	assert.NotContains(t, plantest.Named(t, res, token.DXTransitVirtualInterface, "hy-dx-res-a").Props(), "amazonAddress", "AWS picks the peers when none are given")

	peers := plantest.Await(t, c.BGPPeers.ToMapOutput()).Value.(map[string]any)
	ashPeer := peers["ash-a"].(map[string]any)
	assert.Equal(t, "hy-dx-ash-a_id", ashPeer["virtualInterfaceId"])
	assert.EqualValues(t, 101, ashPeer["vlan"])
	assert.EqualValues(t, 64513, ashPeer["awsAsn"])
	assert.Equal(t, "169.254.100.2/30", ashPeer["customerAddress"])
	vifs := plantest.Await(t, pulumi.ToIDMapOutput(c.VirtualInterfaceIDs)).Value
	assert.Equal(t, map[string]pulumi.ID{"ash-a": "hy-dx-ash-a_id", "res-a": "hy-dx-res-a_id"}, vifs, "the VIFs by connection name")
}

func TestAllowedPrefixesFollowTheMode(t *testing.T) {
	summary := testArgs(topology.ModeDirectConnectWithVPN)
	summary.Settings.DirectConnect.AllowedPrefixes = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/12")}
	tests := []struct {
		name string
		args *ConnectivityArgs
		want []any
	}{
		{"the VPC CIDR by default", testArgs(topology.ModeDirectConnectWithVPN), []any{"10.10.0.0/16"}},
		{"a configured summary", summary, []any{"10.0.0.0/12"}},
		{"only the Transit Gateway block when encrypted", testArgs(topology.ModeDirectConnectEncrypted), []any{"10.255.0.0/24"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, _ := runConnectivity(t, tt.args, plan.Up)
			assoc := plantest.Named(t, res, token.DXGatewayAssociation, "hy-dxgw-tgw").Props()
			assert.Equal(t, tt.want, assoc["allowedPrefixes"])
			assert.Equal(t, "hy-dxgw_id", assoc["dxGatewayId"])
			assert.Equal(t, "hy-tgw_id", assoc["associatedGatewayId"])
		})
	}
}

func TestDirectConnectRoutesPropagateBesideTheVPNsSoBGPPicksTheRoute(t *testing.T) {
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectWithVPN), plan.Up)
	// Both paths propagate into the VPC's route table: Direct Connect wins for the same prefix, the VPN
	// takes over when Direct Connect withdraws it.
	for _, attachment := range []string{"hy-dx", "hy-vpn-edge1", "hy-vpn-edge2"} {
		assoc := plantest.Named(t, res, token.TGWRouteTableAssociation, attachment).Props()
		assert.Equal(t, "hy-onprem-rt_id", assoc["transitGatewayRouteTableId"], attachment)
		prop := plantest.Named(t, res, token.TGWRouteTablePropagation, attachment).Props()
		assert.Equal(t, "hy-vpc-rt_id", prop["transitGatewayRouteTableId"], attachment)
	}
	assert.Equal(t, dxAttachment, plantest.Named(t, res, token.TGWRouteTableAssociation, "hy-dx").Props()["transitGatewayAttachmentId"])
	assert.Equal(t, "tgw-attach-hy-vpn-edge1", plantest.Named(t, res, token.TGWRouteTablePropagation, "hy-vpn-edge1").Props()["transitGatewayAttachmentId"])
}

func TestEncryptedModeOnlyCarriesIPsecOverDirectConnect(t *testing.T) {
	res, _ := runConnectivity(t, testArgs(topology.ModeDirectConnectEncrypted), plan.Up)
	tgw := plantest.Named(t, res, token.TGWTransitGateway, "hy-tgw").Props()
	assert.Equal(t, []any{"10.255.0.0/24"}, tgw["transitGatewayCidrBlocks"])

	for _, name := range []string{"hy-dxvpn-core1", "hy-dxvpn-core2"} {
		p := plantest.Named(t, res, token.EC2VPNConnection, name).Props()
		assert.Equal(t, "PrivateIpv4", p["outsideIpAddressType"])
		assert.Equal(t, dxAttachment, p["transportTransitGatewayAttachmentId"], "the tunnels ride the Direct Connect gateway's attachment")
		assert.Equal(t, false, p["enableAcceleration"])
		assert.Equal(t, false, p["staticRoutesOnly"])
		assert.Equal(t, "10.100.250."+name[len(name)-1:], plantest.Named(t, res, token.EC2CustomerGateway, name).Props()["ipAddress"])
	}
	// The Direct Connect attachment sits alone in an empty route table and propagates nowhere: nothing
	// reaches the VPC over Direct Connect outside the tunnels.
	dx := plantest.Named(t, res, token.TGWRouteTableAssociation, "hy-dx").Props()
	assert.Equal(t, "hy-transport-rt_id", dx["transitGatewayRouteTableId"])
	_, propagates := res.Named(token.TGWRouteTablePropagation, "hy-dx")
	assert.False(t, propagates)
	for _, p := range plantest.Every(t, res, token.TGWRouteTablePropagation, 5) {
		assert.NotEqual(t, "hy-transport-rt_id", p.Props()["transitGatewayRouteTableId"], p.Name)
	}
	// The internet VPN stays as the failover path.
	assert.Equal(t, "PublicIpv4", plantest.Named(t, res, token.EC2VPNConnection, "hy-vpn-edge1").Props()["outsideIpAddressType"])
}

func TestAnOrderedConnectionGetsItsVIFOnlyOnceAvailable(t *testing.T) {
	args := testArgs(topology.ModeDirectConnect)
	ordered := args.Settings.DirectConnect.Connections["res-a"]
	ordered.ID = ""
	ordered.Order = &Order{Bandwidth: "10Gbps", ProviderName: "Equinix", MACsec: &MACsec{EncryptionMode: "must_encrypt", CKN: "ckn", CAK: "cak"}}
	args.Settings.DirectConnect.Connections["res-a"] = ordered

	res, c := runConnectivity(t, args, plan.Up)
	conn := plantest.Named(t, res, token.DXConnection, "hy-dx-res-a").Props()
	assert.Equal(t, "10Gbps", conn["bandwidth"])
	assert.Equal(t, "CSVA1", conn["location"])
	assert.Equal(t, "Equinix", conn["providerName"])
	assert.Equal(t, true, conn["requestMacsec"])
	assert.Equal(t, "must_encrypt", conn["encryptionMode"])
	assert.Equal(t, true, conn["skipDestroy"], "destroying the stack never gives up a physical port")
	_, vif := res.Named(token.DXTransitVirtualInterface, "hy-dx-res-a")
	assert.False(t, vif, "no VIF before the cross-connect is done")
	assert.Empty(t, res.OfType(token.DXMACsecKeyAssociation), "MACsec keys need an available connection")
	assert.Len(t, res.OfType(token.CloudWatchMetricAlarm), 2, "only the existing connection is watched")
	assert.NotContains(t, c.VirtualInterfaceIDs, "res-a")

	ordered.Order.Available = true
	res, _ = runConnectivity(t, args, plan.Up)
	assert.Equal(t, "hy-dx-res-a_id", plantest.Named(t, res, token.DXTransitVirtualInterface, "hy-dx-res-a").Props()["connectionId"])
	keys := plantest.Named(t, res, token.DXMACsecKeyAssociation, "hy-dx-res-a-macsec")
	assert.Equal(t, plan.SecretMask, keys.Props()["ckn"])
	assert.Equal(t, plan.SecretMask, keys.Props()["cak"])
	assert.Len(t, res.OfType(token.CloudWatchMetricAlarm), 4)
}

func TestTheMaximumModelGetsAVIFAndAlarmsForEachOfItsFourConnections(t *testing.T) {
	args := testArgs(topology.ModeDirectConnect)
	args.Settings.DirectConnect.Resiliency = topology.ResiliencyMaximum
	args.Settings.DirectConnect.Connections = map[string]Connection{
		"ash-a": {ID: "dxcon-fgaaa111", Location: "EqDC2", Device: "EqDC2-dev1", VLAN: 101, ASN: 65100, BGPAuthKey: "key-ash-a"},
		"ash-b": {ID: "dxcon-fgbbb222", Location: "EqDC2", Device: "EqDC2-dev2", VLAN: 102, ASN: 65100, BGPAuthKey: "key-ash-b"},
		"res-a": {ID: "dxcon-fgccc333", Location: "CSVA1", Device: "CSVA1-dev1", VLAN: 103, ASN: 65100, BGPAuthKey: "key-res-a"},
		"res-b": {ID: "dxcon-fgddd444", Location: "CSVA1", Device: "CSVA1-dev2", VLAN: 104, ASN: 65100, BGPAuthKey: "key-res-b"},
	}
	for _, mode := range plantest.Modes {
		res, _ := runConnectivity(t, args, mode)
		assert.Len(t, res.OfType(token.DXTransitVirtualInterface), 4, mode)
		assert.Len(t, res.OfType(token.DXGateway), 1, "%s: every VIF lands on the one gateway", mode)
		metrics := map[any]int{}
		for _, a := range plantest.Every(t, res, token.CloudWatchMetricAlarm, 8) {
			metrics[a.Props()["metricName"]]++
		}
		assert.Equal(t, map[any]int{"ConnectionState": 4, "VirtualInterfaceBgpStatus": 4}, metrics, mode)
	}
}

func TestConnectionArgsOrderAPortThatOutlivesTheStack(t *testing.T) {
	conn := Connection{Location: "EqDC2", Order: &Order{Bandwidth: "1Gbps"}}
	args := connectionArgs("hy-dx-ash-a", conn)
	assert.Equal(t, pulumi.String("hy-dx-ash-a"), args.Name)
	assert.Equal(t, pulumi.String("EqDC2"), args.Location)
	assert.Equal(t, pulumi.String("1Gbps"), args.Bandwidth)
	assert.Equal(t, pulumi.Bool(true), args.SkipDestroy)
	assert.Nil(t, args.ProviderName, "no partner unless one is named")
	assert.Nil(t, args.RequestMacsec, "no MACsec unless asked")

	conn.Order = &Order{Bandwidth: "10Gbps", ProviderName: "Equinix", MACsec: &MACsec{EncryptionMode: topology.MACsecShouldEncrypt}}
	args = connectionArgs("hy-dx-ash-a", conn)
	assert.Equal(t, pulumi.String("Equinix"), args.ProviderName)
	assert.Equal(t, pulumi.Bool(true), args.RequestMacsec)
	assert.Equal(t, pulumi.String("should_encrypt"), args.EncryptionMode)
}

func TestVIFArgsSetPeerAddressesOnlyWhenGiven(t *testing.T) {
	conn := Connection{ID: "dxcon-fgabc123", VLAN: 101, ASN: 65100, BGPAuthKey: "key"}
	args := vifArgs("hy-dx-ash-a", conn, topology.MTUStandard, pulumi.String(conn.ID), pulumi.IDOutput{})
	assert.Equal(t, pulumi.Int(101), args.Vlan)
	assert.Equal(t, pulumi.Int(65100), args.BgpAsn)
	assert.Equal(t, pulumi.Int(1500), args.Mtu)
	assert.Equal(t, pulumi.String("ipv4"), args.AddressFamily)
	assert.IsType(t, pulumi.StringOutput{}, args.BgpAuthKey, "the key goes in as a secret output")
	assert.Nil(t, args.AmazonAddress)
	assert.Nil(t, args.CustomerAddress)

	conn.AmazonAddress, conn.CustomerAddress = netip.MustParsePrefix("169.254.100.1/30"), netip.MustParsePrefix("169.254.100.2/30")
	args = vifArgs("hy-dx-ash-a", conn, topology.MTUJumbo, pulumi.String(conn.ID), pulumi.IDOutput{})
	require.NotNil(t, args.AmazonAddress)
	assert.Equal(t, pulumi.String("169.254.100.1/30"), args.AmazonAddress)
	assert.Equal(t, pulumi.String("169.254.100.2/30"), args.CustomerAddress)
}

func TestTheDirectConnectAssociationCanSwitchBetweenEncryptedAndClearModes(t *testing.T) {
	// The same logical association moves between route tables when the mode switches; AWS allows one
	// association per attachment, so the replacement must delete the old one first.
	tables := map[topology.Mode]string{}
	for _, mode := range []topology.Mode{topology.ModeDirectConnect, topology.ModeDirectConnectWithVPN, topology.ModeDirectConnectEncrypted} {
		res, _ := runConnectivity(t, testArgs(mode), plan.Up)
		dx := plantest.Named(t, res, token.TGWRouteTableAssociation, "hy-dx")
		assert.True(t, dx.DeleteBeforeReplace, "%s: a create-before-delete replacement fails with Resource.AlreadyAssociated", mode)
		tables[mode] = dx.Props()["transitGatewayRouteTableId"].(string)
	}
	assert.NotEqual(t, tables[topology.ModeDirectConnect], tables[topology.ModeDirectConnectEncrypted], "the switch replaces the association")
}
