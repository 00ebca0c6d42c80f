package hybrid

import (
	"fmt"
	"slices"
)

// Mode is how the data centre reaches AWS. Each mode declares only the resources it needs.
type Mode string

const (
	// ModeVPN is Site-to-Site VPN over the internet only: dev, or while Direct Connect is being provisioned.
	ModeVPN Mode = "vpn"
	// ModeDirectConnect is Direct Connect only, with no internet path behind it.
	ModeDirectConnect Mode = "directConnect"
	// ModeDirectConnectWithVPN is Direct Connect with internet VPN as the failover path (prod).
	ModeDirectConnectWithVPN Mode = "directConnectWithVpn"
	// ModeDirectConnectEncrypted runs IPsec VPN tunnels over the Direct Connect transit path (private
	// outside addresses), so traffic is encrypted on the private line; internet VPN may stay as failover.
	ModeDirectConnectEncrypted Mode = "directConnectEncrypted"
)

// Modes lists every mode, in the order the docs present them.
var Modes = []Mode{ModeVPN, ModeDirectConnect, ModeDirectConnectWithVPN, ModeDirectConnectEncrypted}

// ParseMode reads a mode from config.
func ParseMode(s string) (Mode, error) {
	if m := Mode(s); slices.Contains(Modes, m) {
		return m, nil
	}
	return "", fmt.Errorf("%q is not a connectivity mode (want one of %v)", s, Modes)
}

// Need says whether a mode needs, allows or forbids a part.
type Need int

const (
	// Forbidden parts are refused: a mode declares only what it needs.
	Forbidden Need = iota
	// Optional parts are declared when configured.
	Optional
	// Required parts must be configured.
	Required
)

// DirectConnect says whether the mode uses Direct Connect.
func (m Mode) DirectConnect() Need {
	if m == ModeVPN {
		return Forbidden
	}
	return Required
}

// InternetVPN says whether the mode has Site-to-Site VPN over the internet.
func (m Mode) InternetVPN() Need {
	switch m {
	case ModeVPN, ModeDirectConnectWithVPN:
		return Required
	case ModeDirectConnectEncrypted:
		return Optional
	default:
		return Forbidden
	}
}

// PrivateVPN says whether the mode has Site-to-Site VPN over Direct Connect (private outside addresses).
func (m Mode) PrivateVPN() Need {
	if m == ModeDirectConnectEncrypted {
		return Required
	}
	return Forbidden
}

// Resiliency is the AWS Direct Connect resiliency model a stack must meet.
type Resiliency string

const (
	// ResiliencyDevelopment is 2 connections on separate devices at one location (dev and test).
	ResiliencyDevelopment Resiliency = "development"
	// ResiliencyHigh is 1 connection at each of 2 locations: survives a location failure.
	ResiliencyHigh Resiliency = "high"
	// ResiliencyMaximum is 2 connections on separate devices at each of 2 locations: survives a location
	// failure and a device failure at the other location.
	ResiliencyMaximum Resiliency = "maximum"
)

// Resiliencies lists the models from weakest to strongest.
var Resiliencies = []Resiliency{ResiliencyDevelopment, ResiliencyHigh, ResiliencyMaximum}

// ParseResiliency reads a resiliency model from config.
func ParseResiliency(s string) (Resiliency, error) {
	if r := Resiliency(s); slices.Contains(Resiliencies, r) {
		return r, nil
	}
	return "", fmt.Errorf("%q is not a Direct Connect resiliency model (want one of %v)", s, Resiliencies)
}

// AtLeast says whether r is as strong as other.
func (r Resiliency) AtLeast(other Resiliency) bool {
	return slices.Index(Resiliencies, r) >= slices.Index(Resiliencies, other)
}

// NeedsSeparateDevices says whether the model requires two connections on separate devices at a location,
// so every connection must say which device it terminates on.
func (r Resiliency) NeedsSeparateDevices() bool {
	return r == ResiliencyDevelopment || r == ResiliencyMaximum
}

// Transit virtual interface MTUs AWS accepts: 1500, or 8500 for jumbo frames.
const (
	MTUStandard = 1500
	MTUJumbo    = 8500
)

// DefaultMTU is jumbo frames: fewer packets for bulk transfers (backups, file gateway) between the data
// centre and the VPC. The on-premises router's VIF sub-interface must use the same MTU.
const DefaultMTU = MTUJumbo

// Dedicated connection port speeds that can be ordered, and the subset that supports MACsec.
var (
	DedicatedBandwidths = []string{"1Gbps", "10Gbps", "100Gbps", "400Gbps"}
	MACsecBandwidths    = []string{"10Gbps", "100Gbps", "400Gbps"}
)

// MACsecModes are a connection's MACsec encryption modes. must_encrypt drops traffic when the MACsec
// session is down; should_encrypt falls back to clear text.
var MACsecModes = []string{"must_encrypt", "should_encrypt"}
