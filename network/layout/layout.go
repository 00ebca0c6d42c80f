package layout

import (
	"errors"
	"fmt"
	"net/netip"
)

// NATStrategy says how many NAT gateways the app subnets egress through.
type NATStrategy string

const (
	// NATSingle puts one NAT gateway in the first AZ. It saves cost, but every AZ loses egress when that
	// AZ fails: for dev.
	NATSingle NATStrategy = "single"
	// NATPerAZ puts a NAT gateway in every AZ, so losing one AZ never cuts another's egress: for prod.
	NATPerAZ NATStrategy = "perAz"
)

// Check accepts exactly the strategies above.
func (s NATStrategy) Check() error {
	switch s {
	case NATSingle, NATPerAZ:
		return nil
	default:
		return fmt.Errorf("unknown NAT strategy %q (want %q or %q)", string(s), NATSingle, NATPerAZ)
	}
}

// GatewayAZs returns the AZ indexes that get a NAT gateway: the first AZ only, or every AZ.
func (s NATStrategy) GatewayAZs(azCount int) ([]int, error) {
	switch s {
	case NATSingle:
		return []int{0}, nil
	case NATPerAZ:
		out := make([]int, azCount)
		for i := range out {
			out[i] = i
		}
		return out, nil
	default:
		return nil, s.Check()
	}
}

// GatewayFor returns the index into the NAT gateways (in GatewayAZs order) that AZ az egresses through: its
// own with NATPerAZ.
func (s NATStrategy) GatewayFor(az int) (int, error) {
	switch s {
	case NATSingle:
		return 0, nil
	case NATPerAZ:
		return az, nil
	default:
		return 0, s.Check()
	}
}

// Tier is a subnet tier.
type Tier string

// The tiers, in the order their blocks are carved from the VPC CIDR.
const (
	// TierApp holds the ECS hosts, the internal ALB, interface endpoints and the Transit Gateway attachment.
	TierApp Tier = "app"
	// TierData holds RDS and anything stateful; no route to the internet unless configured.
	TierData Tier = "data"
	// TierPublic holds only the NAT gateways.
	TierPublic Tier = "public"
)

// Tiers lists every tier in carving order.
var Tiers = []Tier{TierApp, TierData, TierPublic}

// AZSlots is the number of AZ slots each tier reserves, and so the most AZs a VPC spans. Carving every tier
// for AZSlots AZs means adding an AZ later fills an empty slot instead of renumbering (and so replacing)
// every existing subnet.
const AZSlots = 4

// MinAZs is the fewest AZs a VPC spans: anything less is not highly available.
const MinAZs = 2

// AWS bounds on VPC and subnet sizes.
const (
	minVpcPrefix    = 16
	maxVpcPrefix    = 24
	minSubnetPrefix = 16
	maxSubnetPrefix = 28
)

// PrefixLengths sets each tier's subnet size as a prefix length.
type PrefixLengths struct {
	// App is the app subnets' prefix length. Default 20 (4,091 usable addresses: awsvpc tasks take one each).
	App int `json:"app"`
	// Data is the data subnets' prefix length. Default 24.
	Data int `json:"data"`
	// Public is the public (NAT-only) subnets' prefix length. Default 28, the smallest AWS allows.
	Public int `json:"public"`
}

// DefaultPrefixLengths suit a /16 VPC.
var DefaultPrefixLengths = PrefixLengths{App: 20, Data: 24, Public: 28}

func (p PrefixLengths) of(t Tier) (int, error) {
	switch t {
	case TierApp:
		return p.App, nil
	case TierData:
		return p.Data, nil
	case TierPublic:
		return p.Public, nil
	default:
		return 0, fmt.Errorf("unknown subnet tier %q", t)
	}
}

// Subnet is one subnet of the layout.
type Subnet struct {
	// Tier is the subnet's tier.
	Tier Tier
	// AZIndex is the AZ's position in the configured list; it names the subnet, so names never depend
	// on AZ strings.
	AZIndex int
	// AZ is the availability zone's name.
	AZ string
	// CIDR is the subnet's range.
	CIDR netip.Prefix
}

// Plan carves the subnets of every tier from the VPC CIDR: each tier gets an aligned block of AZSlots
// equal subnets, tiers in the order of Tiers, and AZ i takes slot i of each block. The result is
// deterministic and depends only on its inputs. Every problem is reported, joined.
func Plan(vpcCIDR netip.Prefix, azs []string, sizes PrefixLengths) ([]Subnet, error) {
	var errs []error
	if vpcCIDR.Bits() < minVpcPrefix || vpcCIDR.Bits() > maxVpcPrefix {
		errs = append(errs, fmt.Errorf("VPC CIDR %s: prefix length must be /%d to /%d", vpcCIDR, minVpcPrefix, maxVpcPrefix))
	}
	if len(azs) < MinAZs || len(azs) > AZSlots {
		errs = append(errs, fmt.Errorf("%d availability zones: need %d to %d", len(azs), MinAZs, AZSlots))
	}
	for _, t := range Tiers {
		bits, _ := sizes.of(t) // Tiers holds only known tiers
		if bits < minSubnetPrefix || bits > maxSubnetPrefix {
			errs = append(errs, fmt.Errorf("%s subnets /%d: prefix length must be /%d to /%d", t, bits, minSubnetPrefix, maxSubnetPrefix))
		} else if bits-2 < vpcCIDR.Bits() { // a tier's block holds AZSlots (4 = 2 bits) subnets
			errs = append(errs, fmt.Errorf("%s subnets /%d: %d of them need a /%d, larger than the VPC %s", t, bits, AZSlots, bits-2, vpcCIDR))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	next := addrInt(vpcCIDR.Masked().Addr())
	end := next + blockSize(vpcCIDR.Bits())
	var out []Subnet
	for _, t := range Tiers {
		bits, _ := sizes.of(t)
		block := blockSize(bits - 2)
		next = (next + block - 1) / block * block // align the tier's block to its size
		if next+block > end {
			return nil, fmt.Errorf("subnets do not fit the VPC %s: the %s tier's %d × /%d do not fit after the tiers before it", vpcCIDR, t, AZSlots, bits)
		}
		for i, az := range azs {
			start := next + uint64(i)*blockSize(bits)
			out = append(out, Subnet{Tier: t, AZIndex: i, AZ: az, CIDR: netip.PrefixFrom(intAddr(start), bits)})
		}
		next += block
	}
	return out, nil
}

func blockSize(bits int) uint64 { return 1 << (32 - bits) }

func addrInt(a netip.Addr) uint64 {
	b := a.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

func intAddr(v uint64) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}
