package cost

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the report as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for people: a table of charges per component with subtotals, the totals,
// what is unknown, not priced or free, the usage assumptions and the connectivity decision.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Monthly cost estimate of stack %q in %s, from its offline plan (no AWS calls)\n", r.Stack, r.Region)
	fmt.Fprintf(&b, "Prices: %s, as of %s; hourly charges × %s h a month.\n", r.PriceTable, r.PricesAsOf, formatNum(r.HoursPerMonth))
	b.WriteString("Charges marked * rest on an assumption: a usage figure (hybridcloud:usage, listed below) or as noted; ? marks an unknown price.\n")

	for _, s := range r.Components {
		var rows strings.Builder
		fmt.Fprintf(&rows, "\n%s (%s)\n", s.Component, s.Type)
		rows.WriteString("  TYPE\tNAME\tCHARGE\tQUANTITY\tUNIT PRICE\tMONTHLY\n")
		for _, l := range r.Lines {
			if l.Component != s.Component {
				continue
			}
			mark := " "
			if l.Assumption != "" {
				mark = "*"
			}
			fmt.Fprintf(&rows, "  %s\t%s\t%s %s\t%s\t%s\t%s\n", shortType(l.Type), l.Name, mark, l.Charge, quantity(l), unitPrice(l), monthly(l))
		}
		fmt.Fprintf(&rows, "  \t\t  subtotal\t\t\t%s\n", subtotal(s))
		if err := tabulate(&b, rows.String()); err != nil {
			return err
		}
	}

	fmt.Fprintf(&b, "\nTotal per month: %s (fixed %s + usage %s)", money(r.Total), money(r.Fixed), money(r.Usage))
	if r.Unknown > 0 {
		fmt.Fprintf(&b, "; %d charge(s) with an unknown price are NOT included", r.Unknown)
	}
	b.WriteString("\n")
	if r.Unknown > 0 {
		b.WriteString("\nUnknown prices (add sourced figures to the price table):\n")
		for _, l := range r.Lines {
			if !l.Known() {
				fmt.Fprintf(&b, "  ? %s %s: %s: %s\n", shortType(l.Type), l.Name, l.Charge, l.Note)
			}
		}
	}
	if len(r.OneOff) > 0 {
		b.WriteString("\nOne-off charges (paid once, in no monthly total):\n")
		for _, l := range r.OneOff {
			fmt.Fprintf(&b, "  %s %s: %s: %s at %s = %s (%s)\n", shortType(l.Type), l.Name, l.Charge, quantity(l), unitPrice(l), monthly(l), l.Assumption)
		}
	}
	writeTypeCounts(&b, "Not priced (no rule, not in the totals)", r.NotPriced)
	writeTypeCounts(&b, "Free", r.Free)

	b.WriteString("\nUsage assumptions (hybridcloud:usage; docs/cost.md):\n")
	var rows strings.Builder
	for _, a := range r.Assumptions {
		origin, value := "stack config", formatNum(a.Value)+" "+a.Unit
		switch {
		case a.DefaultFrom != "" && a.Value == 0:
			origin, value = "default", "from the plan: "+a.DefaultFrom
		case a.DefaultFrom != "":
			origin = "default: " + a.DefaultFrom + "'s value"
		case a.Default:
			origin = "default"
		}
		fmt.Fprintf(&rows, "  %s\t%s\t%s\t%s\n", a.Key, value, origin, a.Doc)
	}
	if err := tabulate(&b, rows.String()); err != nil {
		return err
	}
	if err := writeConnectivity(&b, r.Connectivity); err != nil {
		return err
	}
	writeLevers(&b, r.Levers)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTypeCounts(b *strings.Builder, title string, list []TypeCount) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s:\n", title)
	for _, c := range list {
		fmt.Fprintf(b, "  %3d × %s: %s\n", c.Count, c.Type, c.Reason)
	}
}

