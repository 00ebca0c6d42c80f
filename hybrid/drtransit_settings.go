package hybrid

// DRTransitSettings are the DR Transit Gateway's own settings: config derives them from hybridcloud:dr and the
// primary's hybridcloud:hybrid, so the DR region is reached over the same paths as the primary.
type DRTransitSettings struct {
	// AmazonSideASN is the DR Transit Gateway's private ASN. Required; it differs from the primary Transit
	// Gateway's and the Direct Connect gateway's.
	AmazonSideASN int64
	// VPN, when set, connects each of its on-premises routers to the DR Transit Gateway too, over the
	// internet, with inside addresses and keys AWS picks (unique on the new gateway). Optional: nil without
	// a VPN in the primary's mode.
	VPN *VPN
	// TunnelLogRetentionDays is how long the DR tunnels' logs are kept. Required with VPN.
	TunnelLogRetentionDays int
	// Protect sets pulumi protect on the gateway, its attachments, association and VPN connections, as
	// ConnectivitySettings.Protect does in the primary region.
	Protect bool
}
