package cost

import (
	"fmt"
	"sort"

	"github.com/insurance/hybridcloud/internal/plan/planread"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

// The hybrid connectivity modes the report compares (config's hybrid modes).
const (
	ModeVPN                  = "vpn"
	ModeDirectConnect        = "directConnect"
	ModeDirectConnectWithVPN = "directConnectWithVpn"
	// ModeDirectConnectEncrypted runs its VPN tunnels over Direct Connect; it is reported as the stack's
	// mode, and costs as directConnectWithVpn does.
	ModeDirectConnectEncrypted = "directConnectEncrypted"
)

// ModeCost is the monthly cost of one connectivity mode at the configured volume.
type ModeCost struct {
	Mode string `json:"mode"`
	// Fixed, Transfer and Total are nil when a price they need is unknown (see Unknown).
	Fixed    *float64 `json:"fixed"`
	Transfer *float64 `json:"transfer"`
	Total    *float64 `json:"total"`
	// Formula shows the computation with the prices used.
	Formula string   `json:"formula"`
	Unknown []string `json:"unknown,omitempty"`
}

// Connectivity is the connectivity decision: what each mode costs a month for the configured volume to
// on premises, and the volume above which Direct Connect alone is cheaper than VPN alone.
type Connectivity struct {
	// CurrentMode is the mode the plan declares (none when it declares no hybrid connectivity).
	CurrentMode string `json:"currentMode"`
	// VolumeGB is the monthly volume sent to on premises (usage toOnPremisesGb); VolumeDefault says
	// whether it is the default.
	VolumeGB      float64 `json:"toOnPremisesGb"`
	VolumeDefault bool    `json:"toOnPremisesGbIsDefault"`
	// VPNConnections and DXPorts are the counts priced: the plan's, at least one each.
	VPNConnections int        `json:"vpnConnections"`
	DXPorts        int        `json:"directConnectPorts"`
	PortSpeed      string     `json:"portSpeed"`
	Modes          []ModeCost `json:"modes"`
	// CarrierPerPort is what each connection costs outside AWS a month (usage dxCarrierUsdPerPort), counted
	// in F_dx; CarrierDefault says whether it is the default.
	CarrierPerPort float64 `json:"carrierUsdPerPort"`
	CarrierDefault bool    `json:"carrierUsdPerPortIsDefault"`
	// BreakevenGB is the monthly volume above which directConnect costs less than vpn; nil when a price is
	// unknown or Direct Connect never catches up.
	BreakevenGB      *float64 `json:"breakevenGb"`
	BreakevenFormula string   `json:"breakevenFormula"`
	// Breakevens compare every pair of modes, the stack's own among them.
	Breakevens []Breakeven `json:"breakevens"`
	Note       string      `json:"note"`
}

// Breakeven is the monthly volume above which mode Costlier-fixed (B) costs less than A; nil when it never
// does or a price is unknown.
type Breakeven struct {
	A       string   `json:"a"`
	B       string   `json:"b"`
	GB      *float64 `json:"gb"`
	Formula string   `json:"formula"`
}

// connectivityPrices are the figures the decision needs, in the stack's region.
type connectivityPrices struct {
	vpnHour, vpnAttachmentHour, internetGB, portHour, dxAttachmentHour, dxGB prices.Price
}

func (p *pricer) connectivity() Connectivity {
	c := Connectivity{
		CurrentMode:    p.currentMode(),
		VolumeGB:       p.in.Usage.Get(UsageToOnPremisesGB),
		VolumeDefault:  !p.in.Usage.IsSet(UsageToOnPremisesGB),
		VPNConnections: max(1, p.countOf(typeVpnConnection, isPublicVPN)),
		DXPorts:        max(1, p.dxPorts()),
		PortSpeed:      p.portSpeed(),
		CarrierPerPort: p.in.Usage.Get(UsageDXCarrierUSDPerPort),
		CarrierDefault: !p.in.Usage.IsSet(UsageDXCarrierUSDPerPort),
		Note:           "Transit Gateway data processing is the same in every mode and left out; data into AWS is free in every mode.",
	}
	t, region, h := p.in.Prices, p.in.Region, p.in.Prices.HoursPerMonth
	pr := connectivityPrices{
		vpnHour:           t.Lookup("site_to_site_vpn.connection_hour", region),
		vpnAttachmentHour: t.Lookup("transit_gateway.attachment_hour_vpn", region),
		internetGB:        t.Lookup("data_transfer.internet_egress_first_10tb_gb", region),
		portHour:          t.Lookup(portKey(c.PortSpeed), region),
		dxAttachmentHour:  t.Lookup("transit_gateway.attachment_hour_dxgw", region),
		dxGB:              t.Lookup("direct_connect.dto_gb_same_area", region),
	}
	nVPN, nPorts, v := float64(c.VPNConnections), float64(c.DXPorts), c.VolumeGB

	vpnFixed := nVPN * (pr.vpnHour.Value + pr.vpnAttachmentHour.Value) * h
	dxFixed := (nPorts*pr.portHour.Value+pr.dxAttachmentHour.Value)*h + nPorts*c.CarrierPerPort
	vpnFixedText := fmt.Sprintf("%d VPN × ($%s + $%s attachment)/h × %s h", c.VPNConnections, formatNum(pr.vpnHour.Value), formatNum(pr.vpnAttachmentHour.Value), formatNum(h))
	dxFixedText := fmt.Sprintf("(%d × $%s %s port + $%s attachment)/h × %s h + %d × $%s carrier and cross-connect", c.DXPorts, formatNum(pr.portHour.Value), c.PortSpeed,
		formatNum(pr.dxAttachmentHour.Value), formatNum(h), c.DXPorts, formatNum(c.CarrierPerPort))

	c.Modes = []ModeCost{
		mode(ModeVPN, vpnFixed, v*pr.internetGB.Value,
			fmt.Sprintf("%s + %s GB × $%s/GB (internet)", vpnFixedText, formatNum(v), formatNum(pr.internetGB.Value)),
			pr.vpnHour, pr.vpnAttachmentHour, pr.internetGB),
		mode(ModeDirectConnect, dxFixed, v*pr.dxGB.Value,
			fmt.Sprintf("%s + %s GB × $%s/GB (Direct Connect)", dxFixedText, formatNum(v), formatNum(pr.dxGB.Value)),
			pr.portHour, pr.dxAttachmentHour, pr.dxGB),
		mode(ModeDirectConnectWithVPN, dxFixed+vpnFixed, v*pr.dxGB.Value,
			fmt.Sprintf("%s + %s + %s GB × $%s/GB (Direct Connect; the VPN stands by)", dxFixedText, vpnFixedText, formatNum(v), formatNum(pr.dxGB.Value)),
			pr.portHour, pr.dxAttachmentHour, pr.dxGB, pr.vpnHour, pr.vpnAttachmentHour),
	}

	all := []prices.Price{pr.vpnHour, pr.vpnAttachmentHour, pr.internetGB, pr.portHour, pr.dxAttachmentHour, pr.dxGB}
	if missing := unknownKeys(all...); len(missing) > 0 {
		c.BreakevenFormula = "unknown: no price for " + fmt.Sprint(missing)
		return c
	}
	perGB := pr.internetGB.Value - pr.dxGB.Value
	c.Breakevens = []Breakeven{
		breakeven(ModeVPN, ModeDirectConnect, vpnFixed, dxFixed, perGB, "F_vpn", "F_dx", pr),
		breakeven(ModeVPN, ModeDirectConnectWithVPN, vpnFixed, dxFixed+vpnFixed, perGB, "F_vpn", "F_dx + F_vpn", pr),
		{A: ModeDirectConnect, B: ModeDirectConnectWithVPN, Formula: fmt.Sprintf(
			"never: both carry the traffic at $%s/GB, and %s always costs F_vpn = %s more (the standby VPN buys resilience, not savings)",
			formatNum(pr.dxGB.Value), ModeDirectConnectWithVPN, money(vpnFixed))},
	}
	c.BreakevenGB, c.BreakevenFormula = c.Breakevens[0].GB, c.Breakevens[0].Formula
	return c
}

// breakeven is the volume above which mode b (higher fixed cost, cheaper per GB) costs less than mode a.
func breakeven(a, b string, fixedA, fixedB, perGB float64, nameA, nameB string, pr connectivityPrices) Breakeven {
	formula := fmt.Sprintf("V* = (%s − %s) / (p_internet − p_dx) = (%s − %s) / (%s − %s)",
		nameB, nameA, money(fixedB), money(fixedA), formatNum(pr.internetGB.Value), formatNum(pr.dxGB.Value))
	out := Breakeven{A: a, B: b}
	if perGB <= 0 {
		out.Formula = formula + ": Direct Connect data out is not cheaper, so it never catches up"
		return out
	}
	be := max(0, (fixedB-fixedA)/perGB)
	out.GB = &be
	out.Formula = fmt.Sprintf("%s = %s GB/month", formula, formatNum(roundTo(be, 2)))
	return out
}

func mode(name string, fixed, transfer float64, formula string, needs ...prices.Price) ModeCost {
	m := ModeCost{Mode: name, Formula: formula, Unknown: unknownKeys(needs...)}
	if len(m.Unknown) == 0 {
		total := fixed + transfer
		m.Fixed, m.Transfer, m.Total = &fixed, &transfer, &total
	}
	return m
}

func unknownKeys(ps ...prices.Price) []string {
	var out []string
	for _, p := range ps {
		if !p.Known {
			out = append(out, p.Key)
		}
	}
	sort.Strings(out)
	return out
}

// currentMode names the mode the plan declares, from what it contains.
func (p *pricer) currentMode() string {
	public := p.countOf(typeVpnConnection, isPublicVPN)
	private := len(p.x.OfType(typeVpnConnection)) - public
	switch dx := p.hasDirectConnect(); {
	case dx && private > 0:
		return ModeDirectConnectEncrypted
	case dx && public > 0:
		return ModeDirectConnectWithVPN
	case dx:
		return ModeDirectConnect
	case public > 0:
		return ModeVPN
	default:
		return "none"
	}
}

// dxPorts counts the distinct Direct Connect connections: ordered ones and existing ones the VIFs use.
func (p *pricer) dxPorts() int {
	ports := map[string]bool{}
	for _, c := range p.x.OfType(typeDXConnection) {
		ports[c.URN] = true
	}
	for _, v := range p.x.OfType(typeTransitVIF) {
		if conn, ok := p.x.Dependency(v, "connectionId", typeDXConnection); ok {
			ports[conn.URN] = true
		} else {
			ports[planread.String(v.Props(), "connectionId")] = true
		}
	}
	return len(ports)
}

// portSpeed is the bandwidth of the first connection the plan orders, else the existing connections' speed.
func (p *pricer) portSpeed() string {
	for _, c := range p.x.OfType(typeDXConnection) {
		if bw := planread.String(c.Props(), "bandwidth"); bw != "" {
			return bw
		}
	}
	return p.existingPortSpeed()
}

// existingPortSpeed is the bandwidth of the connections the stack uses but does not order (usage
// dxPortGbps): dedicated ports come in whole Gbps, hosted ones below 1 Gbps.
func (p *pricer) existingPortSpeed() string {
	gbps := p.in.Usage.Get(UsageDXPortGbps)
	if gbps >= 1 {
		return formatNum(gbps) + "Gbps"
	}
	return formatNum(gbps*1000) + "Mbps"
}
