package cost

import (
	"errors"
	"sort"

	"github.com/insurance/hybridcloud/internal/plan"
	"github.com/insurance/hybridcloud/internal/report/prices"
)

// Inputs are what a report is computed from besides the plan.
type Inputs struct {
	// Stack is the stack name, for the header.
	Stack string
	// Region is the stack's region (aws:region); resources on a provider for another region are priced there.
	Region string
	// Usage holds the usage figures (defaults where the stack sets none).
	Usage Usage
	// Prices is the price table.
	Prices *prices.Table
}

// Line is one charge of one resource.
type Line struct {
	// Component is the top-level component the resource belongs to ("prod-vpc"); "stack" for none.
	Component string `json:"component"`
	// Type and Name identify the resource.
	Type string `json:"type"`
	Name string `json:"name"`
	// Charge says what is charged ("NAT gateway hours").
	Charge string `json:"charge"`
	// Quantity of QuantityUnit; for hourly charges it is multiplied by Hours too.
	Quantity     float64 `json:"quantity"`
	QuantityUnit string  `json:"quantityUnit"`
	// Hours is the hours a month of an hourly charge; 0 for other charges.
	Hours float64 `json:"hours,omitempty"`
	// PriceKey is the price table dimension; Region the column it was read from.
	PriceKey string `json:"priceKey"`
	Region   string `json:"region"`
	// UnitPrice and Monthly are nil when the price is unknown (see Note).
	UnitPrice *float64 `json:"unitPrice"`
	PriceUnit string   `json:"priceUnit,omitempty"`
	Monthly   *float64 `json:"monthly"`
	// UsageKey names the usage figure the quantity comes from; empty for fixed charges.
	UsageKey UsageKey `json:"usageKey,omitempty"`
	// Assumption explains how the usage figure became the quantity.
	Assumption string `json:"assumption,omitempty"`
	// Note explains an unknown price or a limit of the estimate.
	Note string `json:"note,omitempty"`
	// Source names where the price was read.
	Source string `json:"source,omitempty"`
}

// Known reports whether the line has a price.
func (l Line) Known() bool { return l.Monthly != nil }

// Subtotal is one component's share of the bill.
type Subtotal struct {
	Component string  `json:"component"`
	Type      string  `json:"type"`
	Fixed     float64 `json:"fixed"`
	Usage     float64 `json:"usage"`
	Total     float64 `json:"total"`
	Unknown   int     `json:"unknownCharges"`
}

// TypeCount lists resources of one type that carry no line, with why.
type TypeCount struct {
	Type   string `json:"type"`
	Count  int    `json:"count"`
	Reason string `json:"reason"`
}

// Assumption is one usage figure the report used.
type Assumption struct {
	Key     UsageKey `json:"key"`
	Value   float64  `json:"value"`
	Unit    string   `json:"unit"`
	Default bool     `json:"default"`
	Doc     string   `json:"doc"`
	// DefaultFrom says what a default comes from when it is not a number of its own: another figure, or
	// what the plan declares (Value is then 0; the lines say the value used).
	DefaultFrom string `json:"defaultFrom,omitempty"`
}

// Report is a stack's monthly cost estimate.
type Report struct {
	Stack         string  `json:"stack"`
	Region        string  `json:"region"`
	PriceTable    string  `json:"priceTable"`
	PricesAsOf    string  `json:"pricesAsOf"`
	HoursPerMonth float64 `json:"hoursPerMonth"`
	Lines         []Line  `json:"lines"`
	// Components are the subtotals, in the order of Lines.
	Components []Subtotal `json:"components"`
	// Fixed is the known monthly cost that does not depend on usage; Usage the known usage-based cost.
	Fixed float64 `json:"fixed"`
	Usage float64 `json:"usage"`
	Total float64 `json:"total"`
	// Unknown counts the lines whose price is unknown, left out of every total.
	Unknown int `json:"unknownCharges"`
	// Free and NotPriced list the resources without lines.
	Free      []TypeCount `json:"free"`
	NotPriced []TypeCount `json:"notPriced"`
	// Assumptions are every usage figure, with whether it is the default.
	Assumptions []Assumption `json:"assumptions"`
	// OneOff are charges paid once (the first full copy of the backups to another region), in no total.
	OneOff []Line `json:"oneOff,omitempty"`
	// Connectivity compares the hybrid modes for the configured volume to on premises.
	Connectivity Connectivity `json:"connectivity"`
	// Levers are the three changes that would save this stack the most, largest first.
	Levers []Lever `json:"levers"`
}

// Build prices every resource of a plan.
func Build(res *plan.Result, in Inputs) (*Report, error) {
	if in.Prices == nil {
		return nil, errors.New("cost: a price table is required")
	}
	if err := in.Prices.CheckRegion(in.Region); err != nil {
		return nil, err
	}
	p := newPricer(res.Resources, in)
	r := &Report{
		Stack: in.Stack, Region: in.Region, PriceTable: in.Prices.File,
		PricesAsOf: in.Prices.AsOf, HoursPerMonth: in.Prices.HoursPerMonth,
	}
	free := map[string]*TypeCount{}
	notPriced := map[string]*TypeCount{}
	for _, res := range res.Resources {
		if !res.Custom || isProvider(res.Type) {
			continue
		}
		out := p.price(res)
		switch {
		case len(out.lines) > 0:
			r.Lines = append(r.Lines, out.lines...)
		case out.free != "":
			count(free, res.Type, out.free)
		default:
			count(notPriced, res.Type, out.notPriced)
		}
	}
	sort.SliceStable(r.Lines, func(i, j int) bool { return r.Lines[i].Component < r.Lines[j].Component })
	r.total(p)
	r.Free, r.NotPriced = sorted(free), sorted(notPriced)
	for _, f := range UsageFigures() {
		a := Assumption{Key: f.Key, Value: in.Usage.Get(f.Key), Unit: f.Unit, Default: !in.Usage.IsSet(f.Key), Doc: f.Doc}
		switch {
		case !a.Default:
		case f.FromPlan != "":
			a.DefaultFrom = f.FromPlan
		case f.SameAs != "":
			a.DefaultFrom = string(f.SameAs)
		}
		r.Assumptions = append(r.Assumptions, a)
	}
	r.OneOff = p.oneOff
	r.Connectivity = p.connectivity()
	r.Levers = levers(r)
	return r, nil
}

func (r *Report) total(p *pricer) {
	index := map[string]int{}
	for _, l := range r.Lines {
		i, ok := index[l.Component]
		if !ok {
			i = len(r.Components)
			index[l.Component] = i
			r.Components = append(r.Components, Subtotal{Component: l.Component, Type: p.componentTypes[l.Component]})
		}
		s := &r.Components[i]
		switch {
		case !l.Known():
			s.Unknown++
			r.Unknown++
		case l.UsageKey != "":
			s.Usage += *l.Monthly
			r.Usage += *l.Monthly
		default:
			s.Fixed += *l.Monthly
			r.Fixed += *l.Monthly
		}
		s.Total = s.Fixed + s.Usage
	}
	r.Total = r.Fixed + r.Usage
}

func count(m map[string]*TypeCount, typ, reason string) {
	if c, ok := m[typ]; ok {
		c.Count++
		return
	}
	m[typ] = &TypeCount{Type: typ, Count: 1, Reason: reason}
}

func sorted(m map[string]*TypeCount) []TypeCount {
	out := make([]TypeCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}
