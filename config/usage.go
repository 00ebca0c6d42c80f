package config

import (
	"maps"
	"slices"

	"github.com/insurance/hybridcloud/internal/report/cost"
)

// usage reads hybridcloud:usage, the figures the cost report assumes: every field a known figure, every value
// a number that is not negative. The section is optional; the report owns the figures and their defaults.
func (p *parser) usage() cost.Usage {
	key := p.key("usage")
	raw, ok := p.section("usage", false)
	if !ok {
		return cost.Usage{}
	}
	var figures map[string]float64
	p.decode(key, raw, &figures)
	set := map[cost.UsageKey]float64{}
	for _, name := range slices.Sorted(maps.Keys(figures)) {
		at, v := key+"."+name, figures[name]
		if err := cost.UsageKey(name).Check(v); err != nil {
			p.fail(at, "%v", err)
			continue
		}
		set[cost.UsageKey(name)] = v
	}
	return cost.NewUsage(set)
}
