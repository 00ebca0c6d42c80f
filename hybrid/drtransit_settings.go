package hybrid

import "net/netip"

// DRTransitSettings are the DR Transit Gateway's own settings: config derives them from hybridcloud:dr and the
// primary's hybridcloud:hybrid, so the DR region is reached over the same paths as the primary.
type DRTransitSettings struct {
	// AmazonSideASN is the DR Transit Gateway's private ASN. Required; it differs from the primary Transit
	// Gateway's and the Direct Connect gateway's.
	AmazonSideASN int64
	// VPN, when set, connects each of its on-premises routers to the DR Transit Gateway too, over the
	// internet, with each router's DRTunnels (AWS picks inside addresses and keys without them) and the
	// primary's acceleration. Optional: nil without a VPN in the primary's mode.
	VPN *VPN
	// PrivateVPN, when set, connects each of its on-premises routers to the DR Transit Gateway over Direct
	// Connect, as the primary's ModeDirectConnectEncrypted does: private outside addresses from CIDRBlocks,
	// each router's DRTunnels as VPN's. The Direct Connect association then advertises only CIDRBlocks,
	// so the DR VPC too is reached through IPsec alone. Optional: nil unless the primary's mode is
	// ModeDirectConnectEncrypted; needs the Direct Connect gateway and CIDRBlocks.
	PrivateVPN *VPN
	// CIDRBlocks are the DR Transit Gateway's CIDR blocks (IPv4, /24 or larger), the outside addresses of
	// PrivateVPN's endpoints. Required with PrivateVPN, refused without it.
	CIDRBlocks []netip.Prefix
	// TunnelLogRetentionDays is how long the DR tunnels' logs are kept. Required with either VPN.
	TunnelLogRetentionDays int
	// Protect sets pulumi protect on the gateway, its attachments, association and VPN connections, as
	// ConnectivitySettings.Protect does in the primary region.
	Protect bool
}
