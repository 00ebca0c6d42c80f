package topology

import "fmt"

// Transit virtual interface MTUs AWS accepts: 1500, or 8500 for jumbo frames.
const (
	MTUStandard = 1500
	MTUJumbo    = 8500
)

// DefaultMTU is jumbo frames: fewer packets for bulk transfers (backups, file gateway) between the data
// centre and the VPC. The on-premises router's VIF sub-interface must use the same MTU.
const DefaultMTU = MTUJumbo

// DefaultMTUFor is the VIFs' MTU when the stack sets none: MTUStandard when an internet VPN backs Direct
// Connect, DefaultMTU otherwise. TCP fixes its MSS when a connection opens, so flows opened over jumbo-frame
// VIFs keep sending 8460-byte segments after a failover to tunnels that carry about 1446 bytes, and stall
// where ICMP "fragmentation needed" does not reach the sender (Transit Gateway: "Traffic over VPN
// connections can have an MTU of 1500 bytes", https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html).
func DefaultMTUFor(vpnFailover bool) int {
	if vpnFailover {
		return MTUStandard
	}
	return DefaultMTU
}

// CheckMTU accepts the MTUs a transit VIF takes.
func CheckMTU(mtu int) error {
	switch mtu {
	case MTUStandard, MTUJumbo:
		return nil
	default:
		return fmt.Errorf("%d is not a transit VIF MTU (want %d or %d)", mtu, MTUStandard, MTUJumbo)
	}
}

// Dedicated connection port speeds that can be ordered, and the subset that supports MACsec.
var (
	DedicatedBandwidths = []string{"1Gbps", "10Gbps", "100Gbps", "400Gbps"}
	MACsecBandwidths    = []string{"10Gbps", "100Gbps", "400Gbps"}
)

// MACsec encryption modes of a connection. MACsecMustEncrypt drops traffic when the MACsec session is
// down; MACsecShouldEncrypt falls back to clear text.
const (
	MACsecMustEncrypt   = "must_encrypt"
	MACsecShouldEncrypt = "should_encrypt"
)

// MACsecModes are a connection's MACsec encryption modes.
var MACsecModes = []string{MACsecMustEncrypt, MACsecShouldEncrypt}

// DefaultMACsecMode drops traffic rather than send it in clear when the MACsec session is down.
const DefaultMACsecMode = MACsecMustEncrypt
