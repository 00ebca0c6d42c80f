package config

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decode reads the JSON value raw of key into into, a pointer to a component's settings (already holding
// its defaults, which fields the stack leaves out keep). Decoding is strict and goes field by field:
//   - a field matches its `json` tag exactly, case included, so `MultiAZ` never passes for `multiAz`;
//   - an unknown field, or one written twice, is an error;
//   - a value of the wrong type fails only its own field, which keeps its default and is remembered, so
//     the checks that follow do not pile further errors on that key (see fail).
//
// Every problem is reported, each naming its full key (hybridcloud:network.cidr). Fields tagged `json:"-"`
// are not settable from config; a map entry, list element or optional part starts from its SetDefaults.
func (p *parser) decode(key string, raw []byte, into any) {
	p.decodeValue(key, raw, reflect.ValueOf(into).Elem())
}

var (
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// defaulter is a settings value that knows its defaults. A map entry, a list element or an optional part
// the stack file adds starts from them instead of from zero, as a whole section starts from its
// Default…Settings().
type defaulter interface{ SetDefaults() }

// fresh returns a new value of type t, holding its defaults when it has them.
func fresh(t reflect.Type) reflect.Value {
	v := reflect.New(t)
	if d, ok := v.Interface().(defaulter); ok {
		d.SetDefaults()
	}
	return v.Elem()
}

// textKinds describe, for messages, the values of types decoded from a JSON string by UnmarshalText.
var textKinds = map[reflect.Type]string{
	reflect.TypeFor[netip.Prefix](): "a CIDR (like 10.0.0.0/16)",
	reflect.TypeFor[netip.Addr]():   "an IP address (like 10.0.0.10)",
}

func (p *parser) decodeValue(key string, raw []byte, v reflect.Value) {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		return // absent: the default stands
	}
	t := v.Type()
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		p.decodeText(key, raw, v)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := fresh(t.Elem())
		if !v.IsNil() {
			elem.Set(v.Elem())
		}
		p.decodeValue(key, raw, elem)
		v.Set(elem.Addr())
	case reflect.Struct:
		p.decodeStruct(key, raw, v)
	case reflect.Map:
		p.decodeMap(key, raw, v)
	case reflect.Slice:
		p.decodeSlice(key, raw, v)
	case reflect.String:
		var s string
		if p.scalar(key, raw, &s, "a string") {
			v.SetString(s)
		}
	case reflect.Bool:
		var b bool
		if p.scalar(key, raw, &b, "true or false") {
			v.SetBool(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if raw[0] == '"' { // a json.Number would take "3"
			p.failDecode(key, "got %s, want a whole number", jsonKind(raw))
			return
		}
		var n json.Number
		if !p.scalar(key, raw, &n, "a whole number") {
			return
		}
		i, err := strconv.ParseInt(n.String(), 10, 64)
		if err != nil || v.OverflowInt(i) {
			p.failDecode(key, "%s is not a whole number", n)
			return
		}
		v.SetInt(i)
	case reflect.Float32, reflect.Float64:
		var f float64
		if p.scalar(key, raw, &f, "a number") {
			v.SetFloat(f)
		}
	default:
		panic(fmt.Sprintf("config: decode has no rule for %s (%s)", t, key)) // a settings type the decoder does not know
	}
}

// scalar decodes one JSON scalar, naming what was wanted when the JSON type differs.
func (p *parser) scalar(key string, raw []byte, into any, want string) bool {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(into); err != nil {
		p.failDecode(key, "got %s, want %s", jsonKind(raw), want)
		return false
	}
	return true
}

func (p *parser) decodeText(key string, raw []byte, v reflect.Value) {
	var s string
	what := textKinds[v.Type()]
	if what == "" {
		what = "a " + v.Type().String()
	}
	if !p.scalar(key, raw, &s, "a string: "+what) {
		return
	}
	if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
		p.failDecode(key, "%q is not %s", s, what)
	}
}

