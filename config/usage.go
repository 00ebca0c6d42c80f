package config

import (
	"encoding/json"
	"maps"
	"slices"

	"github.com/insurance/hybridcloud/internal/report/cost"
)

// usage reads hybridcloud:usage, the figures the cost report assumes: every field a known figure, every value
// a number that is not negative. The section is optional; the report owns the figures and their defaults.
func (p *parser) usage() cost.Usage {
	key := p.key("usage")
	var raw map[string]json.RawMessage
	if !p.object("usage", false, &raw) {
		return cost.Usage{}
	}
	set := map[cost.UsageKey]float64{}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		at := key + "." + name
		var v float64
		if err := json.Unmarshal(raw[name], &v); err != nil {
			p.fail(at, "%s is not a number", raw[name])
			continue
		}
		if err := cost.UsageKey(name).Check(v); err != nil {
			p.fail(at, "%v", err)
			continue
		}
		set[cost.UsageKey(name)] = v
	}
	return cost.NewUsage(set)
}
