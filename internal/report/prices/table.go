package prices

import (
	"bytes"
	_ "embed" // the default table ships inside the binary
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// DefaultFile is the price table in the repository, the one Load reads when given no path.
const DefaultFile = "internal/report/prices/aws-prices.yaml"

//go:embed aws-prices.yaml
var defaultTable []byte

// Table is a parsed, validated price table.
type Table struct {
	// File names where the table came from, for the report header.
	File string
	// AsOf is the table's as-of date, as written in it.
	AsOf string
	// HoursPerMonth turns hourly prices into monthly ones (730).
	HoursPerMonth float64
	// Regions are the regions the table has columns for.
	Regions    []string
	dimensions map[string]dimension
}

type dimension struct {
	unit    string
	figures map[string]figure // by region
}

type figure struct {
	value *float64
	src   string
}

// Price is one dimension's figure in one region.
type Price struct {
	// Key is the dimension ("nat_gateway.hour"); Region the region looked up.
	Key, Region string
	// Unit is what the value is per ("USD/h", "USD/GB").
	Unit string
	// Value is the price; meaningful only when Known.
	Value float64
	// Known is false when the table has no figure: no such dimension, no column for the region, or a null
	// value. Why says which.
	Known bool
	Why   string
	// Source names where the figure was read.
	Source string
}

// Load reads the price table at path, or the embedded default table when path is empty.
func Load(path string) (*Table, error) {
	if path == "" {
		return Parse(DefaultFile, defaultTable)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("prices: %w", err)
	}
	return Parse(filepath.Base(path), b)
}

type fileShape struct {
	AsOf          string                          `yaml:"as_of"`
	HoursPerMonth float64                         `yaml:"hours_per_month"`
	Regions       []string                        `yaml:"regions"`
	Prices        map[string]map[string]yaml.Node `yaml:"prices"`
}

// Parse decodes and validates a price table; name is used in error messages. Every problem is reported,
// each naming its entry.
func Parse(name string, b []byte) (*Table, error) {
	var raw fileShape
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("prices: %s does not parse: %w", name, err)
	}
	var errs []error
	fail := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if strings.TrimSpace(raw.AsOf) == "" {
		fail("as_of", "required: the date the figures were read")
	}
	if raw.HoursPerMonth <= 0 {
		fail("hours_per_month", "required and positive (730)")
	}
	if len(raw.Regions) == 0 {
		fail("regions", "required: the regions the table has figures for")
	}
	t := &Table{File: name, AsOf: raw.AsOf, HoursPerMonth: raw.HoursPerMonth, Regions: raw.Regions, dimensions: map[string]dimension{}}
	keys := make([]string, 0, len(raw.Prices))
	for k := range raw.Prices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		path := "prices." + key
		d := dimension{figures: map[string]figure{}}
		fields := raw.Prices[key]
		if unit := fields["unit"]; unit.Kind != yaml.ScalarNode || strings.TrimSpace(unit.Value) == "" {
			fail(path, "no unit (like \"USD/h\")")
		} else {
			d.unit = unit.Value
		}
		regions := make([]string, 0, len(fields))
		for region := range fields {
			if region != "unit" {
				regions = append(regions, region)
			}
		}
		sort.Strings(regions)
		for _, region := range regions {
			at := path + "." + region
			if !slices.Contains(raw.Regions, region) {
				fail(at, "unknown region (the table's regions: %s)", strings.Join(raw.Regions, ", "))
				continue
			}
			f, err := decodeFigure(fields[region])
			if err != nil {
				fail(at, "%v", err)
				continue
			}
			d.figures[region] = f
		}
		t.dimensions[key] = d
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("prices: %s is invalid:\n%w", name, err)
	}
	return t, nil
}

// decodeFigure reads {value: <number|null>, src: "<source>"}: nothing else, a value never negative, and a
// value always with its source.
func decodeFigure(n yaml.Node) (figure, error) {
	if n.Kind != yaml.MappingNode {
		return figure{}, errors.New("want {value: <number or null>, src: <source>}")
	}
	var f figure
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		switch k {
		case "value":
			if v.Tag == "!!null" {
				continue
			}
			var x float64
			if err := v.Decode(&x); err != nil {
				return figure{}, fmt.Errorf("value %q is not a number", v.Value)
			}
			if x < 0 {
				return figure{}, fmt.Errorf("value %v is negative", x)
			}
			f.value = &x
		case "src":
			f.src = v.Value
		default:
			return figure{}, fmt.Errorf("unknown field %q (want value and src)", k)
		}
	}
	if f.value != nil && strings.TrimSpace(f.src) == "" {
		return figure{}, errors.New("a value needs its src (where and when it was read)")
	}
	return f, nil
}

// HasRegion reports whether the table has a column for region.
func (t *Table) HasRegion(region string) bool { return slices.Contains(t.Regions, region) }

// CheckRegion returns an error naming the table's regions when region is not one of them.
func (t *Table) CheckRegion(region string) error {
	if !t.HasRegion(region) {
		return fmt.Errorf("prices: region %q is not in %s (its regions: %s); add a column for it", region, t.File, strings.Join(t.Regions, ", "))
	}
	return nil
}

// Lookup returns the figure for key in region; an unknown figure comes back with Known false and the
// reason, never as a zero price.
func (t *Table) Lookup(key, region string) Price {
	p := Price{Key: key, Region: region}
	d, ok := t.dimensions[key]
	switch {
	case !ok:
		p.Why = "no " + key + " in the price table"
		return p
	case !t.HasRegion(region):
		p.Unit = d.unit
		p.Why = "the price table has no column for " + region
		return p
	}
	p.Unit = d.unit
	f := d.figures[region]
	p.Source = f.src
	if f.value == nil {
		p.Why = "no sourced figure for " + key + " in " + region
		return p
	}
	p.Value, p.Known = *f.value, true
	return p
}
