package cost

import (
	"fmt"
	"sort"
	"strings"
)

// Lever is a change that would lower the stack's bill, with what it saves a month at this report's
// prices and usage figures.
type Lever struct {
	Name     string  `json:"name"`
	Saves    float64 `json:"savesMonthly"`
	Change   string  `json:"change"`
	Tradeoff string  `json:"tradeoff"`
}

// leverCount is how many levers the report ends with.
const leverCount = 3

// levers computes every candidate the report's lines support and keeps the largest three.
func levers(r *Report) []Lever {
	var out []Lever
	for _, f := range []func(*Report) (Lever, bool){backupLever, connectivityLever, resolverLever, endpointLever, natLever} {
		if l, ok := f(r); ok && l.Saves > 0 {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Saves > out[j].Saves })
	if len(out) > leverCount {
		out = out[:leverCount]
	}
	return out
}

// sumLines adds the known monthly amounts of the lines keep selects.
func sumLines(r *Report, keep func(Line) bool) (float64, int) {
	total, n := 0.0, 0
	for _, l := range r.Lines {
		if l.Known() && keep(l) {
			total += *l.Monthly
			n++
		}
	}
	return total, n
}

// backupLever: the file bucket's recovery points in the disaster-recovery vault. The backup account's vault,
// a copy-only vault in the stack's own region, is left out: dropping that copy gives up the account
// separation that guards the backups, not a DR design choice.
func backupLever(r *Report) (Lever, bool) {
	saves, n := sumLines(r, func(l Line) bool {
		return l.Type == typeBackupVault && l.Region != r.Region && strings.HasPrefix(l.Charge, "file bucket copied recovery points")
	})
	return Lever{
		Name:  "file-bucket backup design",
		Saves: saves,
		Change: "stop copying the file bucket's recovery points to the DR vault (replicate the bucket into a cold storage class " +
			"in the DR region instead), or shorten the longest file-bucket retention; the amount is the DR vault's file-bucket storage",
		Tradeoff: "restores in the DR region come from replication (no point-in-time history there) or reach back less far",
	}, n > 0
}

// connectivityLever: the stack's Direct Connect mode against VPN alone at the configured volume.
func connectivityLever(r *Report) (Lever, bool) {
	c := r.Connectivity
	var current, vpn *float64
	for _, m := range c.Modes {
		switch m.Mode {
		case ModeVPN:
			vpn = m.Total
		case c.CurrentMode:
			current = m.Total
		case ModeDirectConnectWithVPN:
			if c.CurrentMode == ModeDirectConnectEncrypted {
				current = m.Total
			}
		}
	}
	if c.CurrentMode == ModeVPN || current == nil || vpn == nil {
		return Lever{}, false
	}
	return Lever{
		Name:  "Direct Connect ports",
		Saves: *current - *vpn,
		Change: fmt.Sprintf("run %s (VPN only) at %s GB a month, or hosted sub-1 Gbps connections; first confirm the real port speed (dxPortGbps) and carrier cost (dxCarrierUsdPerPort)",
			ModeVPN, formatNum(c.VolumeGB)),
		Tradeoff: "Direct Connect is then a latency and resilience choice, not a saving: VPN tunnels share the internet path",
	}, true
}

// resolverLever: Resolver endpoint IPs above the AWS minimum of two per endpoint, else sharing them.
func resolverLever(r *Report) (Lever, bool) {
	total, n := sumLines(r, func(l Line) bool {
		return l.Type == typeResolverEndpoint && strings.HasPrefix(l.Charge, "Resolver endpoint IP")
	})
	if n == 0 {
		return Lever{}, false
	}
	above := 0.0
	for _, l := range r.Lines {
		if l.Type == typeResolverEndpoint && l.Known() && l.Quantity > 2 && strings.HasPrefix(l.Charge, "Resolver endpoint IP") {
			above += *l.Monthly * (l.Quantity - 2) / l.Quantity
		}
	}
	if above > 0 {
		return Lever{
			Name: "Route 53 Resolver endpoints", Saves: above,
			Change:   fmt.Sprintf("hybridcloud:hybrid.dns.endpointIpCount: 2 (the AWS minimum); sharing one endpoint pair with the other stacks (Route 53 Profiles or RAM-shared rules) saves all %s", money(total)),
			Tradeoff: "fewer IPs: less query capacity and one AZ fewer to fail over to",
		}, true
	}
	return Lever{
		Name: "Route 53 Resolver endpoints", Saves: total,
		Change:   "share one inbound/outbound endpoint pair with another stack (Route 53 Profiles or RAM-shared rules)",
		Tradeoff: "the stacks' DNS then depends on the stack that owns the endpoints",
	}, true
}

// lowTrafficEndpoints are interface endpoints that carry little traffic, whose hours are most of their cost.
var lowTrafficEndpoints = []string{"sts", "ecs-telemetry"}

// endpointLever: interface endpoints whose traffic could take the NAT path instead.
func endpointLever(r *Report) (Lever, bool) {
	saves, n := sumLines(r, func(l Line) bool {
		if l.Type != typeVpcEndpoint || !strings.HasPrefix(l.Charge, "interface endpoint hours") {
			return false
		}
		for _, e := range lowTrafficEndpoints {
			if strings.HasSuffix(l.Name, "-"+e) {
				return true
			}
		}
		return false
	})
	return Lever{
		Name: "interface endpoints", Saves: saves,
		Change:   "drop the low-traffic endpoints (" + strings.Join(lowTrafficEndpoints, ", ") + ") from hybridcloud:network.endpoints, or centralise endpoints in a shared-services VPC",
		Tradeoff: "their traffic then leaves through the NAT gateways (processing and egress charges, and an internet path)",
	}, n > 0
}

// natLever: one NAT gateway instead of one per AZ.
func natLever(r *Report) (Lever, bool) {
	hours, n := sumLines(r, func(l Line) bool { return l.Type == typeNatGateway && l.Charge == "NAT gateway hours" })
	ips, _ := sumLines(r, func(l Line) bool { return l.Type == typeEIP })
	if n < 2 {
		return Lever{}, false
	}
	return Lever{
		Name: "NAT gateways", Saves: (hours + ips) * float64(n-1) / float64(n),
		Change:   "hybridcloud:network.natStrategy: single",
		Tradeoff: "egress of every AZ fails with the NAT gateway's AZ, and cross-AZ traffic to it is charged",
	}, true
}
