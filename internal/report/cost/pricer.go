package cost

import (
	"fmt"
	"strings"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/plan/planread"
)

// pricer prices one plan: it indexes the resources so a rule can follow a dependency (an Auto Scaling
// group to its launch template, a file share to its bucket) and count the resources a usage figure is
// shared among.
type pricer struct {
	in Inputs
	x  *planread.Index
	// componentTypes maps the name of each component that has lines to its type token.
	componentTypes map[string]string
	// oneOff collects charges paid once, not monthly (the first full copy of a backup to another region).
	oneOff []Line
}

// outcome is what a rule says about one resource: its lines, or why it has none.
type outcome struct {
	lines     []Line
	free      string
	notPriced string
}

func newPricer(resources []plan.Resource, in Inputs) *pricer {
	return &pricer{in: in, x: planread.New(resources), componentTypes: map[string]string{}}
}

func isProvider(typ string) bool { return strings.HasPrefix(typ, "pulumi:providers:") }

// price applies the rule for the resource's type.
func (p *pricer) price(r plan.Resource) outcome {
	if rule, ok := rules[r.Type]; ok {
		return rule(p, r)
	}
	if reason, ok := freeTypes[r.Type]; ok {
		return outcome{free: reason}
	}
	return outcome{notPriced: "no pricing rule for this type"}
}

// component returns the top-level component a resource belongs to; "stack" for none.
func (p *pricer) component(r plan.Resource) plan.Resource {
	if c, ok := p.x.Component(r); ok {
		return c
	}
	return plan.Resource{Name: "stack"}
}

// charge is what a rule asks for: a quantity of something, priced by one dimension of the table.
type charge struct {
	what     string
	quantity float64
	unit     string
	hourly   bool
	key      string
	note     string
	// region is where the charge is priced; the resource's region when empty.
	region string
}

// base makes the line of a charge without its price.
func (p *pricer) base(r plan.Resource, c charge) Line {
	comp := p.component(r)
	p.componentTypes[comp.Name] = comp.Type
	l := Line{
		Component: comp.Name, Type: r.Type, Name: r.Name,
		Charge: c.what, Quantity: c.quantity, QuantityUnit: c.unit,
		PriceKey: c.key, Region: c.region, Note: c.note,
	}
	if l.Region == "" {
		l.Region = p.x.Region(r, p.in.Region)
	}
	if c.hourly {
		l.Hours = p.in.Prices.HoursPerMonth
	}
	return l
}

// fixed makes the line of a charge that does not depend on usage.
func (p *pricer) fixed(r plan.Resource, c charge) Line {
	l := p.base(r, c)
	price := p.in.Prices.Lookup(c.key, l.Region)
	l.PriceUnit, l.Source = price.Unit, price.Source
	if !price.Known {
		l.Note = join(price.Why, l.Note)
		return l
	}
	unit, monthly := price.Value, c.quantity*price.Value
	if c.hourly {
		monthly *= l.Hours
	}
	l.UnitPrice, l.Monthly = &unit, &monthly
	return l
}

// unknown makes the line of a charge the plan cannot price, saying why.
func (p *pricer) unknown(r plan.Resource, c charge, why string) Line {
	c.key = ""
	l := p.base(r, c)
	l.Note = join(why, l.Note)
	return l
}

// usage makes the line of a usage-based charge: the figure k (times scale, to convert units), shared
// evenly among `among` resources named by noun.
func (p *pricer) usage(r plan.Resource, c charge, k UsageKey, scale float64, among int, noun string) Line {
	return p.usageOf(r, c, k, p.in.Usage.Get(k), p.origin(k), scale, among, noun)
}

// origin says where the value of figure k comes from: the stack, or which default.
func (p *pricer) origin(k UsageKey) string {
	if p.in.Usage.IsSet(k) {
		return "stack config"
	}
	if f, _ := usageFigure(k); f.SameAs != "" {
		return "default: " + string(f.SameAs) + "'s value"
	}
	return "default"
}

// usageOf makes the line of a usage-based charge from a figure the caller has resolved (a default the plan
// answers, or a quantity derived from several figures); origin says where it came from.
func (p *pricer) usageOf(r plan.Resource, c charge, k UsageKey, figure float64, origin string, scale float64, among int, noun string) Line {
	if among < 1 {
		among = 1
	}
	c.quantity = figure * scale / float64(among)
	l := p.fixed(r, c)
	l.UsageKey = k
	l.Assumption = fmt.Sprintf("usage %s = %s (%s)", k, formatNum(figure), origin)
	if among > 1 {
		l.Assumption += fmt.Sprintf(", shared by %d %s", among, noun)
	}
	return l
}

func join(parts ...string) string {
	var out []string
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "; ")
}

// formatNum formats a quantity without trailing zeros.
func formatNum(v float64) string {
	s := fmt.Sprintf("%.6f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

// withQuantity returns l with quantity q, its monthly amount recomputed when the price is known.
func withQuantity(l Line, q float64) Line {
	l.Quantity = q
	if l.UnitPrice != nil {
		v := q * *l.UnitPrice
		if l.Hours > 0 {
			v *= l.Hours
		}
		l.Monthly = &v
	}
	return l
}
