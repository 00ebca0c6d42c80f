package config

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type decodeInner struct {
	Port int    `json:"port"`
	Name string `json:"name"`
}

type decodeEmbedded struct {
	Shared string `json:"shared"`
}

type decodeSample struct {
	decodeEmbedded
	CIDR    netip.Prefix           `json:"cidr"`
	Addr    netip.Addr             `json:"addr"`
	MultiAZ bool                   `json:"multiAz"`
	Count   int                    `json:"count"`
	Ratio   float64                `json:"ratio"`
	Names   []string               `json:"names"`
	Inner   decodeInner            `json:"inner"`
	Opt     *decodeInner           `json:"opt"`
	ByName  map[string]decodeInner `json:"byName"`
	Derived string                 `json:"-"`
}

// SetDefaults makes every inner value the decoder creates start at port 443.
func (i *decodeInner) SetDefaults() { i.Port = 443 }

func decodeInto(t *testing.T, raw string, into *decodeSample) []string {
	t.Helper()
	p := &parser{project: "hybridcloud"}
	p.decode("hybridcloud:x", []byte(raw), into)
	out := make([]string, 0, len(p.errs))
	for _, e := range p.errs {
		out = append(out, e.Error())
	}
	return out
}

func TestDecodeFillsEveryKindOfField(t *testing.T) {
	var got decodeSample
	errs := decodeInto(t, `{"shared":"s","cidr":"10.0.0.0/16","addr":"10.0.0.1","multiAz":true,"count":3,"ratio":0.5,
		"names":["a","b"],"inner":{"port":80},"opt":{"name":"o"},"byName":{"x":{"port":1},"y":{"name":"n"}}}`, &got)
	require.Empty(t, errs)
	assert.Equal(t, decodeSample{
		decodeEmbedded: decodeEmbedded{Shared: "s"},
		CIDR:           netip.MustParsePrefix("10.0.0.0/16"), Addr: netip.MustParseAddr("10.0.0.1"),
		MultiAZ: true, Count: 3, Ratio: 0.5, Names: []string{"a", "b"},
		Inner: decodeInner{Port: 80}, Opt: &decodeInner{Name: "o", Port: 443},
		ByName: map[string]decodeInner{"x": {Port: 1}, "y": {Name: "n", Port: 443}},
	}, got, "a new optional part or map entry starts from its SetDefaults")
}

func TestDecodeKeepsDefaultsOfFieldsLeftOut(t *testing.T) {
	got := decodeSample{MultiAZ: true, Count: 7, Inner: decodeInner{Port: 443, Name: "keep"}}
	require.Empty(t, decodeInto(t, `{"inner":{"port":80}}`, &got))
	assert.True(t, got.MultiAZ)
	assert.Equal(t, 7, got.Count)
	assert.Equal(t, decodeInner{Port: 80, Name: "keep"}, got.Inner, "a nested default survives a partial object")
}

func TestDecodeRefusesWhatIsNotExactlyTheSettings(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{"a field in the wrong case", `{"MultiAZ":true}`, []string{`hybridcloud:x.MultiAZ: unknown field (did you mean "multiAz"? names are case-sensitive)`}},
		{"an unknown field lists the known ones", `{"colour":1}`, []string{`hybridcloud:x.colour: unknown field (known: addr, byName, cidr, count, inner, multiAz, names, opt, ratio, shared)`}},
		{"a field set twice", `{"count":1,"count":2}`, []string{"hybridcloud:x.count: set twice; keep one"}},
		{"a string for a number", `{"count":"3"}`, []string{`hybridcloud:x.count: got a string "3", want a whole number`}},
		{"a fraction for a whole number", `{"count":1.5}`, []string{"hybridcloud:x.count: 1.5 is not a whole number"}},
		{"a number for a boolean", `{"multiAz":1}`, []string{"hybridcloud:x.multiAz: got a number 1, want true or false"}},
		{"a bad CIDR", `{"cidr":"10.0.0/16"}`, []string{`hybridcloud:x.cidr: "10.0.0/16" is not a CIDR (like 10.0.0.0/16)`}},
		{"an object for a list", `{"names":{"a":1}}`, []string{"hybridcloud:x.names: got an object, want a list"}},
		{"a bad list element", `{"names":["a",2]}`, []string{"hybridcloud:x.names[1]: got a number 2, want a string"}},
		{"a derived field cannot be set", `{"Derived":"x"}`, []string{"hybridcloud:x.Derived: unknown field (known: addr, byName, cidr, count, inner, multiAz, names, opt, ratio, shared)"}},
		{"every problem at once, field by field", `{"count":"x","inner":{"port":"y","nmae":"z"}}`, []string{ //nolint:misspell // the misspelt field is the case
			`hybridcloud:x.count: got a string "x", want a whole number`,
			`hybridcloud:x.inner.port: got a string "y", want a whole number`,
			`hybridcloud:x.inner.nmae: unknown field (known: name, port)`,
		}},
		{"not an object", `[1]`, []string{"hybridcloud:x: got a list, want an object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got decodeSample
			assert.Equal(t, tt.want, decodeInto(t, tt.raw, &got))
		})
	}
}

func TestAFieldThatFailedToDecodeGetsNoFollowOnErrors(t *testing.T) {
	p := &parser{project: "hybridcloud"}
	var got decodeSample
	p.decode("hybridcloud:x", []byte(`{"inner":{"port":"80"}}`), &got)
	p.fail("hybridcloud:x.inner.port", "is required")     // the same key: already reported
	p.fail("hybridcloud:x.inner", "port 0 is not a port") // a parent: still reported
	p.fail("hybridcloud:x.count", "is required")          // another key: reported
	require.Len(t, p.errs, 3)
	assert.Contains(t, p.errs[0].Error(), "hybridcloud:x.inner.port: got a string")
	assert.Equal(t, "hybridcloud:x.inner: port 0 is not a port", p.errs[1].Error())
	assert.Equal(t, "hybridcloud:x.count: is required", p.errs[2].Error())
}