func writeConnectivity(b *strings.Builder, c Connectivity) error {
	origin := "stack config"
	if c.VolumeDefault {
		origin = "default"
	}
	fmt.Fprintf(b, "\nConnectivity decision for %s GB a month sent to on premises (toOnPremisesGb, %s); this stack's mode: %s\n",
		formatNum(c.VolumeGB), origin, c.CurrentMode)
	var rows strings.Builder
	for _, m := range c.Modes {
		total := "unknown (no price for " + strings.Join(m.Unknown, ", ") + ")"
		if m.Total != nil {
			total = money(*m.Total)
		}
		fmt.Fprintf(&rows, "  %s\t%s\t= %s\n", m.Mode, total, m.Formula)
	}
	if err := tabulate(b, rows.String()); err != nil {
		return err
	}
	carrier := "stack config"
	if c.CarrierDefault {
		carrier = "default"
	}
	fmt.Fprintf(b, "  * F_dx counts %d × $%s a month of carrier circuit and cross-connect outside AWS (dxCarrierUsdPerPort, %s); port speed %s.\n",
		c.DXPorts, formatNum(c.CarrierPerPort), carrier, c.PortSpeed)
	b.WriteString("  Breakevens (the second mode costs less above V*):\n")
	for _, be := range c.Breakevens {
		fmt.Fprintf(b, "  %s → %s: %s\n", be.A, be.B, be.Formula)
	}
	fmt.Fprintf(b, "  (F: fixed monthly cost of the mode; p: price per GB sent to on premises.) %s\n", c.Note)
	return nil
}

func writeLevers(b *strings.Builder, levers []Lever) {
	if len(levers) == 0 {
		return
	}
	b.WriteString("\nBiggest levers for this stack (monthly saving at these prices and usage figures):\n")
	for i, l := range levers {
		fmt.Fprintf(b, "  %d. %s: saves %s a month.\n     Change: %s.\n     Trade-off: %s.\n", i+1, l.Name, money(l.Saves), l.Change, l.Tradeoff)
	}
}

// tabulate aligns tab-separated rows into columns and appends them to b.
func tabulate(b *strings.Builder, rows string) error {
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	if _, err := io.WriteString(tw, rows); err != nil {
		return err
	}
	return tw.Flush()
}

// shortType drops the provider and the repeated resource name: "aws:ec2/natGateway:NatGateway" → "ec2/natGateway".
func shortType(t string) string {
	parts := strings.Split(t, ":")
	if len(parts) == 3 {
		return parts[1]
	}
	return t
}

func quantity(l Line) string {
	q := formatNum(roundTo(l.Quantity, 2)) + " " + l.QuantityUnit
	if l.Hours > 0 {
		q += " × " + formatNum(l.Hours) + " h"
	}
	return q
}

func unitPrice(l Line) string {
	if l.UnitPrice == nil {
		return "?"
	}
	unit := strings.TrimPrefix(l.PriceUnit, "USD")
	return "$" + formatNum(*l.UnitPrice) + unit
}

func monthly(l Line) string {
	if l.Monthly == nil {
		return "?"
	}
	return money(*l.Monthly)
}

func subtotal(s Subtotal) string {
	out := money(s.Total)
	if s.Unknown > 0 {
		out += fmt.Sprintf(" + %d unknown", s.Unknown)
	}
	return out
}

// money formats dollars with cents and thousands separators.
func money(v float64) string {
	s := fmt.Sprintf("%.2f", math.Abs(v))
	whole, cents := s[:len(s)-3], s[len(s)-3:]
	var groups []string
	for len(whole) > 3 {
		groups = append([]string{whole[len(whole)-3:]}, groups...)
		whole = whole[:len(whole)-3]
	}
	groups = append([]string{whole}, groups...)
	sign := ""
	if v < 0 {
		sign = "-"
	}
	return sign + "$" + strings.Join(groups, ",") + cents
}

func roundTo(v float64, places int) float64 {
	f := math.Pow(10, float64(places))
	return math.Round(v*f) / f
}
