package topology

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Mode is how the data centre reaches AWS. Each mode declares only the parts it needs (see Need).
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

// Check accepts exactly the modes above.
func (m Mode) Check() error {
	switch m {
	case ModeVPN, ModeDirectConnect, ModeDirectConnectWithVPN, ModeDirectConnectEncrypted:
		return nil
	default:
		return fmt.Errorf("%q is not a connectivity mode (want one of %v)", string(m), Modes)
	}
}

// Part is a part of the connectivity that a mode needs, allows or forbids. Its value is the part's key
// under hybridcloud:hybrid (and the json tag of its settings field), so config names it as is.
type Part string

// The parts a mode decides on.
const (
	// PartDirectConnect is the Direct Connect gateway and its connections.
	PartDirectConnect Part = "directConnect"
	// PartInternetVPN is Site-to-Site VPN over the internet.
	PartInternetVPN Part = "vpn"
	// PartPrivateVPN is Site-to-Site VPN over Direct Connect, with private outside addresses.
	PartPrivateVPN Part = "privateVpn"
	// PartTGWCIDRBlocks are the Transit Gateway CIDR blocks the private VPN endpoints take their outside
	// addresses from.
	PartTGWCIDRBlocks Part = "transitGateway.cidrBlocks"
	// PartAllowedPrefixes is a configured summary the Direct Connect gateway advertises in clear.
	PartAllowedPrefixes Part = "directConnect.allowedPrefixes"
)

// Parts lists every part, in the order they are checked.
var Parts = []Part{PartDirectConnect, PartInternetVPN, PartPrivateVPN, PartTGWCIDRBlocks, PartAllowedPrefixes}

// describe says what a part is, in messages.
var describe = map[Part]string{
	PartDirectConnect:   "Direct Connect",
	PartInternetVPN:     "Site-to-Site VPN over the internet",
	PartPrivateVPN:      "Site-to-Site VPN over Direct Connect",
	PartTGWCIDRBlocks:   "Transit Gateway CIDR blocks (the outside addresses of VPN over Direct Connect)",
	PartAllowedPrefixes: "allowed prefixes advertised in clear over Direct Connect",
}

// Need says whether a mode needs, allows or forbids a part.
type Need int

const (
	// Forbidden parts are refused: a mode declares only what it needs. It is the zero value on purpose, so
	// a part the rule table does not list for a mode is refused, never silently declared.
	Forbidden Need = iota
	// Optional parts are declared when configured.
	Optional
	// Required parts must be configured.
	Required
)

// needs is the rule table: what each mode needs of each part. A part a mode does not list is Forbidden.
var needs = map[Mode]map[Part]Need{
	ModeVPN: {PartInternetVPN: Required},
	ModeDirectConnect: {
		PartDirectConnect: Required, PartAllowedPrefixes: Optional,
	},
	ModeDirectConnectWithVPN: {
		PartDirectConnect: Required, PartInternetVPN: Required, PartAllowedPrefixes: Optional,
	},
	// IPsec is the only way into the VPC over the private line: Direct Connect advertises only the Transit
	// Gateway CIDR blocks, never a clear-text summary.
	ModeDirectConnectEncrypted: {
		PartDirectConnect: Required, PartInternetVPN: Optional, PartPrivateVPN: Required, PartTGWCIDRBlocks: Required,
	},
}

// Need says whether the mode needs, allows or forbids part.
func (m Mode) Need(part Part) (Need, error) {
	if err := m.Check(); err != nil {
		return Forbidden, err
	}
	if _, known := describe[part]; !known {
		return Forbidden, fmt.Errorf("%q is not a part of the connectivity", string(part))
	}
	return needs[m][part], nil
}

// Presence checks that part is configured (given) exactly when the mode needs it. Its message names the
// mode and the part, not a key: config prefixes the key, the component its own name.
func (m Mode) Presence(part Part, given bool) error {
	need, err := m.Need(part)
	switch {
	case err != nil:
		return err
	case need == Required && !given:
		return fmt.Errorf("mode %s needs %s", m, describe[part])
	case need == Forbidden && given:
		return fmt.Errorf("mode %s has no %s; remove it or pick a mode that uses it", m, describe[part])
	default:
		return nil
	}
}

// Advertised is what the Direct Connect gateway advertises to the data centre: in ModeDirectConnectEncrypted
// only the Transit Gateway CIDR blocks (the private VPN endpoints), so the VPC is reachable through the
// IPsec tunnels only; otherwise the configured summary, or else the VPC CIDR.
func Advertised(m Mode, configured []netip.Prefix, vpcCIDR netip.Prefix, tgwBlocks []netip.Prefix) ([]netip.Prefix, error) {
	switch m {
	case ModeDirectConnectEncrypted:
		return slices.Clone(tgwBlocks), nil
	case ModeDirectConnect, ModeDirectConnectWithVPN:
		if len(configured) > 0 {
			return slices.Clone(configured), nil
		}
		return []netip.Prefix{vpcCIDR}, nil
	case ModeVPN:
		return nil, fmt.Errorf("mode %s has no Direct Connect to advertise over", m)
	default:
		return nil, m.Check()
	}
}

// PartError is a part that does not fit the mode: missing though required, or given though forbidden.
type PartError struct {
	Part Part
	Err  error
}

func (e PartError) Error() string { return e.Err.Error() }

func (e PartError) Unwrap() error { return e.Err }

// CheckParts checks every part (in Parts order) against the mode; configured says which are given. A part
// inside one already refused (directConnect.allowedPrefixes when directConnect is) is not reported again.
// It checks nothing for an unknown mode: Check reports that.
func (m Mode) CheckParts(configured map[Part]bool) []PartError {
	if m.Check() != nil {
		return nil
	}
	var out []PartError
	for _, part := range Parts {
		if slices.ContainsFunc(out, func(e PartError) bool { return strings.HasPrefix(string(part), string(e.Part)+".") }) {
			continue
		}
		if err := m.Presence(part, configured[part]); err != nil {
			out = append(out, PartError{Part: part, Err: err})
		}
	}
	return out
}