func (p *parser) decodeStruct(key string, raw []byte, v reflect.Value) {
	fields := map[string][]int{}
	collectFields(v.Type(), nil, fields)
	p.members(key, raw, "an object", func(name string, value []byte) {
		index, ok := fields[name]
		if !ok {
			p.failDecode(key+"."+name, "unknown field%s", suggestion(name, slices.Collect(maps.Keys(fields))))
			return
		}
		field := v.FieldByIndex(index)
		p.decodeValue(key+"."+name, value, field)
		if kind := v.Type().FieldByIndex(index).Tag.Get("secret"); kind != "" && field.Kind() == reflect.String {
			p.secretField(key+"."+name, kind, field)
		}
	})
}

// collectFields maps the JSON names of t's settable fields to their index paths. The fields of an embedded
// struct count as the outer struct's own, as in encoding/json: a config section can then combine two
// components' settings in one object.
func collectFields(t reflect.Type, prefix []int, into map[string][]int) {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(slices.Clone(prefix), i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous && f.Type.Kind() == reflect.Struct && name == "":
			collectFields(f.Type, index, into)
		case !f.IsExported() || name == "-" || name == "":
		default:
			into[name] = index
		}
	}
}

// suggestion names the known field a misspelt one most likely meant: the same name in another case.
func suggestion(name string, known []string) string {
	for _, k := range known {
		if strings.EqualFold(k, name) {
			return fmt.Sprintf(" (did you mean %q? names are case-sensitive)", k)
		}
	}
	slices.Sort(known)
	return fmt.Sprintf(" (known: %s)", strings.Join(known, ", "))
}

func (p *parser) decodeMap(key string, raw []byte, v reflect.Value) {
	if v.Type().Key().Kind() != reflect.String {
		panic(fmt.Sprintf("config: decode takes maps keyed by string, not %s (%s)", v.Type(), key))
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	p.members(key, raw, "an object", func(name string, value []byte) {
		elem := fresh(v.Type().Elem())
		if old := v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key())); old.IsValid() {
			elem.Set(old)
		}
		p.decodeValue(key+"."+name, value, elem)
		v.SetMapIndex(reflect.ValueOf(name).Convert(v.Type().Key()), elem)
	})
}

func (p *parser) decodeSlice(key string, raw []byte, v reflect.Value) {
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		p.failDecode(key, "got %s, want a list", jsonKind(raw))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		out.Index(i).Set(fresh(v.Type().Elem()))
		p.decodeValue(indexed(key, i), item, out.Index(i))
	}
	v.Set(out)
}

// members walks the members of a JSON object in order, refusing a member written twice: JSON decoders keep
// the last one silently.
func (p *parser) members(key string, raw []byte, want string, each func(name string, value []byte)) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		p.failDecode(key, "got %s, want %s", jsonKind(raw), want)
		return
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p.failDecode(key, "not valid JSON: %v", err)
			return
		}
		name := tok.(string) // inside an object, a token in key position is a string
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			p.failDecode(key+"."+name, "not valid JSON: %v", err)
			return
		}
		if seen[name] {
			p.failDecode(key+"."+name, "set twice; keep one")
			continue
		}
		seen[name] = true
		each(name, value)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		p.failDecode(key, "not valid JSON: %v", err)
		return
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		p.failDecode(key, "unexpected data after the object")
	}
}

// jsonKind names the JSON type of raw for messages: "a JSON string", "a JSON number", and so on.
func jsonKind(raw []byte) string {
	switch b := bytes.TrimSpace(raw); {
	case len(b) == 0:
		return "nothing"
	case b[0] == '"':
		return "a string " + string(b)
	case b[0] == '{':
		return "an object"
	case b[0] == '[':
		return "a list"
	case b[0] == 't' || b[0] == 'f':
		return "a boolean " + string(b)
	default:
		return "a number " + string(b)
	}
}
